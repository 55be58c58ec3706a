package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The retention calendar around DST changes and month ends. Surefire runs with the JVM default zone
 * America/Sao_Paulo, neither UTC nor Paris; nothing here may depend on it.
 */
class ZonedPeriodsTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static Instant plus(String local, ZoneId zone, Period p) {
    return ZonedPeriods.plus(at(local, zone), p, zone);
  }

  @Test
  void jvmDefaultZoneIsNeitherUtcNorParis() {
    assertThat(ZoneId.systemDefault().getId()).isNotIn("UTC", "Z", "Europe/Paris", "GMT");
  }

  @Test
  void oneMonthFromThirtyFirstJanuaryIsTheEndOfFebruary() {
    assertThat(plus("2025-01-31T15:45", PARIS, Period.ofMonths(1))).isEqualTo(at("2025-03-01T00:00", PARIS));
    assertThat(plus("2024-01-31T15:45", PARIS, Period.ofMonths(1))).isEqualTo(at("2024-03-01T00:00", PARIS));
    assertThat(plus("2025-01-28T15:45", PARIS, Period.ofMonths(1))).isEqualTo(at("2025-02-28T15:45", PARIS));
    assertThat(plus("2025-03-31T08:00", PARIS, Period.ofMonths(1))).isEqualTo(at("2025-05-01T00:00", PARIS));
  }

  @Test
  void oneYearFromLeapDayIsTheEndOfFebruary() {
    assertThat(plus("2024-02-29T12:00", PARIS, Period.ofYears(1))).isEqualTo(at("2025-03-01T00:00", PARIS));
    assertThat(plus("2024-02-29T12:00", PARIS, Period.ofYears(4))).isEqualTo(at("2028-02-29T12:00", PARIS));
  }

  @Test
  void twelveMonthsKeepTheLocalTimeAcrossDst() {
    // Summer (UTC+2) to winter (UTC+1): same local time, so 25 hours more than 365 days apart in UTC terms.
    Instant summer = at("2024-07-14T10:00", PARIS);
    assertThat(ZonedPeriods.plus(summer, Period.ofMonths(6), PARIS)).isEqualTo(at("2025-01-14T10:00", PARIS));
    assertThat(ZonedPeriods.plus(summer, Period.ofMonths(6), PARIS)).isEqualTo(Instant.parse("2025-01-14T09:00:00Z"));
  }

  @Test
  void oneDayOverSpringForwardKeepsTheLocalTime() {
    // 30 March 2025, 02:00 -> 03:00 in Paris: the day lasts 23 hours.
    assertThat(plus("2025-03-29T12:00", PARIS, Period.ofDays(1))).isEqualTo(Instant.parse("2025-03-30T10:00:00Z"));
  }

  @Test
  void aLocalTimeInTheSpringGapResolvesToTheEndOfTheGap() {
    // 02:30 on 30 March 2025 does not exist in Paris.
    assertThat(plus("2025-03-29T02:30", PARIS, Period.ofDays(1))).isEqualTo(at("2025-03-30T03:00", PARIS));
    assertThat(plus("2025-03-29T01:59", PARIS, Period.ofDays(1))).isEqualTo(Instant.parse("2025-03-30T00:59:00Z"));
  }

  @Test
  void aLocalTimeRepeatedInTheAutumnResolvesToTheLaterInstant() {
    // 26 October 2025, 03:00 -> 02:00 in Paris: 02:30 happens twice; the later one is 01:30Z.
    assertThat(plus("2025-10-25T02:30", PARIS, Period.ofDays(1))).isEqualTo(Instant.parse("2025-10-26T01:30:00Z"));
  }

  @Test
  void aStartInTheRepeatedHourNeverEndsBeforeAnEarlierStart() {
    Instant firstPass = Instant.parse("2025-10-26T00:45:00Z"); // 02:45 CEST
    Instant secondPass = Instant.parse("2025-10-26T01:10:00Z"); // 02:10 CET
    Instant a = ZonedPeriods.plus(firstPass, Period.ofDays(1), PARIS);
    Instant b = ZonedPeriods.plus(secondPass, Period.ofDays(1), PARIS);
    assertThat(b).isAfterOrEqualTo(a);
    assertThat(b).isEqualTo(at("2025-10-27T03:00", PARIS));
  }

  @Test
  void otherZonesUseTheirOwnTransitions() {
    // New York springs forward on 9 March 2025.
    assertThat(plus("2025-03-08T12:00", NEW_YORK, Period.ofDays(1))).isEqualTo(Instant.parse("2025-03-09T16:00:00Z"));
    assertThat(plus("2025-03-08T02:30", NEW_YORK, Period.ofDays(1))).isEqualTo(at("2025-03-09T03:00", NEW_YORK));
  }

  @Test
  void agreesWithJavaTimeAwayFromMonthEndsAndDstChanges() {
    Instant t = at("2023-05-10T08:15:30.123456789", PARIS);
    for (Period p : new Period[] {Period.ofDays(90), Period.ofMonths(1), Period.ofYears(1), Period.of(1, 2, 3)}) {
      assertThat(ZonedPeriods.plus(t, p, PARIS)).isEqualTo(ZonedDateTime.ofInstant(t, PARIS).plus(p).toInstant());
    }
  }

  @Test
  void zeroIsIdentityAndNegativeIsRefused() {
    Instant t = Instant.parse("2025-01-01T00:00:00.5Z");
    assertThat(ZonedPeriods.plus(t, Period.ZERO, PARIS)).isSameAs(t);
    assertThatThrownBy(() -> ZonedPeriods.plus(t, Period.ofDays(-1), PARIS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void utcAndFixedOffsetsWork() {
    assertThat(ZonedPeriods.plus(Instant.parse("2025-01-31T23:00:00Z"), Period.ofMonths(1), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(ZonedPeriods.plus(Instant.parse("2025-01-10T23:00:00Z"), Period.ofMonths(1), ZoneId.of("+05:30")))
        .isEqualTo(Instant.parse("2025-02-10T23:00:00Z"));
  }
}
