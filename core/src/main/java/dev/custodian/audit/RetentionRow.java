package dev.custodian.audit;

import dev.custodian.retention.AtTermination;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.ClockStart;
import dev.custodian.retention.RetentionSchedule;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One category of the retention schedule as the compliance pack shows it (R-ASSIST-1): plain text
 * made from the {@link CategoryPolicy} of the schedule in use, so the pack shows what the library
 * enforces, a host's additions and overrides included.
 *
 * @param category the category's id, for example {@code CALL_LOG}
 * @param description what the category holds
 * @param retention how long it is kept, in words: a period, "as set by the client", "until" an
 *     event, or "never stored"
 * @param countedFrom what the period runs from; "-" when it does not apply
 * @param atTermination what happens at the end of the contract; "-" when it does not apply
 */
public record RetentionRow(
    String category, String description, String retention, String countedFrom,
    String atTermination) {

  public RetentionRow {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(retention, "retention");
    countedFrom = countedFrom == null || countedFrom.isBlank() ? "-" : countedFrom;
    atTermination = atTermination == null || atTermination.isBlank() ? "-" : atTermination;
  }

  /** One row per category of {@code schedule}, in the schedule's order. */
  public static List<RetentionRow> of(RetentionSchedule schedule) {
    return schedule.categories().stream().map(RetentionRow::of).toList();
  }

  /** The row of one category. */
  public static RetentionRow of(CategoryPolicy c) {
    if (c.neverStored()) {
      return new RetentionRow(c.id().value(), c.description(), "never stored", null, null);
    }
    String retention;
    String countedFrom = words(c.countedFrom());
    if (c.retention() != null) {
      retention = words(c.retention()) + (c.trafficData()
          ? " (legal minimum and maximum for traffic data, CPCE L.34-1)" : "");
    } else if (c.clientSettable()) {
      retention = "as set by the client, within the processor's bounds";
    } else {
      // Kept until an event, with no period after it: the event is the whole retention.
      retention = "until " + countedFrom;
      countedFrom = null;
    }
    return new RetentionRow(c.id().value(), c.description(), retention, countedFrom,
        words(c.atTermination()));
  }

  private static String words(ClockStart clock) {
    return switch (clock) {
      case RECORD_TIME -> "the record's own time (the call, the message, the recording)";
      case LAST_ACTIVITY -> "the last active exchange";
      case CONTRACT_END -> "the end of the client's contract";
      case CONTACT_DELETED -> "the client's deletion of the contact";
      case CRM_SYNC_OFF -> "the client turning CRM synchronisation off";
      case DELETION_REQUESTED -> "the client's deletion request";
    };
  }

  private static String words(AtTermination at) {
    return switch (at) {
      case DELETE -> "deleted";
      case RETURN_OR_DELETE -> "returned or deleted, as the client chooses (deleted without a choice)";
      case LEGAL_ARCHIVE_THEN_DELETE ->
          "kept as a restricted archive to the end of its period, then deleted";
      case NOT_STORED -> "-";
      case NOT_CLIENT_DATA -> "not the client's data: unaffected";
    };
  }

  /** "1 year", "14 days", "1 year and 6 months". */
  static String words(Period p) {
    List<String> parts = new ArrayList<>();
    unit(parts, p.getYears(), "year");
    unit(parts, p.getMonths(), "month");
    unit(parts, p.getDays(), "day");
    if (parts.isEmpty()) {
      return "none";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and "
        + parts.get(parts.size() - 1);
  }

  private static void unit(List<String> parts, int n, String unit) {
    if (n != 0) {
      parts.add(n + " " + unit + (Math.abs(n) == 1 ? "" : "s"));
    }
  }
}
