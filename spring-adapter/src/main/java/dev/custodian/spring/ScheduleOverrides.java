package dev.custodian.spring;

import dev.custodian.terms.CategoryId;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.RetentionBounds;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.ScheduleConflictException;
import java.time.Period;
import java.util.Map;

/**
 * Applies {@code custodian.retention.categories.<id>.period} to the shipped schedule through
 * {@link RetentionSchedule.Builder#contractualPeriod}: the period replaces those of the category's
 * contractual rules that run for a period (not those that act at an event, such as termination),
 * and the category's stated retention. Legal periods (R-RET-2) and client-set durations (R-RET-3)
 * are never replaced: a category with nothing contractual to override is refused, naming the
 * property.
 */
final class ScheduleOverrides {
  private ScheduleOverrides() {}

  /**
   * The shipped bounds on client-set durations (R-RET-3), narrowed or widened by {@code
   * custodian.retention.categories.<id>.min/max}; only for categories whose duration the client
   * sets.
   */
  static RetentionBounds bounds(
      RetentionSchedule schedule, Map<CategoryId, CustodianProperties.CategoryRetention> settings) {
    RetentionBounds bounds = RetentionBounds.defaults();
    for (Map.Entry<CategoryId, CustodianProperties.CategoryRetention> e : settings.entrySet()) {
      CustodianProperties.CategoryRetention r = e.getValue();
      if (r.getMin() == null && r.getMax() == null) {
        continue;
      }
      String property = "retention.categories." + e.getKey() + (r.getMin() != null ? ".min" : ".max");
      boolean settable = schedule.category(e.getKey()).map(CategoryPolicy::clientSettable)
          .orElse(false);
      if (!settable) {
        throw CustodianSettings.invalid(property, "clients do not set the duration of "
            + e.getKey() + ", so it takes no bounds");
      }
      RetentionBounds.Bound current = bounds.bound(e.getKey())
          .orElse(new RetentionBounds.Bound(Period.ofDays(1), Period.ofYears(10)));
      Period min = r.getMin() != null ? r.getMin() : current.min();
      Period max = r.getMax() != null ? r.getMax() : current.max();
      try {
        bounds = bounds.with(e.getKey(), min, max);
      } catch (IllegalArgumentException ex) {
        throw CustodianSettings.invalid(property, ex.getMessage());
      }
    }
    return bounds;
  }

  static RetentionSchedule apply(
      RetentionSchedule base, Map<CategoryId, CustodianProperties.CategoryRetention> settings) {
    RetentionSchedule.Builder builder = base.toBuilder();
    boolean changed = false;
    for (Map.Entry<CategoryId, CustodianProperties.CategoryRetention> e : settings.entrySet()) {
      Period period = e.getValue().getPeriod();
      if (period == null) {
        continue;
      }
      String property = "retention.categories." + e.getKey() + ".period";
      if (!base.contains(e.getKey())) {
        throw CustodianSettings.invalid(property, "the schedule has no category " + e.getKey());
      }
      try {
        // The rules and the category's stated retention together: the compliance pack shows it.
        builder.contractualPeriod(e.getKey(), period);
      } catch (IllegalArgumentException ex) {
        throw CustodianSettings.invalid(property, ex.getMessage());
      }
      changed = true;
    }
    if (!changed) {
      return base;
    }
    try {
      return builder.build();
    } catch (ScheduleConflictException ex) {
      throw CustodianSettings.invalid("retention.categories", ex.getMessage());
    }
  }
}
