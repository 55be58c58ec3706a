package dev.custodian.audit;

import java.util.List;
import java.util.Objects;

/**
 * Whether an audit request meets every rule of R-AUD-2, and if not, each rule it fails with the
 * reason, in the order of {@link AuditRule}.
 */
public record AuditAssessment(List<Refusal> refusals) {

  /** One failed rule and why, in words the client can act on. */
  public record Refusal(AuditRule rule, String reason) {
    public Refusal {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public AuditAssessment {
    refusals = List.copyOf(refusals);
  }

  /** True if no rule is failed. */
  public boolean valid() {
    return refusals.isEmpty();
  }

  /** The rules failed. */
  public List<AuditRule> failedRules() {
    return refusals.stream().map(Refusal::rule).toList();
  }
}
