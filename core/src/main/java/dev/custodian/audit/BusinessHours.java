package dev.custodian.audit;

import dev.custodian.subprocessor.BusinessCalendar;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The processor's normal working hours, for on-site audits (R-AUD-2): business days of a calendar,
 * between an opening and a closing time, local to the processor.
 */
public record BusinessHours(BusinessCalendar calendar, LocalTime opens, LocalTime closes) {

  /** French business days, 09:00 to 18:00. */
  public static final BusinessHours FRANCE_DEFAULT =
      new BusinessHours(BusinessCalendar.france(), LocalTime.of(9, 0), LocalTime.of(18, 0));

  public BusinessHours {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(opens, "opens");
    Objects.requireNonNull(closes, "closes");
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException("business hours open before they close");
    }
  }

  /**
   * Why an audit held every day from {@code start}'s date to {@code end}'s date, from {@code
   * start}'s time to {@code end}'s time, falls outside these hours; empty if it does not.
   */
  public Optional<String> problem(LocalDateTime start, LocalDateTime end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.toLocalTime().isBefore(end.toLocalTime()) || end.toLocalDate().isBefore(start.toLocalDate())) {
      return Optional.of("the proposed hours are empty: " + start + " to " + end);
    }
    if (start.toLocalTime().isBefore(opens) || end.toLocalTime().isAfter(closes)) {
      return Optional.of("the proposed hours " + start.toLocalTime() + "-" + end.toLocalTime()
          + " are outside business hours " + opens + "-" + closes);
    }
    for (var d = start.toLocalDate(); !d.isAfter(end.toLocalDate()); d = d.plusDays(1)) {
      if (!calendar.isBusinessDay(d)) {
        return Optional.of(d + " is not a business day");
      }
    }
    return Optional.empty();
  }
}
