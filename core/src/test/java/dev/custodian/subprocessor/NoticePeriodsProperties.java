package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.testing.Seeds;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The French business calendar and the notice periods built on it. Seeded random cases
 * ({@link Seeds}: {@code -Dcustodian.seed=N} replays a run), 1000 per property.
 */
class NoticePeriodsProperties {
  static final int TRIES = 1000;
  private final BusinessCalendar fr = BusinessCalendar.france();
  private final NoticePeriods periods = NoticePeriods.france();

  static LocalDate date(Seeds.Gen g) {
    return LocalDate.of(2000, 1, 1).plusDays(g.intBetween(0, 365 * 60));
  }

  @TestFactory
  Stream<DynamicTest> addingThenCountingGivesBackTheSameNumber() {
    return Seeds.cases("addingThenCountingGivesBackTheSameNumber", TRIES, g -> {
      LocalDate from = date(g);
      int n = g.intBetween(0, 80);
      LocalDate to = fr.addBusinessDays(from, n);
      assertThat(fr.countBusinessDays(from, to)).isEqualTo(n);
      if (n > 0) {
        assertThat(fr.isBusinessDay(to)).isTrue();
        assertThat(fr.addBusinessDays(to, -n)).isEqualTo(fr.isBusinessDay(from) ? from
            : fr.addBusinessDays(fr.addBusinessDays(from, 1), -1));
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> lastDayToNotifyAndEarliestEffectiveDateAgree_R_SUB_2() {
    return Seeds.cases("lastDayToNotifyAndEarliestEffectiveDateAgree_R_SUB_2", TRIES, g -> {
      LocalDate notified = date(g);
      LocalDate effective = date(g);
      boolean early = !notified.isAfter(periods.lastDayToNotify(effective));
      boolean allowed = !effective.isBefore(periods.earliestEffectiveDate(notified));
      assertThat(early).isEqualTo(allowed);
      assertThat(early).isEqualTo(fr.countBusinessDays(notified, effective.minusDays(1)) >= 10);
    });
  }

  @TestFactory
  Stream<DynamicTest> aNoticeAlwaysLeavesTenWholeBusinessDays_R_SUB_2() {
    return Seeds.cases("aNoticeAlwaysLeavesTenWholeBusinessDays_R_SUB_2", TRIES, g -> {
      LocalDate effective = date(g);
      LocalDate last = periods.lastDayToNotify(effective);
      assertThat(fr.countBusinessDays(last, effective.minusDays(1))).isEqualTo(10);
      assertThat(fr.countBusinessDays(last.plusDays(1), effective.minusDays(1))).isEqualTo(9);
    });
  }

  @TestFactory
  Stream<DynamicTest> objectionDeadlineIsTheTenthBusinessDayAfterReceipt_R_SUB_3() {
    return Seeds.cases("objectionDeadlineIsTheTenthBusinessDayAfterReceipt_R_SUB_3", TRIES, g -> {
      LocalDate received = date(g);
      LocalDate deadline = periods.objectionDeadline(received);
      assertThat(fr.isBusinessDay(deadline)).isTrue();
      assertThat(fr.countBusinessDays(received, deadline)).isEqualTo(10);
      assertThat(deadline).isAfter(received.plusDays(11)); // ten business days span two weekends
    });
  }

  @TestFactory
  Stream<DynamicTest> easterIsASundayBetween22MarchAnd25April() {
    return Seeds.cases("easterIsASundayBetween22MarchAnd25April", TRIES, g -> {
      int year = g.intBetween(1583, 4099);
      LocalDate easter = FrenchPublicHolidays.easterSunday(year);
      assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
      assertThat(easter).isBetween(LocalDate.of(year, Month.MARCH, 22), LocalDate.of(year, Month.APRIL, 25));
      assertThat(FrenchPublicHolidays.of(year)).containsKeys(easter.plusDays(1),
          easter.plusDays(39), easter.plusDays(50), LocalDate.of(year, Month.MAY, 1),
          LocalDate.of(year, Month.MAY, 8), LocalDate.of(year, Month.DECEMBER, 25));
      // Ascension may fall on 1 or 8 May: then eleven holidays take ten days.
      assertThat(FrenchPublicHolidays.of(year).size()).isBetween(10, 11);
    });
  }
}
