package dev.custodian.spring;

import dev.custodian.Custodian;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the health indicator and the metrics report, computed in one place: whether the evidence
 * chain verifies (R-EVID-1), how many client notifications and breach notices are overdue, and how
 * much sweep work waits. Verifying the chain reads every entry, so its result is reused for the
 * configured interval (measured on the library's clock); the counts are read at each call.
 *
 * <p>Thread-safe. Callers that find the kept result stale verify one at a time (the others wait and
 * then reuse it); a caller that finds it fresh never waits. {@link #verifyEvidenceNow()} does not
 * wait either, so two verifications may overlap: each is numbered when it starts reading the
 * chain, and the kept result is always the one that started last. A verification that started
 * earlier, and so may have seen a shorter chain, never replaces a later one, whichever finishes
 * first.
 */
public class CustodianMonitor {
  /** Who reads the overdue lists: the library's own monitor, as processor staff. */
  private static final ProcessorPrincipal READER =
      ProcessorPrincipal.of("custodian-monitor", ProcessorRole.OPERATOR);

  /**
   * One verification of the chain.
   *
   * @param started the order in which verifications started reading the chain (higher is later)
   * @param at the library's clock when it started
   */
  private record Verified(long started, Instant at, ChainVerification result) {}

  private final Custodian custodian;
  private final Duration verificationInterval;
  private final AtomicLong starts = new AtomicLong();
  private final AtomicReference<Verified> last = new AtomicReference<>();
  private final ReentrantLock verifying = new ReentrantLock();

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

  /**
   * The latest verification of the whole evidence chain, recomputed when the kept one started
   * {@code verificationInterval} or more ago on the library's clock.
   */
  public ChainVerification evidenceChain() {
    Verified kept = last.get();
    if (fresh(kept)) {
      return kept.result();
    }
    verifying.lock();
    try {
      // Another caller may have verified while this one waited for the lock.
      kept = last.get();
      return fresh(kept) ? kept.result() : verifyAndKeep();
    } finally {
      verifying.unlock();
    }
  }

  /**
   * Verifies the chain now, whatever the interval, without waiting for a verification already
   * running, and keeps the result; returns the kept one (this one, unless one that started later
   * already finished).
   */
  public ChainVerification verifyEvidenceNow() {
    return verifyAndKeep();
  }

  private boolean fresh(Verified kept) {
    return kept != null
        && custodian.clock().instant().isBefore(kept.at().plus(verificationInterval));
  }

  /** Returns the newest kept result: this one, unless one that started later is already kept. */
  private ChainVerification verifyAndKeep() {
    long started = starts.incrementAndGet();
    Instant at = custodian.clock().instant();
    Verified mine = new Verified(started, at, custodian.evidence().verify());
    return last.accumulateAndGet(mine,
        (kept, offered) -> kept == null || offered.started() > kept.started() ? offered : kept)
        .result();
  }
}
