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
 * allocation-free apart from the result: the zone's transitions from 1800 to 2400 are tabulated
 * once per zone; beyond 2400 the last offset holds.
 */
final class ZonedPeriods {
  private static final Map<ZoneId, ZonedPeriods> CACHE = new ConcurrentHashMap<>();
  private static final long TABLE_FROM = Instant.parse("1800-01-01T00:00:00Z").getEpochSecond();
  private static final long TABLE_TO = Instant.parse("2400-01-01T00:00:00Z").getEpochSecond();
  private static final int DAY = 86_400;

  private final long[] transitions;
  private final int[] before;
  private final int[] after;
  /** Per transition, the first local second its gap or overlap touches: sorted. */
  private final long[] localFrom;
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
    if (period.isNegative()) {
      throw new IllegalArgumentException("retention periods are never negative: " + period);
    }
    long s = start.getEpochSecond();
    int nano = start.getNano();
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
    long months = period.toTotalMonths();
    if (months != 0) {
      // Civil date from epoch day (proleptic Gregorian), after H. Hinnant's algorithm.
      long z = epochDay + 719_468;
      long era = Math.floorDiv(z, 146_097);
      long doe = z - era * 146_097;
      long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
      long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      long mp = (5 * doy + 2) / 153;
      int day = (int) (doy - (153 * mp + 2) / 5 + 1);
      int month = (int) (mp < 10 ? mp + 3 : mp - 9);
      long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
      long total = year * 12 + (month - 1) + months;
      long y2 = Math.floorDiv(total, 12);
      int m2 = (int) Math.floorMod(total, 12) + 1;
      int length = lengthOfMonth(y2, m2);
      if (day > length) {
        // The target month lacks the day: the period ends at the end of its last day.
        epochDay = epochDay(y2, m2, length) + 1;
        secondOfDay = 0;
        nano = 0;
      } else {
        epochDay = epochDay(y2, m2, day);
      }
    }
    epochDay += period.getDays();
    return resolve(epochDay * DAY + secondOfDay, nano);
  }

  /** The instant of a local time: gaps resolve to the transition, overlaps to the later instant. */
  private Instant resolve(long local, int nano) {
    int j = lastLocalFromAtOrBefore(local);
    if (j < 0) {
      return Instant.ofEpochSecond(local - initialOffset, nano);
    }
    long changeEnd = transitions[j] + Math.max(before[j], after[j]);
    if (local < changeEnd && after[j] > before[j]) {
      return Instant.ofEpochSecond(transitions[j], 0);
    }
    return Instant.ofEpochSecond(local - after[j], nano);
  }

  private int lastTransitionAtOrBefore(long s) {
    int lo = 0;
    int hi = transitions.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (transitions[mid] <= s) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi;
  }

  private int lastLocalFromAtOrBefore(long local) {
    int lo = 0;
    int hi = localFrom.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (localFrom[mid] <= local) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi;
  }

  private static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int lengthOfMonth(long year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
