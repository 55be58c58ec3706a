package dev.custodian.spring;

import dev.custodian.retention.CategoryId;
import dev.custodian.retention.CategoryPolicy;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.RuleSource;
import dev.custodian.retention.ScheduleConflictException;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code custodian.retention.categories.<id>.period} to the shipped schedule: the period
 * replaces those of the category's contractual rules that run for a period (not those that act at
 * an event, such as termination). Legal periods (R-RET-2) and client-set durations (R-RET-3) are
 * never replaced: a category with nothing contractual to override is refused, naming the property.
 */
final class ScheduleOverrides {
  private ScheduleOverrides() {}

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
      CategoryPolicy policy = base.category(e.getKey()).orElseThrow(() -> CustodianSettings.invalid(
          property, "the schedule has no category " + e.getKey()));
      List<RetentionRule> contractual = policy.rules().stream()
          .filter(r -> r.source() == RuleSource.CONTRACT)
          .filter(r -> r.period() != null && !r.period().isZero())
          .toList();
      if (contractual.isEmpty()) {
        throw CustodianSettings.invalid(property, "category " + e.getKey()
            + " has no contractual period to override (legal periods and client-set durations"
            + " cannot be changed here)");
      }
      for (RetentionRule r : contractual) {
        builder.rule(new RetentionRule(r.id(), r.category(), r.source(), r.kind(), r.clock(),
            period, r.basis() + " (period set by the processor: " + period + ")"));
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
