package dev.custodian.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds calendar periods to instants in one zone: the retention calendar. Instants are UTC; only the
 * arithmetic uses the zone, never the JVM default. The calendar is monotone: the end of a period
 * never moves backwards when its start moves forwards, so that a sweep may select expired records
 * with a time cutoff and never take a record the classifier would still keep. Plain
 * {@code ZonedDateTime.plus(Period)} is not (31 January plus a month ends before 30 January plus a
 * month at a later hour; DST gaps and overlaps fold hours), hence these rules:
 *
 * <ul>
 *   <li>The local date-time moves by the period's months, then its days, as in {@code java.time}.
 *   <li>When the target month lacks the day (31 January plus one month), the period ends at the
 *       <em>end</em> of the target month's last day: one month from 31 January is the end of
 *       February (midnight starting 1 March, local). {@code java.time} would say 28 February at the
 *       same hour; this is later, never earlier.
 *   <li>A local time in a DST gap resolves to the end of the gap (the transition instant), where
 *       {@code java.time} shifts it by the gap's length: up to the gap's length (an hour in Paris)
 *       earlier.
 *   <li>A local time repeated by a DST overlap resolves to its later instant, and a start inside
 *       the repeated hour's second pass counts from the end of the repeated hour: never earlier.
 * </ul>
 *
 * <p>Otherwise the result equals {@code start.atZone(zone).plus(period).toInstant()}. Fast and
 * allocation-free on the {@code long} path (nanoseconds since the epoch, which spans the years 1678
 * to 2262): the zone's transitions from 1700 to 2300 are tabulated once per zone, with a bucket
 * index so an offset is found in a step or two; beyond 2300 the last offset holds.
 */
final class ZonedPeriods {
  /** Stands for "never" on the nanosecond path: later than any instant. */
  static final long NEVER = Long.MAX_VALUE;

  private static final Map<ZoneId, ZonedPeriods> CACHE = new ConcurrentHashMap<>();
  private static final long TABLE_FROM = Instant.parse("1700-01-01T00:00:00Z").getEpochSecond();
  private static final long TABLE_TO = Instant.parse("2300-01-01T00:00:00Z").getEpochSecond();
  private static final int BUCKET_SHIFT = 22; // about 48 days: at most a transition or two each
  private static final int DAY = 86_400;
  private static final long NANOS = 1_000_000_000L;
  private static final long MAX_SECOND = Long.MAX_VALUE / NANOS - 1;

  private final long[] transitions;
  private final int[] before;
  private final int[] after;
  /** Per transition, the first local second its gap or overlap touches: sorted. */
  private final long[] localFrom;
  private final int[] transitionBucket;
  private final int[] localBucket;
  private final int initialOffset;

  private ZonedPeriods(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    Instant from = Instant.ofEpochSecond(TABLE_FROM);
    initialOffset = rules.getOffset(from).getTotalSeconds();
    List<ZoneOffsetTransition> list = new ArrayList<>();
    if (!rules.isFixedOffset()) {
      Instant cursor = from;
      ZoneOffsetTransition t;
      while ((t = rules.nextTransition(cursor)) != null && t.getInstant().getEpochSecond() < TABLE_TO) {
        list.add(t);
        cursor = t.getInstant();
      }
    }
    int n = list.size();
    transitions = new long[n];
    before = new int[n];
    after = new int[n];
    localFrom = new long[n];
    for (int i = 0; i < n; i++) {
      ZoneOffsetTransition t = list.get(i);
      transitions[i] = t.getInstant().getEpochSecond();
      before[i] = t.getOffsetBefore().getTotalSeconds();
      after[i] = t.getOffsetAfter().getTotalSeconds();
      localFrom[i] = transitions[i] + Math.min(before[i], after[i]);
    }
    int buckets = (int) ((TABLE_TO - TABLE_FROM) >> BUCKET_SHIFT) + 2;
    transitionBucket = index(transitions, buckets);
    localBucket = index(localFrom, buckets);
  }

  /** For each bucket, the last entry at or before the bucket's start (-1 if none). */
  private static int[] index(long[] sorted, int buckets) {
    int[] out = new int[buckets];
    int i = -1;
    for (int b = 0; b < buckets; b++) {
      long start = TABLE_FROM + ((long) b << BUCKET_SHIFT);
      while (i + 1 < sorted.length && sorted[i + 1] <= start) {
        i++;
      }
      out[b] = i;
    }
    return out;
  }

  /** The calendar of {@code zone}, tabulated once. */
  static ZonedPeriods of(ZoneId zone) {
    return CACHE.computeIfAbsent(zone, ZonedPeriods::new);
  }

  /** {@code start} plus {@code period} in {@code zone}. */
  static Instant plus(Instant start, Period period, ZoneId zone) {
    return period.isZero() ? start : of(zone).plus(start, period);
  }

  /**
   * {@code start} plus {@code period} on this calendar.
   *
   * @throws IllegalArgumentException if the period is negative
   */
  Instant plus(Instant start, Period period) {
    if (period.isZero()) {
      return start;
    }
    requireNonNegative(period);
    long end = plus(start.getEpochSecond(), start.getNano(), period.toTotalMonths(), period.getDays());
    if (end == NEVER) {
      throw new IllegalArgumentException("the end of " + period + " from " + start + " lies beyond 2262");
    }
    return toInstant(end);
  }

  /**
   * The nanosecond path: {@code startNanos} (since the epoch) plus months and days; {@link #NEVER}
   * if the result lies beyond 2262 or the start is {@code NEVER}.
   */
  long plusNanos(long startNanos, long months, int days) {
    if (startNanos == NEVER) {
      return NEVER;
    }
    if (months == 0 && days == 0) {
      return startNanos;
    }
    return plus(Math.floorDiv(startNanos, NANOS), (int) Math.floorMod(startNanos, NANOS), months, days);
  }

  static void requireNonNegative(Period period) {
    if (period.isNegative()) {
      throw new IllegalArgumentException("retention periods are never negative: " + period);
    }
  }

  /** Nanoseconds since the epoch, {@link #NEVER} beyond 2262, and refused before 1678. */
  static long toNanos(long second, int nano) {
    if (second > MAX_SECOND) {
      return NEVER;
    }
    if (second < -MAX_SECOND) {
      throw new IllegalArgumentException("instants before 1678 are outside the retention calendar");
    }
    return second * NANOS + nano;
  }

  static long toNanos(Instant t) {
    return toNanos(t.getEpochSecond(), t.getNano());
  }

  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
  }

  /** Seconds and nanos plus months and days, as nanoseconds since the epoch (or NEVER). */
  private long plus(long s, int nano, long months, int days) {
    // The local time of the start.
    int i = lastTransitionAtOrBefore(s);
    long local;
    if (i < 0) {
      local = s + initialOffset;
    } else {
      local = s + after[i];
      int repeated = before[i] - after[i];
      if (repeated > 0 && s < transitions[i] + repeated) {
        // Second pass of a repeated hour: count from the end of the repeated hour.
        local = transitions[i] + before[i];
        nano = 0;
      }
    }
    long epochDay = Math.floorDiv(local, DAY);
    long secondOfDay = Math.floorMod(local, DAY);
    if (months != 0) {
      long date = civil(epochDay);
      int day = (int) (date & 31);
      long total = (date >> 5) + months; // year * 12 + month - 1, plus the months
      int length = lengthOfMonth(total);
      if (day > length) {
        // The target month lacks the day: the period ends at the end of its last day.
        epochDay = firstDayOfMonth(total) + length;
        secondOfDay = 0;
        nano = 0;
      } else {
        epochDay = firstDayOfMonth(total) + day - 1;
      }
    }
    epochDay += days;
    return resolve(epochDay * DAY + secondOfDay, nano);
  }

  /** The instant of a local time: gaps resolve to the transition, overlaps to the later instant. */
  private long resolve(long local, int nano) {
    int j = lastLocalFromAtOrBefore(local);
    if (j < 0) {
      return toNanos(local - initialOffset, nano);
    }
    long changeEnd = transitions[j] + Math.max(before[j], after[j]);
    if (local < changeEnd && after[j] > before[j]) {
      return toNanos(transitions[j], 0);
    }
    return toNanos(local - after[j], nano);
  }

  private int lastTransitionAtOrBefore(long s) {
    return lastAtOrBefore(transitions, transitionBucket, s);
  }

  private int lastLocalFromAtOrBefore(long local) {
    return lastAtOrBefore(localFrom, localBucket, local);
  }

  private static int lastAtOrBefore(long[] sorted, int[] buckets, long s) {
    if (sorted.length == 0 || s < sorted[0]) {
      return -1;
    }
    long b = (s - TABLE_FROM) >> BUCKET_SHIFT;
    int i = buckets[(int) Math.max(0, Math.min(buckets.length - 1, b))];
    if (i < 0) {
      i = 0;
    }
    while (i + 1 < sorted.length && sorted[i + 1] <= s) {
      i++;
    }
    return i;
  }

  // ---- civil calendar (proleptic Gregorian): tables for 1900 to 2200, arithmetic beyond ----

  private static final int TABLE_FIRST_YEAR = 1900;
  private static final int TABLE_YEARS = 300;
  private static final long TABLE_FIRST_DAY = epochDayOf(TABLE_FIRST_YEAR, 1, 1);
  /** Per epoch day of the table: (year * 12 + month - 1) << 5 | day. */
  private static final long[] DATES;
  /** Per month of the table (year * 12 + month - 1, from 1900): the epoch day of its first day. */
  private static final long[] MONTH_STARTS;

  static {
    int months = TABLE_YEARS * 12;
    MONTH_STARTS = new long[months + 1];
    for (int m = 0; m <= months; m++) {
      MONTH_STARTS[m] = epochDayOf(TABLE_FIRST_YEAR + m / 12, m % 12 + 1, 1);
    }
    DATES = new long[(int) (MONTH_STARTS[months] - TABLE_FIRST_DAY)];
    for (int m = 0; m < months; m++) {
      long ym = (long) (TABLE_FIRST_YEAR) * 12 + m;
      for (long d = MONTH_STARTS[m]; d < MONTH_STARTS[m + 1]; d++) {
        DATES[(int) (d - TABLE_FIRST_DAY)] = ym << 5 | (d - MONTH_STARTS[m] + 1);
      }
    }
  }

  /** The civil date of an epoch day as (year * 12 + month - 1) << 5 | day. */
  private static long civil(long epochDay) {
    long i = epochDay - TABLE_FIRST_DAY;
    if (i >= 0 && i < DATES.length) {
      return DATES[(int) i];
    }
    // After H. Hinnant's civil_from_days.
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return (year * 12 + month - 1) << 5 | day;
  }

  /** The epoch day of the first day of month {@code ym} (year * 12 + month - 1). */
  private static long firstDayOfMonth(long ym) {
    long i = ym - (long) TABLE_FIRST_YEAR * 12;
    if (i >= 0 && i < MONTH_STARTS.length) {
      return MONTH_STARTS[(int) i];
    }
    return epochDayOf(Math.floorDiv(ym, 12), (int) Math.floorMod(ym, 12) + 1, 1);
  }

  /** After H. Hinnant's days_from_civil. */
  private static long epochDayOf(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** The length of month {@code ym} (year * 12 + month - 1). */
  private static int lengthOfMonth(long ym) {
    long i = ym - (long) TABLE_FIRST_YEAR * 12;
    if (i >= 0 && i + 1 < MONTH_STARTS.length) {
      return (int) (MONTH_STARTS[(int) i + 1] - MONTH_STARTS[(int) i]);
    }
    long year = Math.floorDiv(ym, 12);
    int month = (int) Math.floorMod(ym, 12) + 1;
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
