package dev.custodian.spring;

import dev.custodian.Custodian;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the health indicator and the metrics report, computed in one place: whether the evidence
 * chain verifies (R-EVID-1), when it was last verified and over how many entries, how many client
 * notifications and breach notices are overdue, and how much sweep work waits. Verifying the chain
 * reads every entry, so its result is kept and reused; it is verified again, on the library's
 * clock, once it started {@code verificationInterval} ago, or once entries were appended after it
 * started and it started {@code newEntriesRecheck} ago or more (by default one minute, or the
 * interval if shorter), so a growing chain is verified at most that often. Every report carries the
 * kept result's start time, so its age is always visible. The counts are read at each call.
 *
 * <p>Thread-safe. Callers that find the kept result due verify one at a time (the others wait and
 * then reuse it); a caller that finds it current never waits. {@link #verifyEvidenceNow()} does
 * not wait either, so two verifications may overlap: each is numbered when it starts reading the
 * chain, and the kept result is always the one that started last. A verification that started
 * earlier, and so may have seen a shorter chain, never replaces a later one, whichever finishes
 * first.
 */
public class CustodianMonitor {
  /** Who reads the overdue lists: the library's own monitor, as processor staff. */
  private static final ProcessorPrincipal READER =
      ProcessorPrincipal.of("custodian-monitor", ProcessorRole.OPERATOR);

  /** How long after a verification new entries wait for the next one, unless set otherwise. */
  public static final Duration DEFAULT_NEW_ENTRIES_RECHECK = Duration.ofMinutes(1);

  /**
   * One verification of the whole evidence chain, as kept.
   *
   * @param verifiedAt the library's clock when the verification started reading the chain
   * @param chainLength the sequence of the chain's last entry when it started (0 if empty): the
   *     entries it was to check
   * @param result what it found; {@code result.entriesChecked()} is below {@code chainLength} only
   *     if the chain is broken
   */
  public record EvidenceVerification(Instant verifiedAt, long chainLength,
      ChainVerification result) {

    public EvidenceVerification {
      Objects.requireNonNull(verifiedAt, "verifiedAt");
      Objects.requireNonNull(result, "result");
    }

    /** How long before {@code now} this verification started; zero if {@code now} is earlier. */
    public Duration age(Instant now) {
      Duration age = Duration.between(verifiedAt, now);
      return age.isNegative() ? Duration.ZERO : age;
    }
  }

  /** A kept verification and the order in which it started (higher is later). */
  private record Verified(long started, EvidenceVerification verification) {}

  private final Custodian custodian;
  private final Duration verificationInterval;
  private final Duration newEntriesRecheck;
  private final AtomicLong starts = new AtomicLong();
  private final AtomicReference<Verified> last = new AtomicReference<>();
  private final ReentrantLock verifying = new ReentrantLock();

  /**
   * A monitor that verifies the chain again after {@code verificationInterval}, and after {@link
   * #DEFAULT_NEW_ENTRIES_RECHECK} (or the interval if shorter) when entries were appended.
   */
  public CustodianMonitor(Custodian custodian, Duration verificationInterval) {
    this(custodian, verificationInterval, shorter(DEFAULT_NEW_ENTRIES_RECHECK,
        Objects.requireNonNull(verificationInterval, "verificationInterval")));
  }

  /**
   * A monitor that verifies the chain again after {@code verificationInterval}, and after {@code
   * newEntriesRecheck} when entries were appended since the kept verification started.
   *
   * @throws IllegalArgumentException if a duration is negative
   */
  public CustodianMonitor(Custodian custodian, Duration verificationInterval,
      Duration newEntriesRecheck) {
    this.custodian = Objects.requireNonNull(custodian, "custodian");
    this.verificationInterval = Objects.requireNonNull(verificationInterval, "verificationInterval");
    this.newEntriesRecheck = Objects.requireNonNull(newEntriesRecheck, "newEntriesRecheck");
    if (verificationInterval.isNegative() || newEntriesRecheck.isNegative()) {
      throw new IllegalArgumentException("verification intervals must be zero or positive");
    }
  }

  /**
   * One reading of every signal.
   *
   * @param at the library's clock when read
   * @param evidence the kept verification of the evidence chain (see the class doc for when it is
   *     renewed); its {@code verifiedAt} says how old it is
   * @param evidenceEntries the sequence of the chain's last entry when read (0 if empty): how many
   *     entries exist, checked or not yet
   * @param overdueClientNotifications subject requests whose clients were not told by the deadline
   * @param overdueBreachNotices breach notices not sent within their deadline
   * @param sweepBacklog units of sweep work not yet done
   */
  public record Snapshot(
      Instant at,
      EvidenceVerification evidence,
      long evidenceEntries,
      long overdueClientNotifications,
      long overdueBreachNotices,
      long sweepBacklog) {

    /** The kept verification's verdict on the chain. */
    public ChainVerification evidenceChain() {
      return evidence.result();
    }
  }

  /** Reads every signal now (the chain verification may be a kept one, see the class doc). */
  public Snapshot snapshot() {
    EvidenceVerification evidence = evidenceVerification();
    // The chain's length after the verification: entries appended meanwhile show as unchecked.
    long entries = Math.max(chainLength(), evidence.chainLength());
    return new Snapshot(custodian.clock().instant(), evidence, entries,
        overdueClientNotifications(), overdueBreachNotices(), sweepBacklog());
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

  /** The library's clock now. */
  public Instant now() {
    return custodian.clock().instant();
  }

  /**
   * The sequence of the evidence chain's last entry (0 if empty): one read of the chain's head,
   * not a verification.
   */
  public long chainLength() {
    return custodian.evidence().head().map(EvidenceEntry::sequence).orElse(0L);
  }

  /** The kept verification's verdict, verifying the chain again first if it is due. */
  public ChainVerification evidenceChain() {
    return evidenceVerification().result();
  }

  /**
   * The kept verification of the whole evidence chain, verified again first if it is due: when it
   * started {@code verificationInterval} or more ago on the library's clock, or when entries were
   * appended since it started and it started {@code newEntriesRecheck} or more ago.
   */
  public EvidenceVerification evidenceVerification() {
    Verified kept = last.get();
    if (current(kept)) {
      return kept.verification();
    }
    verifying.lock();
    try {
      // Another caller may have verified while this one waited for the lock.
      kept = last.get();
      return current(kept) ? kept.verification() : verifyAndKeep();
    } finally {
      verifying.unlock();
    }
  }

  /**
   * The kept verification as it is, never verifying: empty until the first one. For a report that
   * must show how old the kept result is, even while verifications fail.
   */
  public Optional<EvidenceVerification> lastEvidenceVerification() {
    return Optional.ofNullable(last.get()).map(Verified::verification);
  }

  /**
   * Verifies the chain now, whatever the interval, without waiting for a verification already
   * running, and keeps the result; returns the kept one's verdict (this one's, unless one that
   * started later already finished).
   */
  public ChainVerification verifyEvidenceNow() {
    return verifyAndKeep().result();
  }

  private boolean current(Verified kept) {
    if (kept == null) {
      return false;
    }
    Instant now = custodian.clock().instant();
    Instant at = kept.verification().verifiedAt();
    if (!now.isBefore(at.plus(verificationInterval))) {
      return false;
    }
    // Reading the head is cheap; only a grown chain past the recheck delay is verified again.
    return now.isBefore(at.plus(newEntriesRecheck))
        || chainLength() == kept.verification().chainLength();
  }

  /** Returns the newest kept verification: this one, unless one that started later is kept. */
  private EvidenceVerification verifyAndKeep() {
    long started = starts.incrementAndGet();
    Instant at = custodian.clock().instant();
    // The head first: entries appended during the reading then count as new at the next call.
    long length = chainLength();
    ChainVerification result = custodian.evidence().verify();
    Verified mine = new Verified(started,
        new EvidenceVerification(at, Math.max(length, result.entriesChecked()), result));
    return last.accumulateAndGet(mine,
        (kept, offered) -> kept == null || offered.started() > kept.started() ? offered : kept)
        .verification();
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
