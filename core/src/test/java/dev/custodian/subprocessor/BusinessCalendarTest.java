package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private final BusinessCalendar fr = BusinessCalendar.france();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  // The expected dates are written out by hand from the official French calendars, not computed.
  @Test
  void everyFrenchPublicHolidayOf2026_R_SUB_2() {
    assertThat(FrenchPublicHolidays.of(2026).keySet()).containsExactly(
        d("2026-01-01"), d("2026-04-06"), d("2026-05-01"), d("2026-05-08"), d("2026-05-14"),
        d("2026-05-25"), d("2026-07-14"), d("2026-08-15"), d("2026-11-01"), d("2026-11-11"),
        d("2026-12-25"));
  }

  @Test
  void everyFrenchPublicHolidayOf2027_R_SUB_2() {
    assertThat(FrenchPublicHolidays.of(2027).keySet()).containsExactly(
        d("2027-01-01"), d("2027-03-29"), d("2027-05-01"), d("2027-05-06"), d("2027-05-08"),
        d("2027-05-17"), d("2027-07-14"), d("2027-08-15"), d("2027-11-01"), d("2027-11-11"),
        d("2027-12-25"));
  }

  @Test
  void everyFrenchPublicHolidayOf2028_R_SUB_2() {
    assertThat(FrenchPublicHolidays.of(2028).keySet()).containsExactly(
        d("2028-01-01"), d("2028-04-17"), d("2028-05-01"), d("2028-05-08"), d("2028-05-25"),
        d("2028-06-05"), d("2028-07-14"), d("2028-08-15"), d("2028-11-01"), d("2028-11-11"),
        d("2028-12-25"));
  }

  @Test
  void easterBasedHolidaysAreNamed_R_SUB_2() {
    assertThat(FrenchPublicHolidays.of(2026))
        .containsEntry(d("2026-04-06"), "Lundi de Pâques")
        .containsEntry(d("2026-05-14"), "Ascension")
        .containsEntry(d("2026-05-25"), "Lundi de Pentecôte");
    assertThat(FrenchPublicHolidays.of(2027))
        .containsEntry(d("2027-03-29"), "Lundi de Pâques")
        .containsEntry(d("2027-05-06"), "Ascension")
        .containsEntry(d("2027-05-17"), "Lundi de Pentecôte");
    assertThat(FrenchPublicHolidays.of(2028))
        .containsEntry(d("2028-04-17"), "Lundi de Pâques")
        .containsEntry(d("2028-05-25"), "Ascension")
        .containsEntry(d("2028-06-05"), "Lundi de Pentecôte");
  }

  @ParameterizedTest
  @CsvSource({"2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31", "2025-04-20",
      "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25", "2285-03-22", "1818-03-22",
      "1943-04-25"})
  void easterSundayMatchesPublishedDates(String easter) {
    LocalDate expected = d(easter);
    assertThat(FrenchPublicHolidays.easterSunday(expected.getYear())).isEqualTo(expected);
  }

  @Test
  void ascensionOnLabourDay2008KeepsBothNames() {
    assertThat(FrenchPublicHolidays.of(2008)).hasSize(10)
        .containsEntry(d("2008-05-01"), "Fête du Travail / Ascension");
  }

  @Test
  void easterBeforeTheGregorianReformIsRefused() {
    assertThatThrownBy(() -> FrenchPublicHolidays.easterSunday(1500))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gregorian");
  }

  @Test
  void weekdayHolidaysAreNotBusinessDaysAndWeekendsNeverAre_R_SUB_2() {
    for (int year = 2026; year <= 2028; year++) {
      for (LocalDate holiday : FrenchPublicHolidays.of(year).keySet()) {
        assertThat(fr.isBusinessDay(holiday)).as(holiday.toString()).isFalse();
      }
    }
    assertThat(fr.isBusinessDay(d("2026-05-13"))).isTrue(); // the Wednesday before Ascension
    assertThat(fr.isBusinessDay(d("2026-05-15"))).isTrue(); // the Friday after it
    assertThat(fr.isBusinessDay(d("2026-05-16"))).isFalse(); // Saturday
    assertThat(fr.isBusinessDay(d("2026-05-17"))).isFalse(); // Sunday
  }

  @Test
  void businessDaysOf2026Number252() {
    // 2026 has 261 weekdays; nine holidays fall on one (15 August is a Saturday, 1 November a
    // Sunday).
    long weekdayHolidays = FrenchPublicHolidays.of(2026).keySet().stream()
        .filter(h -> h.getDayOfWeek() != DayOfWeek.SATURDAY && h.getDayOfWeek() != DayOfWeek.SUNDAY)
        .count();
    assertThat(weekdayHolidays).isEqualTo(9);
    assertThat(fr.countBusinessDays(d("2025-12-31"), d("2026-12-31"))).isEqualTo(261 - 9);
  }

  @Test
  void addingAndCountingBusinessDaysAcrossAscension_R_SUB_2() {
    // Wednesday 13 May 2026, then Ascension (14), Friday 15, weekend, Monday 18.
    assertThat(fr.addBusinessDays(d("2026-05-13"), 1)).isEqualTo(d("2026-05-15"));
    assertThat(fr.addBusinessDays(d("2026-05-13"), 2)).isEqualTo(d("2026-05-18"));
    assertThat(fr.addBusinessDays(d("2026-05-15"), -1)).isEqualTo(d("2026-05-13"));
    assertThat(fr.addBusinessDays(d("2026-05-16"), 0)).isEqualTo(d("2026-05-16"));
    assertThat(fr.countBusinessDays(d("2026-05-13"), d("2026-05-18"))).isEqualTo(2);
    assertThat(fr.countBusinessDays(d("2026-05-18"), d("2026-05-13"))).isZero();
    assertThat(fr.onOrAfter(d("2026-05-14"))).isEqualTo(d("2026-05-15"));
  }

  @Test
  void alsaceMoselleAddsGoodFridayAndSaintStephen() {
    BusinessCalendar am = BusinessCalendar.franceAlsaceMoselle();
    assertThat(fr.isBusinessDay(d("2026-04-03"))).isTrue();
    assertThat(am.isBusinessDay(d("2026-04-03"))).isFalse(); // Good Friday 2026
    assertThat(am.isBusinessDay(d("2028-12-26"))).isFalse(); // Tuesday 26 December
    assertThat(fr.isBusinessDay(d("2028-12-26"))).isTrue();
  }

  @Test
  void anotherCountryPlugsInItsOwnHolidays() {
    // A fictional calendar whose only holiday is 2 January.
    BusinessCalendar other =
        BusinessCalendar.weekdays("XX", y -> Set.of(LocalDate.of(y, 1, 2)));
    assertThat(other.name()).isEqualTo("XX");
    assertThat(other.isBusinessDay(d("2026-01-01"))).isTrue();
    assertThat(other.isBusinessDay(d("2026-01-02"))).isFalse();
    assertThat(NoticePeriods.of(other).earliestEffectiveDate(d("2026-01-01")))
        .isEqualTo(d("2026-01-17")); // the day after the 10th business day, Friday 16 January
  }

  // ---- notice arithmetic (R-SUB-2, R-SUB-3) ----

  private final NoticePeriods periods = NoticePeriods.france();

  @Test
  void changeEffectiveTheDayAfterAscension2026_R_SUB_2() {
    // Friday 15 May 2026. Ten business days before it, skipping Ascension (14 May), Victory Day
    // (8 May) and Labour Day (1 May): 13, 12, 11, 7, 6, 5, 4 May, 30, 29, 28 April.
    assertThat(periods.lastDayToNotify(d("2026-05-15"))).isEqualTo(d("2026-04-27"));
    assertThat(periods.noticeIsEarlyEnough(d("2026-04-27"), d("2026-05-15"))).isTrue();
    assertThat(periods.noticeIsEarlyEnough(d("2026-04-28"), d("2026-05-15"))).isFalse();
    assertThat(periods.earliestEffectiveDate(d("2026-04-28"))).isEqualTo(d("2026-05-16"));
  }

  @Test
  void changeEffectiveTheDayAfterAscension2028_R_SUB_2() {
    // Friday 26 May 2028: 24, 23, 22, 19, 18, 17, 16, 15, 12, 11 May.
    assertThat(periods.lastDayToNotify(d("2028-05-26"))).isEqualTo(d("2028-05-10"));
  }

  @Test
  void changeEffectiveTheDayAfterWhitMonday2028_R_SUB_2() {
    // Tuesday 6 June 2028: skips Whit Monday (5 June) and Ascension (25 May).
    assertThat(periods.lastDayToNotify(d("2028-06-06"))).isEqualTo(d("2028-05-18"));
  }

  @Test
  void changeEffectiveAfterEasterMonday2027MayBeNotifiedOnASunday_R_SUB_2() {
    // Tuesday 30 March 2027: 26, 25, 24, 23, 22, 19, 18, 17, 16, 15 March; the day before the
    // tenth is Sunday 14 March.
    assertThat(periods.lastDayToNotify(d("2027-03-30"))).isEqualTo(d("2027-03-14"));
    assertThat(periods.earliestEffectiveDate(d("2027-03-14"))).isEqualTo(d("2027-03-27"));
  }

  @Test
  void changeEffectiveAfterNewYear2027_R_SUB_2() {
    // Monday 4 January 2027: skips New Year's Day (Friday) and Christmas 2026 (Friday).
    assertThat(periods.lastDayToNotify(d("2027-01-04"))).isEqualTo(d("2026-12-16"));
  }

  @Test
  void objectionDeadlineAcrossAscensionAndWhitMonday2026_R_SUB_3() {
    // Received Wednesday 13 May: 15, 18, 19, 20, 21, 22, 26, 27, 28, 29 May.
    assertThat(periods.objectionDeadline(d("2026-05-13"))).isEqualTo(d("2026-05-29"));
  }

  @Test
  void objectionDeadlineForANoticeReceivedOnAHoliday_R_SUB_3() {
    // Received on Easter Monday 2028 (17 April): 18, 19, 20, 21, 24, 25, 26, 27, 28 April, 2 May.
    assertThat(periods.objectionDeadline(d("2028-04-17"))).isEqualTo(d("2028-05-02"));
  }

  @Test
  void periodsOfZeroDaysAreRefused() {
    assertThatThrownBy(() -> new NoticePeriods(BusinessCalendar.france(), 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void elevenHolidaysEveryYear() {
    List<Integer> counts = List.of(2026, 2027, 2028).stream()
        .map(y -> FrenchPublicHolidays.of(y).size()).toList();
    assertThat(counts).containsOnly(11);
  }
}
