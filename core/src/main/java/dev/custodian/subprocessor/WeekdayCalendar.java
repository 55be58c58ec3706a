package dev.custodian.subprocessor;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;

/** Monday to Friday minus a per-year holiday set, cached by year. */
final class WeekdayCalendar implements BusinessCalendar {
  private final String name;
  private final IntFunction<Set<LocalDate>> holidaysOfYear;
  private final ConcurrentMap<Integer, Set<LocalDate>> cache = new ConcurrentHashMap<>();

  WeekdayCalendar(String name, IntFunction<Set<LocalDate>> holidaysOfYear) {
    this.name = Objects.requireNonNull(name, "name");
    this.holidaysOfYear = Objects.requireNonNull(holidaysOfYear, "holidaysOfYear");
  }

  @Override
  public boolean isBusinessDay(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (BusinessCalendar.isWeekend(date)) {
      return false;
    }
    Set<LocalDate> holidays =
        cache.computeIfAbsent(date.getYear(), y -> Set.copyOf(holidaysOfYear.apply(y)));
    return !holidays.contains(date);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "BusinessCalendar[" + name + "]";
  }
}
