package dev.custodian.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.spi.WorkQueue;
import dev.custodian.spi.WorkQueue.WorkClaim;
import dev.custodian.spi.WorkQueue.WorkUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WorkQueue} must have (R-RET-6: sweeps resume after a crash and are
 * safe with several nodes): a unit is never held by two live claims, progress survives a lost
 * lease, a claim that lost its lease can change nothing, enqueueing is idempotent.
 *
 * <p>Lease expiry is tested with a zero lease (expired at once in the store's own time) and a long
 * one (live for the whole test), so no test waits for time to pass.
 */
public abstract class WorkQueueContract {
  /** Long enough never to expire during a test. */
  protected static final Duration LIVE = Duration.ofMinutes(10);
  /** Expired as soon as it is granted. */
  protected static final Duration EXPIRED = Duration.ZERO;

  /** The queue under test, from {@link #createQueue()} before each test. */
  protected WorkQueue queue;
  /** A job id unique to each test, so tests against a shared database never see each other. */
  protected String job;

  /** A queue to test; may be the same instance for every test. */
  protected abstract WorkQueue createQueue();

  /** For subclasses, which supply the implementation under test. */
  protected WorkQueueContract() {}

  @BeforeEach
  void setUpQueue() {
    queue = createQueue();
    job = "job-" + UUID.randomUUID();
  }

  @Test
  void enqueueIsIdempotentAndKeepsProgress_R_RET_6() {
    queue.enqueue(job, List.of("b", "a"));
    WorkClaim claim = queue.claim(job, "node-1", LIVE).orElseThrow();
    assertThat(queue.checkpoint(claim, "k-7", 7, LIVE)).isTrue();
    queue.enqueue(job, List.of("a", "b", "c"));
    List<WorkUnit> units = queue.units(job);
    assertThat(units).extracting(WorkUnit::unitId).containsExactly("a", "b", "c");
    WorkUnit a = units.get(0);
    assertThat(a.cursor()).isEqualTo("k-7");
    assertThat(a.processed()).isEqualTo(7);
    assertThat(a.owner()).isEqualTo("node-1");
    assertThat(units.get(2).processed()).isZero();
    assertThat(units.get(2).cursor()).isNull();
    assertThat(units.get(2).done()).isFalse();
  }

  @Test
  void unitsOfOtherJobsAreNeitherListedNorClaimed() {
    queue.enqueue(job + "-other", List.of("x"));
    queue.enqueue(job, List.of("a"));
    assertThat(queue.units(job)).extracting(WorkUnit::unitId).containsExactly("a");
    assertThat(queue.claim(job, "n", LIVE)).map(WorkClaim::unitId).contains("a");
    assertThat(queue.claim(job, "n", LIVE)).isEmpty();
    assertThat(queue.units(job + "-unknown")).isEmpty();
    assertThat(queue.claim(job + "-unknown", "n", LIVE)).isEmpty();
  }

  @Test
  void aLiveClaimIsNeverHandedOutTwice() {
    queue.enqueue(job, List.of("u1", "u2"));
    WorkClaim first = queue.claim(job, "node-1", LIVE).orElseThrow();
    WorkClaim second = queue.claim(job, "node-2", LIVE).orElseThrow();
    assertThat(first.unitId()).isNotEqualTo(second.unitId());
    assertThat(first.owner()).isEqualTo("node-1");
    assertThat(first.cursor()).isNull();
    assertThat(first.processed()).isZero();
    assertThat(queue.claim(job, "node-3", LIVE)).isEmpty();
    assertThat(queue.claim(job, "node-1", LIVE)).isEmpty();
  }

  @Test
  void anExpiredLeaseLetsAnotherNodeResumeFromTheCheckpoint_R_RET_6() {
    queue.enqueue(job, List.of("u1"));
    WorkClaim crashed = queue.claim(job, "node-1", LIVE).orElseThrow();
    assertThat(queue.checkpoint(crashed, "after-42", 42, EXPIRED)).isTrue();

    WorkClaim successor = queue.claim(job, "node-2", LIVE).orElseThrow();
    assertThat(successor.unitId()).isEqualTo("u1");
    assertThat(successor.owner()).isEqualTo("node-2");
    assertThat(successor.cursor()).isEqualTo("after-42");
    assertThat(successor.processed()).isEqualTo(42);
    assertThat(successor.token()).isNotEqualTo(crashed.token());
    assertThat(queue.units(job)).singleElement().extracting(WorkUnit::owner).isEqualTo("node-2");
  }

  @Test
  void aClaimThatLostItsLeaseChangesNothing() {
    queue.enqueue(job, List.of("u1"));
    WorkClaim old = queue.claim(job, "node-1", EXPIRED).orElseThrow();
    WorkClaim successor = queue.claim(job, "node-2", LIVE).orElseThrow();
    assertThat(queue.checkpoint(successor, "s-1", 1, LIVE)).isTrue();

    assertThat(queue.checkpoint(old, "o-9", 9, LIVE)).isFalse();
    assertThat(queue.complete(old, "o-9", 9)).isFalse();

    WorkUnit u = queue.units(job).get(0);
    assertThat(u.cursor()).isEqualTo("s-1");
    assertThat(u.processed()).isEqualTo(1);
    assertThat(u.done()).isFalse();
    assertThat(queue.complete(successor, "s-2", 2)).isTrue();
  }

  @Test
  void anExpiredClaimCannotCheckpointEvenWithoutASuccessor() {
    queue.enqueue(job, List.of("u1"));
    WorkClaim claim = queue.claim(job, "node-1", EXPIRED).orElseThrow();
    assertThat(queue.checkpoint(claim, "late", 5, LIVE)).isFalse();
    assertThat(queue.complete(claim, "late", 5)).isFalse();
    assertThat(queue.units(job).get(0).processed()).isZero();
  }

  @Test
  void checkpointRenewsTheLease() {
    queue.enqueue(job, List.of("u1"));
    WorkClaim claim = queue.claim(job, "node-1", EXPIRED).orElseThrow();
    WorkClaim again = queue.claim(job, "node-1", LIVE).orElseThrow();
    assertThat(queue.checkpoint(again, "c1", 1, LIVE)).isTrue();
    assertThat(queue.claim(job, "node-2", LIVE)).isEmpty();
    assertThat(queue.checkpoint(again, "c2", 2, LIVE)).isTrue();
    assertThat(queue.claim(job, "node-2", LIVE)).isEmpty();
    assertThat(claim.token()).isNotEqualTo(again.token());
  }

  @Test
  void completedUnitsAreDoneAndNeverClaimedAgain() {
    queue.enqueue(job, List.of("u1", "u2"));
    WorkClaim c1 = queue.claim(job, "node-1", LIVE).orElseThrow();
    assertThat(queue.complete(c1, "end", 100)).isTrue();
    assertThat(queue.complete(c1, "end", 100)).isFalse();
    assertThat(queue.checkpoint(c1, "more", 101, LIVE)).isFalse();
    WorkClaim c2 = queue.claim(job, "node-1", EXPIRED).orElseThrow();
    assertThat(c2.unitId()).isNotEqualTo(c1.unitId());
    // u2's lease expired: it may be claimed again, u1 never.
    assertThat(queue.claim(job, "node-2", LIVE)).map(WorkClaim::unitId).contains(c2.unitId());
    assertThat(queue.claim(job, "node-3", LIVE)).isEmpty();
    WorkUnit done = queue.units(job).stream().filter(u -> u.unitId().equals(c1.unitId()))
        .findFirst().orElseThrow();
    assertThat(done.done()).isTrue();
    assertThat(done.cursor()).isEqualTo("end");
    assertThat(done.processed()).isEqualTo(100);
  }

  @Test
  void aClaimOnOneUnitCannotWriteToAnother() {
    queue.enqueue(job, List.of("u1", "u2"));
    WorkClaim c1 = queue.claim(job, "node-1", LIVE).orElseThrow();
    WorkClaim forged = new WorkClaim(job, c1.unitId().equals("u1") ? "u2" : "u1", "node-1",
        c1.token(), null, 0);
    assertThat(queue.checkpoint(forged, "x", 1, LIVE)).isFalse();
    assertThat(queue.complete(forged, "x", 1)).isFalse();
    WorkClaim otherJob = new WorkClaim(job + "-other", c1.unitId(), "node-1", c1.token(), null, 0);
    assertThat(queue.complete(otherJob, "x", 1)).isFalse();
    assertThat(queue.units(job)).allSatisfy(u -> assertThat(u.done()).isFalse());
  }

  @Test
  void concurrentClaimersNeverShareAUnitAndFinishEveryOne_R_RET_6() throws Exception {
    List<String> ids = IntStream.range(0, 40).mapToObj(i -> String.format("u%03d", i)).toList();
    queue.enqueue(job, ids);
    int nodes = 4;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    CountDownLatch start = new CountDownLatch(1);
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());
    List<Future<Integer>> futures = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      String owner = "node-" + n;
      futures.add(pool.submit(() -> {
        start.await();
        int done = 0;
        Optional<WorkClaim> c;
        while ((c = queue.claim(job, owner, LIVE)).isPresent()) {
          claimed.add(c.get().unitId());
          assertThat(queue.checkpoint(c.get(), "half", 1, LIVE)).isTrue();
          assertThat(queue.complete(c.get(), "end", 2)).isTrue();
          done++;
        }
        return done;
      }));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> f : futures) {
      total += f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(total).isEqualTo(ids.size());
    assertThat(claimed).doesNotHaveDuplicates().hasSameElementsAs(ids);
    Set<String> done = new HashSet<>();
    queue.units(job).forEach(u -> {
      assertThat(u.done()).isTrue();
      assertThat(u.processed()).isEqualTo(2);
      done.add(u.unitId());
    });
    assertThat(done).hasSameElementsAs(ids);
  }
}
