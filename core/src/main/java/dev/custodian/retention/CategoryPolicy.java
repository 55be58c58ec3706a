package dev.custodian.retention;

import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * A category of the retention schedule, as a reader sees it: what it holds, how long it is kept and
 * from when, and what becomes of it at termination. The {@link #rules()} carry it out; this record
 * is also the public, JSON-friendly description (the compliance pack, {@code schedule --json}).
 *
 * @param id the category's stable id
 * @param description what the category holds, in plain words
 * @param retention the retention period, or null when the client sets it or an event ends it
 * @param countedFrom what the retention is counted from; null for a category never stored
 * @param atTermination what becomes of the records at termination
 * @param trafficData true for traffic data kept 12 months under CPCE L.34-1 (R-RET-2)
 * @param clientSettable true if the client sets the duration (R-RET-3)
 * @param rules the rules of the category, in order
 */
public record CategoryPolicy(
    CategoryId id,
    String description,
    Period retention,
    ClockStart countedFrom,
    AtTermination atTermination,
    boolean trafficData,
    boolean clientSettable,
    List<RetentionRule> rules) {

  public CategoryPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(atTermination, "atTermination");
    rules = rules == null ? List.of() : List.copyOf(rules);
    for (RetentionRule r : rules) {
      if (!r.category().equals(id)) {
        throw new IllegalArgumentException("rule " + r.id() + " governs " + r.category() + ", not " + id);
      }
    }
    if (atTermination != AtTermination.NOT_STORED && countedFrom == null) {
      throw new IllegalArgumentException("category " + id + " needs what its retention is counted from");
    }
  }

  /** True if records of this category must never be stored (R-RET-4). */
  public boolean neverStored() {
    return atTermination == AtTermination.NOT_STORED;
  }

  /** A copy with other rules. */
  public CategoryPolicy withRules(List<RetentionRule> value) {
    return new CategoryPolicy(id, description, retention, countedFrom, atTermination, trafficData,
        clientSettable, value);
  }

  /**
   * A copy with another stated retention. The rules are unchanged: to change how long a category
   * is kept, use {@link RetentionSchedule.Builder#contractualPeriod}, which changes both.
   */
  public CategoryPolicy withRetention(Period value) {
    return new CategoryPolicy(id, description, value, countedFrom, atTermination, trafficData,
        clientSettable, rules);
  }

  /** A copy with another description. */
  public CategoryPolicy withDescription(String value) {
    return new CategoryPolicy(id, value, retention, countedFrom, atTermination, trafficData,
        clientSettable, rules);
  }
}
