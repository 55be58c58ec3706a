package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.testing.ForwardingHostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A sweep killed at every batch boundary, then resumed by a fresh executor (a new node over the
 * same stores), deletes exactly the expired, unheld records, each once, with evidence counts equal
 * to what was deleted (R-RET-6).
 */
class SweepCrashTest {

  /** Host data that dies (throws) on the call after {@code allowed} deletion batches. */
  static final class DyingHostData implements ForwardingHostData {
    private final HostData inner;
    private int allowed;
    int calls;

    DyingHostData(HostData inner, int allowed) {
      this.inner = inner;
      this.allowed = allowed;
    }

    @Override
    public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
      calls++;
      if (allowed-- <= 0) {
        throw new IllegalStateException("node killed before batch");
      }
      return inner.deleteBatch(selection, afterKey, limit);
    }

    @Override
    public GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit) {
      calls++;
      if (allowed-- <= 0) {
        throw new IllegalStateException("node killed before batch");
      }
      return inner.deleteGroupBatch(selection, afterKey, limit);
    }

    @Override
    public HostData delegate() {
      return inner;
    }
  }

  @Test
  void killedAtEveryBatchBoundaryThenResumedDeletesExactlyOnce_R_RET_6() {
    int batchSize = 4;
    // How many batches an uninterrupted sweep takes.
    SweepFixture probe = new SweepFixture();
    probe.populate(12, 42);
    probe.holdFirstPerson();
    DyingHostData counter = new DyingHostData(probe.data, Integer.MAX_VALUE);
    long uninterrupted = probe.node(counter, batchSize).retention().sweep().deleted();
    int batches = counter.calls;
    assertThat(batches).isGreaterThan(5);
    assertThat(uninterrupted).isPositive();

    for (int killAfter = 0; killAfter < batches; killAfter++) {
      SweepFixture f = new SweepFixture();
      f.populate(12, 42);
      f.holdFirstPerson();
      Custodian dying = f.node(new DyingHostData(f.data, killAfter), batchSize);
      List<HostRecord> expected = f.present().stream()
          .filter(r -> dying.retention().classify(RecordFacts.of(r)).deletable()).toList();
      RetentionPlan plan = dying.retention().plan();
      assertThat(plan.deletable()).isEqualTo(expected.size());
      assertThatThrownBy(() -> dying.retention().execute(plan)).hasMessageContaining("killed");

      // The dead node's lease runs out; a fresh node resumes the stored plan.
      f.clock.advance(SweepFixture.LEASE.plus(Duration.ofSeconds(1)));
      Custodian fresh = f.node(batchSize);
      List<SweepReport> resumed = fresh.retention().resumeUnfinished();
      assertThat(resumed).as("kill after " + killAfter).hasSize(1);
      assertThat(resumed.get(0).finished()).isTrue();

      for (HostRecord r : f.all.values()) {
        assertThat(f.data.contains(r.category(), r.id())).as("kill after %d: %s", killAfter, r.id())
            .isEqualTo(!expected.contains(r));
      }
      assertThat(f.evidencedDeletions()).as("kill after " + killAfter).isEqualTo(expected.size());
      assertThat(f.queue.units(plan.id()).stream().mapToLong(u -> u.processed()).sum()).isEqualTo(expected.size());
      assertThat(fresh.retention().status().lastRunDeleted()).isEqualTo(expected.size());
      assertThat(f.present()).noneMatch(r -> fresh.retention().classify(RecordFacts.of(r)) instanceof Decision.DeleteNow);
    }
  }
}
