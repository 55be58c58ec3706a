package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the retention calendar that sweeps rely on. */
class ZonedPeriodsProperties {
  /** 1995-01-01T00:00:00Z and 2045-01-01T00:00:00Z. */
  static final long FROM = 788_918_400L;
  static final long TO = 2_366_841_600L;

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of("Europe/Paris", "America/New_York", "America/Sao_Paulo", "Australia/Sydney",
        "Australia/Lord_Howe", "Asia/Kathmandu", "UTC", "Pacific/Apia").map(ZoneId::of);
  }

  @Provide
  Arbitrary<Period> periods() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 400).map(Period::ofDays),
        Arbitraries.integers().between(0, 60).map(Period::ofMonths),
        Arbitraries.integers().between(0, 12).map(Period::ofYears),
        Arbitraries.integers().between(0, 30).map(m -> Period.of(0, m, m)));
  }

  @Property(tries = 3000)
  void neverMovesBackwardsWhenTheStartMovesForwards(@ForAll("zones") ZoneId zone, @ForAll("periods") Period p,
      @ForAll @LongRange(min = FROM, max = TO) long start, @ForAll @LongRange(min = 0, max = 4 * 86_400) long step,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant a = Instant.ofEpochSecond(start, nanos);
    Instant b = a.plusSeconds(step);
    assertThat(ZonedPeriods.plus(b, p, zone)).isAfterOrEqualTo(ZonedPeriods.plus(a, p, zone));
  }

  @Property(tries = 3000)
  void neverBeforeJavaTimeExceptInADstGapAndAtMostADayAfter(@ForAll("zones") ZoneId zone,
      @ForAll("periods") Period p, @ForAll @LongRange(min = FROM, max = TO) long start) {
    Instant a = Instant.ofEpochSecond(start);
    Instant ours = ZonedPeriods.plus(a, p, zone);
    Instant java = ZonedDateTime.ofInstant(a, zone).plus(p).toInstant();
    LocalDateTime target = LocalDateTime.ofInstant(a, zone).plus(p);
    boolean inGap = zone.getRules().getValidOffsets(target).isEmpty();
    assertThat(ours).isAfterOrEqualTo(inGap ? java.minusSeconds(3 * 3600) : java);
    assertThat(ours).isBeforeOrEqualTo(java.plusSeconds(86_400 + 3 * 3600));
  }

  @Property(tries = 3000)
  void neverMovesBackwardsNearDstChangesAndMonthEnds(@ForAll("zones") ZoneId zone,
      @ForAll("periods") Period p, @ForAll @LongRange(min = 1996, max = 2040) long year,
      @ForAll boolean nearTransition, @ForAll @LongRange(min = -4 * 3600, max = 4 * 3600) long offset,
      @ForAll @LongRange(min = 0, max = 3 * 3600) long step) {
    Instant base;
    if (nearTransition) {
      ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse(year + "-01-01T00:00:00Z"));
      base = t == null ? Instant.parse(year + "-01-01T00:00:00Z") : t.getInstant();
    } else {
      // The turn of a month, local.
      base = LocalDateTime.of((int) year, 1 + (int) Math.floorMod(year * 7, 12), 1, 0, 0).atZone(zone).toInstant();
    }
    Instant a = base.plusSeconds(offset);
    Instant b = a.plusSeconds(step);
    assertThat(ZonedPeriods.plus(b, p, zone)).isAfterOrEqualTo(ZonedPeriods.plus(a, p, zone));
  }
}
