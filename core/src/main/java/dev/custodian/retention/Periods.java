package dev.custodian.retention;

import java.time.LocalDate;
import java.time.Period;

/** Comparisons of calendar periods, which are not totally ordered (1 month against 30 days). */
final class Periods {
  private static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
  private static final LocalDate STOP = LocalDate.of(2025, 1, 1);

  private Periods() {}

  /** True if, counted from some day of a common and a leap year, {@code a} ends after {@code b}. */
  static boolean exceeds(Period a, Period b) {
    for (LocalDate day = FIRST; day.isBefore(STOP); day = day.plusDays(1)) {
      if (day.plus(a).isAfter(day.plus(b))) {
        return true;
      }
    }
    return false;
  }
}
