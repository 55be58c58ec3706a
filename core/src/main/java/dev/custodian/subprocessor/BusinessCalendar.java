package dev.custodian.subprocessor;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Which days are business days ("jours ouvrés"), and the arithmetic the contract's notice periods
 * need (R-SUB-2, R-SUB-3). {@link #france()} is the contract's calendar; {@link #weekdays} builds one
 * for any other country from its public holidays.
 *
 * <p>Implementations must be pure functions of the date: thread-safe and without I/O.
 */
public interface BusinessCalendar {

  /** True if {@code date} is a business day. */
  boolean isBusinessDay(LocalDate date);

  /** A short name for reports, for example {@code FR}. */
  String name();

  /**
   * The {@code n}-th business day after {@code from} (n &gt; 0) or before it (n &lt; 0); {@code
   * from} itself never counts. For n = 0 returns {@code from}.
   */
  default LocalDate addBusinessDays(LocalDate from, int n) {
    Objects.requireNonNull(from, "from");
    int step = n >= 0 ? 1 : -1;
    int left = Math.abs(n);
    LocalDate d = from;
    while (left > 0) {
      d = d.plusDays(step);
      if (isBusinessDay(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * How many business days lie strictly after {@code fromExclusive} and up to {@code
   * toInclusive}; zero if {@code toInclusive} is not after {@code fromExclusive}. Consistent with
   * {@link #addBusinessDays}: {@code count(d, addBusinessDays(d, n)) == n} for n &ge; 0.
   */
  default int countBusinessDays(LocalDate fromExclusive, LocalDate toInclusive) {
    Objects.requireNonNull(fromExclusive, "fromExclusive");
    Objects.requireNonNull(toInclusive, "toInclusive");
    int count = 0;
    for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
      if (isBusinessDay(d)) {
        count++;
      }
    }
    return count;
  }

  /** The first business day on or after {@code date}. */
  default LocalDate onOrAfter(LocalDate date) {
    LocalDate d = Objects.requireNonNull(date, "date");
    while (!isBusinessDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /**
   * Metropolitan France: Monday to Friday except the eleven public holidays of the Labour Code
   * (L3133-1), Easter Monday, Ascension and Whit Monday included. The contract's calendar.
   */
  static BusinessCalendar france() {
    return FrenchPublicHolidays.METROPOLITAN_CALENDAR;
  }

  /** France with the two extra holidays of Alsace-Moselle (Good Friday, 26 December). */
  static BusinessCalendar franceAlsaceMoselle() {
    return FrenchPublicHolidays.ALSACE_MOSELLE_CALENDAR;
  }

  /**
   * Monday to Friday except the holidays {@code holidaysOfYear} returns for each year; the way to
   * plug in another country. The function is called once per year and its result cached.
   */
  static BusinessCalendar weekdays(String name, IntFunction<Set<LocalDate>> holidaysOfYear) {
    return new WeekdayCalendar(name, holidaysOfYear);
  }

  /** True for Saturday and Sunday; shared by the weekday calendars. */
  static boolean isWeekend(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
  }
}
