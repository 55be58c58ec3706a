package dev.custodian.spring;

import dev.custodian.evidence.ChainVerification;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Custodian's health: DOWN when the evidence chain no longer verifies (R-EVID-1: the proof of every
 * duty is in doubt); otherwise UP, with the counts of overdue duties in the details so that a
 * dashboard or an alert rule can act on them without the application being restarted for them.
 *
 * <p>The chain's verification is a kept one (see {@link CustodianMonitor}), so the details say
 * when it was made and over what: {@code evidenceLastVerifiedAt} (ISO-8601, the library's clock),
 * {@code evidenceVerificationAgeSeconds}, {@code evidenceEntriesChecked}, and {@code
 * evidenceEntries}, the entries that exist now; more entries than were checked means entries were
 * appended since, and are verified at a later call.
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
        .withDetail("evidenceLastVerifiedAt", s.evidence().verifiedAt().toString())
        .withDetail("evidenceVerificationAgeSeconds", s.evidence().age(s.at()).toSeconds())
        .withDetail("evidenceEntriesChecked", chain.entriesChecked())
        .withDetail("evidenceEntries", s.evidenceEntries())
        .withDetail("overdueClientNotifications", s.overdueClientNotifications())
        .withDetail("overdueBreachNotices", s.overdueBreachNotices())
        .withDetail("sweepBacklog", s.sweepBacklog());
  }
}
