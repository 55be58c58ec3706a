package dev.custodian.spring;

import dev.custodian.evidence.ChainVerification;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Custodian's health: DOWN when the evidence chain no longer verifies (R-EVID-1: the proof of every
 * duty is in doubt); otherwise UP, with the counts of overdue duties in the details so that a
 * dashboard or an alert rule can act on them without the application being restarted for them.
 */
public class CustodianHealthIndicator extends AbstractHealthIndicator {
  private final CustodianMonitor monitor;

  public CustodianHealthIndicator(CustodianMonitor monitor) {
    super("Custodian health check failed");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    CustodianMonitor.Snapshot s = monitor.snapshot();
    ChainVerification chain = s.evidenceChain();
    if (chain.valid()) {
      builder.up();
    } else {
      builder.down().withDetail("evidenceChainBrokenAt", chain.firstBroken().getAsLong())
          .withDetail("evidenceChainProblem", chain.reason());
    }
    builder
        .withDetail("evidenceChainVerified", chain.valid())
        .withDetail("evidenceEntriesChecked", chain.entriesChecked())
        .withDetail("overdueClientNotifications", s.overdueClientNotifications())
        .withDetail("overdueBreachNotices", s.overdueBreachNotices())
        .withDetail("sweepBacklog", s.sweepBacklog());
  }
}
