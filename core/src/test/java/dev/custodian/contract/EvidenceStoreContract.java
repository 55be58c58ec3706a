package dev.custodian.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.AnchoredHead;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.evidence.EvidenceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EvidenceStore} must have: append-only, atomic appends that keep one
 * chain under concurrent writers, reads in order, per-client reads, each step logged once, the head
 * recorded with each append. Implementations provide an empty store of its own per test (R-EVID-1).
 */
public abstract class EvidenceStoreContract {
  private static final ClientId A = ClientId.of("client-a");
  private static final ClientId B = ClientId.of("client-b");

  protected EvidenceStore store;
  protected EvidenceLog log;

  /** The key the contract's log chains with. */
  protected static final EvidenceKey KEY = EvidenceKey.of(
      "contract evidence key, 32 bytes+".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  /**
   * An empty store of this test's own: nothing an earlier test wrote, or a stray thread of a
   * failed earlier test still writes, may reach it.
   */
  protected abstract EvidenceStore createEmptyStore();

  @BeforeEach
  void setUpStore() {
    store = createEmptyStore();
    log = new EvidenceLog(store,
        Clock.fixed(Instant.parse("2026-02-01T09:00:00.123456789Z"), ZoneOffset.UTC), KEY);
  }

  @Test
  void emptyStoreHasNoHeadAndAValidChain() {
    assertThat(store.head()).isEmpty();
    assertThat(store.recordedHead()).isEmpty();
    assertThat(store.readAll(1, 10)).isEmpty();
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void appendsChainAndReadBackExactly() {
    EvidenceEntry first = log.append(EvidenceRecord.of("test.first", "system").withClient(A)
        .withBasis("rule-1").withDetail("count", 3).withDetail("é", "漢"));
    EvidenceEntry second = log.append(EvidenceRecord.of("test.second", "admin-1"));
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(EvidenceEntry.GENESIS);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(store.readAll(1, 10)).containsExactly(first, second);
    assertThat(store.readAll(2, 10)).containsExactly(second);
    assertThat(store.head()).contains(second);
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void readByClientSeesOnlyThatClient() {
    log.append(EvidenceRecord.of("test.a", "system").withClient(A));
    log.append(EvidenceRecord.of("test.b", "system").withClient(B));
    log.append(EvidenceRecord.of("test.none", "system"));
    log.append(EvidenceRecord.of("test.a2", "system").withClient(A));
    assertThat(store.readByClient(A, 1, 10)).extracting(EvidenceEntry::action)
        .containsExactly("test.a", "test.a2");
    assertThat(store.readByClient(A, 2, 10)).extracting(EvidenceEntry::action)
        .containsExactly("test.a2");
    assertThat(store.readByClient(B, 1, 10)).extracting(EvidenceEntry::client).containsOnly(B);
  }

  @Test
  void pagingReturnsAtMostTheLimit() {
    for (int i = 0; i < 25; i++) {
      log.append(EvidenceRecord.of("test.page", "system").withDetail("i", i));
    }
    assertThat(store.readAll(1, 10)).hasSize(10);
    assertThat(store.readAll(21, 10)).hasSize(5);
    assertThat(log.verify().entriesChecked()).isEqualTo(25);
  }

  /** Runs {@code writer} (given its number) on {@code threads} threads that start together. */
  private static void concurrently(int threads, IntConsumer writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int n = t;
      futures.add(pool.submit(() -> {
        start.await();
        writer.accept(n);
        return null;
      }));
    }
    start.countDown();
    try {
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      // Even when one writer failed, no writer outlives the test.
      pool.shutdownNow();
      pool.awaitTermination(120, TimeUnit.SECONDS);
    }
  }

  @Test
  void concurrentAppendersFormOneValidChain() throws Exception {
    int threads = 4;
    int each = 25;
    concurrently(threads, n -> {
      for (int i = 0; i < each; i++) {
        log.append(EvidenceRecord.of("test.concurrent", "writer-" + n).withDetail("i", i));
      }
    });
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo((long) threads * each);
  }

  @Test
  void appendAllChainsItsEntriesInOrder_R_EVID_1() {
    log.append(EvidenceRecord.of("test.before", "tester"));
    List<EvidenceEntry> batch = log.appendAll(List.of(
        EvidenceRecord.of("test.batch", "tester").withClient(A).withDetail("deleted", 3),
        EvidenceRecord.of("test.batch", "tester").withClient(B).withDetail("deleted", 4)));
    assertThat(batch).extracting(EvidenceEntry::sequence).containsExactly(2L, 3L);
    assertThat(batch).extracting(EvidenceEntry::client).containsExactly(A, B);
    assertThat(store.readAll(1, 10)).containsExactlyElementsOf(
        List.of(store.readAll(1, 1).get(0), batch.get(0), batch.get(1)));
    assertThat(log.appendAll(List.of())).isEmpty();
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(3);
  }

  @Test
  void appendAllRefusingOneRecordAppendsNone_R_EVID_2() {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> log.appendAll(List.of(
        EvidenceRecord.of("test.batch", "tester").withClient(A),
        EvidenceRecord.of("test.batch", "tester").withDetail("who", "anne@example.com")))))
        .isInstanceOf(dev.custodian.evidence.PersonalDataInEvidenceException.class);
    assertThat(store.head()).isEmpty();
  }

  @Test
  void concurrentAppendAllAndAppendFormOneValidChain() throws Exception {
    concurrently(4, n -> {
      for (int i = 0; i < 10; i++) {
        EvidenceRecord r = EvidenceRecord.of("test.concurrent", "writer-" + n).withDetail("i", i);
        if (n % 2 == 0) {
          log.appendAll(List.of(r, r));
        } else {
          log.append(r);
        }
      }
    });
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(2 * 10 * 2 + 2 * 10);
  }

  @Test
  void theStoreRecordsItsHeadWithEachAppend_R_EVID_1() {
    EvidenceEntry first = log.append(EvidenceRecord.of("test.first", "system"));
    assertThat(store.recordedHead()).contains(AnchoredHead.of(first));
    List<EvidenceEntry> batch = log.appendAll(List.of(EvidenceRecord.of("test.a", "system"),
        EvidenceRecord.of("test.b", "system")));
    assertThat(store.recordedHead()).contains(AnchoredHead.of(batch.get(1)));
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.anchoredSequence()).hasValue(3);
    assertThat(v.lastSequence()).isEqualTo(3);
  }

  @Test
  void aStepIsLoggedOnce_R_EVID_1() {
    EvidenceEntry first = log.append(EvidenceRecord.of("test.step", "system").withClient(A)
        .withStep("case-1/step-a").withDetail("deleted", 7));
    EvidenceEntry other = log.append(EvidenceRecord.of("test.other", "system"));
    // A retry after a crash: same step, even with other content, appends nothing.
    EvidenceEntry again = log.append(EvidenceRecord.of("test.step", "system").withClient(A)
        .withStep("case-1/step-a").withDetail("deleted", 14));
    assertThat(again).isEqualTo(first);
    assertThat(first.step()).isEqualTo("case-1/step-a");
    assertThat(store.readAll(1, 10)).containsExactly(first, other);
    assertThat(store.head()).contains(other);
    assertThat(store.findByStep("case-1/step-a")).contains(first);
    assertThat(store.findByStep("case-1/step-b")).isEmpty();
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void appendAllSkipsStepsAlreadyLoggedOrRepeated_R_EVID_1() {
    EvidenceEntry logged = log.append(EvidenceRecord.of("test.step", "system").withStep("s1"));
    List<EvidenceEntry> batch = log.appendAll(List.of(
        EvidenceRecord.of("test.step", "system").withStep("s1"),
        EvidenceRecord.of("test.step", "system").withStep("s2").withClient(A),
        EvidenceRecord.of("test.step", "system").withStep("s2").withClient(B),
        EvidenceRecord.of("test.free", "system")));
    assertThat(batch.get(0)).isEqualTo(logged);
    assertThat(batch.get(1).sequence()).isEqualTo(2);
    assertThat(batch.get(1).client()).isEqualTo(A);
    assertThat(batch.get(2)).isEqualTo(batch.get(1));
    assertThat(batch.get(3).sequence()).isEqualTo(3);
    assertThat(batch.get(3).previousHash()).isEqualTo(batch.get(1).hash());
    assertThat(store.readAll(1, 10)).extracting(EvidenceEntry::sequence).containsExactly(1L, 2L, 3L);
    assertThat(store.recordedHead()).contains(AnchoredHead.of(batch.get(3)));
    // A batch whose every step is logged appends nothing.
    assertThat(log.appendAll(List.of(EvidenceRecord.of("test.step", "system").withStep("s2"))))
        .containsExactly(batch.get(1));
    assertThat(store.head()).contains(batch.get(3));
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
  }

  @Test
  void concurrentRetriesOfTheSameStepsLogEachOnce_R_EVID_1() throws Exception {
    int steps = 10;
    concurrently(4, n -> {
      for (int i = 0; i < steps; i++) {
        EvidenceRecord r = EvidenceRecord.of("test.step", "writer-" + n).withStep("step-" + i);
        if (n % 2 == 0) {
          log.appendAll(List.of(r, EvidenceRecord.of("test.free", "writer-" + n)));
        } else {
          log.append(r);
        }
      }
    });
    List<EvidenceEntry> all = store.readAll(1, 1000);
    assertThat(all).filteredOn(e -> e.step() != null).extracting(EvidenceEntry::step)
        .doesNotHaveDuplicates().hasSize(steps);
    assertThat(all).hasSize(steps + 2 * steps);
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
  }
}
