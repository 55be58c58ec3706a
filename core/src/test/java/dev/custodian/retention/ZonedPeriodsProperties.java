package dev.custodian.retention;

import static dev.custodian.testing.Seeds.choice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.testing.Seeds;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants of the retention calendar that sweeps rely on. Seeded random cases ({@link Seeds}:
 * {@code -Dcustodian.seed=N} replays a run).
 */
class ZonedPeriodsProperties {
  /** 1995-01-01T00:00:00Z and 2045-01-01T00:00:00Z. */
  static final long FROM = 788_918_400L;
  static final long TO = 2_366_841_600L;

  static ZoneId zone(Seeds.Gen g) {
    return ZoneId.of(g.pick("Europe/Paris", "America/New_York", "America/Sao_Paulo", "Australia/Sydney",
        "Australia/Lord_Howe", "Asia/Kathmandu", "UTC", "Pacific/Apia"));
  }

  static Period period(Seeds.Gen g) {
    return g.weighted(
        choice(1, () -> Period.ofDays(g.intBetween(0, 400))),
        choice(1, () -> Period.ofMonths(g.intBetween(0, 60))),
        choice(1, () -> Period.ofYears(g.intBetween(0, 12))),
        choice(1, () -> {
          int m = g.intBetween(0, 30);
          return Period.of(0, m, m);
        }));
  }

  @TestFactory
  Stream<DynamicTest> neverMovesBackwardsWhenTheStartMovesForwards() {
    return Seeds.cases("neverMovesBackwardsWhenTheStartMovesForwards", 3000, g -> {
      ZoneId zone = zone(g);
      Period p = period(g);
      Instant a = Instant.ofEpochSecond(g.longBetween(FROM, TO), g.longBetween(0, 999_999_999));
      Instant b = a.plusSeconds(g.longBetween(0, 4 * 86_400));
      assertThat(ZonedPeriods.plus(b, p, zone)).isAfterOrEqualTo(ZonedPeriods.plus(a, p, zone));
    });
  }

  @TestFactory
  Stream<DynamicTest> neverBeforeJavaTimeExceptInADstGapAndAtMostADayAfter() {
    return Seeds.cases("neverBeforeJavaTimeExceptInADstGapAndAtMostADayAfter", 3000, g -> {
      ZoneId zone = zone(g);
      Period p = period(g);
      Instant a = Instant.ofEpochSecond(g.longBetween(FROM, TO));
      Instant ours = ZonedPeriods.plus(a, p, zone);
      Instant java = ZonedDateTime.ofInstant(a, zone).plus(p).toInstant();
      LocalDateTime target = LocalDateTime.ofInstant(a, zone).plus(p);
      boolean inGap = zone.getRules().getValidOffsets(target).isEmpty();
      assertThat(ours).isAfterOrEqualTo(inGap ? java.minusSeconds(3 * 3600) : java);
      assertThat(ours).isBeforeOrEqualTo(java.plusSeconds(86_400 + 3 * 3600));
    });
  }

  @TestFactory
  Stream<DynamicTest> neverMovesBackwardsNearDstChangesAndMonthEnds() {
    return Seeds.cases("neverMovesBackwardsNearDstChangesAndMonthEnds", 3000, g -> {
      ZoneId zone = zone(g);
      Period p = period(g);
      long year = g.longBetween(1996, 2040);
      boolean nearTransition = g.bool();
      long offset = g.longBetween(-4 * 3600, 4 * 3600);
      long step = g.longBetween(0, 3 * 3600);
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
    });
  }
}
