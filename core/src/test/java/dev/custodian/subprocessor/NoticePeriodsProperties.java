package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NoticePeriodsProperties {
  private final BusinessCalendar fr = BusinessCalendar.france();
  private final NoticePeriods periods = NoticePeriods.france();

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.integers().between(0, 365 * 60)
        .map(n -> LocalDate.of(2000, 1, 1).plusDays(n));
  }

  @Property
  void addingThenCountingGivesBackTheSameNumber(
      @ForAll("dates") LocalDate from, @ForAll @IntRange(min = 0, max = 80) int n) {
    LocalDate to = fr.addBusinessDays(from, n);
    assertThat(fr.countBusinessDays(from, to)).isEqualTo(n);
    if (n > 0) {
      assertThat(fr.isBusinessDay(to)).isTrue();
      assertThat(fr.addBusinessDays(to, -n)).isEqualTo(fr.isBusinessDay(from) ? from
          : fr.addBusinessDays(fr.addBusinessDays(from, 1), -1));
    }
  }

  @Property
  void lastDayToNotifyAndEarliestEffectiveDateAgree_R_SUB_2(
      @ForAll("dates") LocalDate notified, @ForAll("dates") LocalDate effective) {
    boolean early = !notified.isAfter(periods.lastDayToNotify(effective));
    boolean allowed = !effective.isBefore(periods.earliestEffectiveDate(notified));
    assertThat(early).isEqualTo(allowed);
    assertThat(early).isEqualTo(fr.countBusinessDays(notified, effective.minusDays(1)) >= 10);
  }

  @Property
  void aNoticeAlwaysLeavesTenWholeBusinessDays_R_SUB_2(@ForAll("dates") LocalDate effective) {
    LocalDate last = periods.lastDayToNotify(effective);
    assertThat(fr.countBusinessDays(last, effective.minusDays(1))).isEqualTo(10);
    assertThat(fr.countBusinessDays(last.plusDays(1), effective.minusDays(1))).isEqualTo(9);
  }

  @Property
  void objectionDeadlineIsTheTenthBusinessDayAfterReceipt_R_SUB_3(
      @ForAll("dates") LocalDate received) {
    LocalDate deadline = periods.objectionDeadline(received);
    assertThat(fr.isBusinessDay(deadline)).isTrue();
    assertThat(fr.countBusinessDays(received, deadline)).isEqualTo(10);
    assertThat(deadline).isAfter(received.plusDays(11)); // ten business days span two weekends
  }

  @Property
  void easterIsASundayBetween22MarchAnd25April(@ForAll @IntRange(min = 1583, max = 4099) int year) {
    LocalDate easter = FrenchPublicHolidays.easterSunday(year);
    assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(easter).isBetween(LocalDate.of(year, Month.MARCH, 22), LocalDate.of(year, Month.APRIL, 25));
    assertThat(FrenchPublicHolidays.of(year)).containsKeys(easter.plusDays(1),
        easter.plusDays(39), easter.plusDays(50), LocalDate.of(year, Month.MAY, 1),
        LocalDate.of(year, Month.MAY, 8), LocalDate.of(year, Month.DECEMBER, 25));
    // Ascension may fall on 1 or 8 May: then eleven holidays take ten days.
    assertThat(FrenchPublicHolidays.of(year).size()).isBetween(10, 11);
  }
}
