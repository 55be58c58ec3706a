package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The monitor keeps the newest verification of the evidence chain (R-EVID-1). */
class CustodianMonitorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final PausingEvidenceStore store = new PausingEvidenceStore();
  private final Custodian custodian = Custodian.builder()
      .clock(clock)
      .evidenceStore(store)
      .pseudonymizationKey("a fictional test key of at least 32 bytes".getBytes())
      .build();
  private final CustodianMonitor monitor = new CustodianMonitor(custodian, Duration.ofHours(1));

  @Test
  void aSlowerOlderVerificationNeverReplacesANewerOne_R_EVID_1() throws Exception {
    custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
    long before = custodian.evidence().head().orElseThrow().sequence();
    store.pauseNextRead();
    // The scheduled check starts first and stops after reading the chain as it was then...
    CompletableFuture<ChainVerification> older = CompletableFuture.supplyAsync(monitor::evidenceChain);
    assertThat(store.paused.await(10, TimeUnit.SECONDS)).isTrue();
    // ...meanwhile the chain grows and an explicit verification reads all of it.
    custodian.evidence().append(EvidenceRecord.of("test.other_fact", "system"));
    long after = custodian.evidence().head().orElseThrow().sequence();
    assertThat(after).isGreaterThan(before);
    assertThat(monitor.verifyEvidenceNow().entriesChecked()).isEqualTo(after);

    // The older one finishes last; the monitor still reports the newer verification.
    store.resume.countDown();
    assertThat(older.get(10, TimeUnit.SECONDS).entriesChecked()).isEqualTo(after);
    assertThat(store.olderSaw).isEqualTo(before);
    assertThat(monitor.evidenceChain().entriesChecked()).isEqualTo(after);
  }

  @Test
  void aVerificationIsReusedUntilTheIntervalPassesWhileNoEntryIsAppended_R_EVID_1() {
    long start = custodian.evidence().head().map(EvidenceEntry::sequence).orElse(0L);
    assertThat(monitor.evidenceChain().entriesChecked()).isEqualTo(start);
    Instant first = clock.instant();
    clock.advance(Duration.ofMinutes(59));
    assertThat(monitor.evidenceVerification().verifiedAt()).isEqualTo(first);
    clock.advance(Duration.ofMinutes(1));
    assertThat(monitor.evidenceVerification().verifiedAt()).isEqualTo(clock.instant());
  }

  /**
   * Issue 13: the health showed 0 entries checked while 26 existed, the start-up verification
   * being reused for an hour. New entries now bring a verification within a minute.
   */
  @Test
  void entriesAppendedAfterAVerificationAreVerifiedWithinTheRecheckDelay_R_EVID_1() {
    long start = custodian.evidence().head().map(EvidenceEntry::sequence).orElse(0L);
    CustodianMonitor.EvidenceVerification first = monitor.evidenceVerification();
    assertThat(first.chainLength()).isEqualTo(start);
    for (int i = 0; i < 26; i++) {
      custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
    }
    // Within the recheck delay the kept verification stays, and the snapshot says it is behind.
    clock.advance(Duration.ofSeconds(59));
    CustodianMonitor.Snapshot behind = monitor.snapshot();
    assertThat(behind.evidence()).isEqualTo(first);
    assertThat(behind.evidenceChain().entriesChecked()).isEqualTo(start);
    assertThat(behind.evidenceEntries()).isEqualTo(start + 26);
    assertThat(behind.evidence().age(behind.at())).isEqualTo(Duration.ofSeconds(59));

    clock.advance(Duration.ofSeconds(1));
    CustodianMonitor.Snapshot caughtUp = monitor.snapshot();
    assertThat(caughtUp.evidence().verifiedAt()).isEqualTo(clock.instant());
    assertThat(caughtUp.evidenceChain().entriesChecked()).isEqualTo(start + 26);
    assertThat(caughtUp.evidence().chainLength()).isEqualTo(start + 26);
    assertThat(caughtUp.evidenceEntries()).isEqualTo(start + 26);
    assertThat(caughtUp.evidence().age(caughtUp.at())).isZero();
  }

  @Test
  void theRecheckDelayIsTheHostsAndNeverLongerThanTheInterval_R_EVID_1() {
    long start = monitor.chainLength();
    CustodianMonitor immediate = new CustodianMonitor(custodian, Duration.ofHours(1), Duration.ZERO);
    assertThat(immediate.evidenceChain().entriesChecked()).isEqualTo(start);
    custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
    assertThat(immediate.evidenceChain().entriesChecked()).isEqualTo(start + 1);

    // An interval shorter than the default recheck delay bounds it.
    CustodianMonitor shortInterval = new CustodianMonitor(custodian, Duration.ofSeconds(10));
    assertThat(shortInterval.evidenceChain().entriesChecked()).isEqualTo(start + 1);
    custodian.evidence().append(EvidenceRecord.of("test.other_fact", "system"));
    clock.advance(Duration.ofSeconds(9));
    assertThat(shortInterval.evidenceChain().entriesChecked()).isEqualTo(start + 1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(shortInterval.evidenceChain().entriesChecked()).isEqualTo(start + 2);
  }

  @Test
  void theKeptVerificationIsReadWithoutVerifying_R_EVID_1() {
    assertThat(monitor.lastEvidenceVerification()).isEmpty();
    custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
    Instant at = clock.instant();
    monitor.verifyEvidenceNow();
    clock.advance(Duration.ofHours(3));
    custodian.evidence().append(EvidenceRecord.of("test.other_fact", "system"));
    // Long past due, yet reading the kept one does not renew it: its age shows.
    CustodianMonitor.EvidenceVerification kept = monitor.lastEvidenceVerification().orElseThrow();
    assertThat(kept.verifiedAt()).isEqualTo(at);
    assertThat(kept.chainLength()).isEqualTo(kept.result().entriesChecked());
    assertThat(kept.age(clock.instant())).isEqualTo(Duration.ofHours(3));
    assertThat(monitor.chainLength()).isEqualTo(kept.chainLength() + 1);
  }

  /** An in-memory store whose next verification can be held after it has read the whole chain. */
  private static final class PausingEvidenceStore implements EvidenceStore {
    private final InMemoryEvidenceStore delegate = new InMemoryEvidenceStore();
    private final AtomicBoolean pauseNext = new AtomicBoolean();
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    volatile long olderSaw = -1;

    void pauseNextRead() {
      pauseNext.set(true);
    }

    @Override
    public EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next) {
      return delegate.append(next);
    }

    @Override
    public Optional<EvidenceEntry> head() {
      return delegate.head();
    }

    @Override
    public List<EvidenceEntry> readAll(long fromSequence, int limit) {
      List<EvidenceEntry> page = delegate.readAll(fromSequence, limit);
      // The verifier reads pages until an empty one: pausing there holds a finished reading.
      if (page.isEmpty() && pauseNext.compareAndSet(true, false)) {
        olderSaw = fromSequence - 1;
        paused.countDown();
        try {
          if (!resume.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never resumed the paused read");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return page;
    }

    @Override
    public List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit) {
      return delegate.readByClient(client, fromSequence, limit);
    }
  }
}
