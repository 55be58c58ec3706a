package dev.custodian.spring;

import dev.custodian.Custodian;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the health indicator and the metrics report, computed in one place: whether the evidence
 * chain verifies (R-EVID-1), how many client notifications and breach notices are overdue, and how
 * much sweep work waits. Verifying the chain reads every entry, so its result is reused for the
 * configured interval (measured on the library's clock); the counts are read at each call.
 * Thread-safe.
 */
public class CustodianMonitor {
  /** Who reads the overdue lists: the library's own monitor, as processor staff. */
  private static final ProcessorPrincipal READER =
      ProcessorPrincipal.of("custodian-monitor", ProcessorRole.OPERATOR);

  private final Custodian custodian;
  private final Duration verificationInterval;
  private ChainVerification lastVerification;
  private Instant verifiedAt;

  public CustodianMonitor(Custodian custodian, Duration verificationInterval) {
    this.custodian = Objects.requireNonNull(custodian, "custodian");
    this.verificationInterval = Objects.requireNonNull(verificationInterval, "verificationInterval");
  }

  /**
   * One reading of every signal.
   *
   * @param at the library's clock when read
   * @param evidenceChain the latest verification of the evidence chain
   * @param overdueClientNotifications subject requests whose clients were not told by the deadline
   * @param overdueBreachNotices breach notices not sent within their deadline
   * @param sweepBacklog units of sweep work not yet done
   */
  public record Snapshot(
      Instant at,
      ChainVerification evidenceChain,
      long overdueClientNotifications,
      long overdueBreachNotices,
      long sweepBacklog) {}

  /** Reads every signal now (the chain verification may be a recent one, see the class doc). */
  public Snapshot snapshot() {
    Instant now = custodian.clock().instant();
    return new Snapshot(now, evidenceChain(), overdueClientNotifications(), overdueBreachNotices(),
        sweepBacklog());
  }

  /** Incidents whose client is still not notified 72 hours after awareness (R-BR-1). */
  public long overdueBreachNotices() {
    return custodian.breaches().overdue().size();
  }

  /** Records planned for deletion and not yet deleted, over unfinished sweeps (R-RET-6). */
  public long sweepBacklog() {
    return custodian.retention().status().backlog();
  }

  /** Subject-request cases whose client was not notified by the deadline (R-DSR-2). */
  public long overdueClientNotifications() {
    return custodian.subjectRequests().overdueNotifications(READER).size();
  }

  /** The latest verification of the whole evidence chain, recomputed when older than the interval. */
  public synchronized ChainVerification evidenceChain() {
    Instant now = custodian.clock().instant();
    if (lastVerification == null || !now.isBefore(verifiedAt.plus(verificationInterval))) {
      lastVerification = custodian.evidence().verify();
      verifiedAt = now;
    }
    return lastVerification;
  }

  /** Verifies the chain now, whatever the interval, and keeps the result. */
  public synchronized ChainVerification verifyEvidenceNow() {
    lastVerification = custodian.evidence().verify();
    verifiedAt = custodian.clock().instant();
    return lastVerification;
  }
}
