package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import dev.custodian.spi.WorkQueue.WorkClaim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole-partition units of plans ({@link SweepPartition}), for the {@link Sweeper}: stores them
 * with the plan and sweeps one claimed unit in a single unit of work. That unit reads the holds of
 * the group's clients, has the host empty the partition sparing them, and writes one evidence entry
 * per client with the count the host read under its lock ({@code retention.sweep.batch}, naming the
 * partition), the unit's summary ({@code retention.sweep.partition}) and the unit's completion in
 * the work queue: all commit together or not at all, so a crash at any point leaves the partition
 * untouched and the unit to claim again. A lost lease rolls it back. Planned only where the stores
 * share such units ({@link Transactions#atomic()}).
 */
final class PartitionUnits {
  static final String KIND = "retention-plan-partition";
  static final String SUMMARY_ACTION = RetentionActions.SWEEP_PARTITION;

  private final Repository<SweepPartition> units;
  private final DeletionGate gate;
  private final WorkQueue queue;
  private final EvidenceLog evidence;
  private final RetentionMetrics metrics;
  private final Transactions transactions;

  PartitionUnits(StateStore store, DeletionGate gate, WorkQueue queue, EvidenceLog evidence,
      RetentionMetrics metrics, Transactions transactions) {
    this.units = new Repository<>(store, KIND, SweepPartition.class);
    this.gate = gate;
    this.queue = queue;
    this.evidence = evidence;
    this.metrics = metrics;
    this.transactions = transactions;
  }

  /** Stores the plan's partition units (idempotent). */
  void store(RetentionPlan plan) {
    for (SweepPartition p : plan.partitions()) {
      String id = plan.id() + "/" + p.unit();
      if (units.find(id).isEmpty()) {
        try {
          units.insert(id, null, p);
        } catch (DuplicateStateException raced) {
          // another node stored it first: same content
        }
      }
    }
  }

  /** The records a stored partition unit should delete, if {@code id} names one. */
  Optional<Long> deletable(String id) {
    return units.find(id).map(v -> v.value().deletable());
  }

  /** Thrown inside the unit of work when the lease is lost: the unit is rolled back. */
  private static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLost() {
      super(null, null, false, false);
    }
  }

  /** Sweeps the claimed unit if it is a partition unit; empty if it is not one. */
  Optional<Sweeper.UnitResult> work(WorkClaim claim, Sweeper.Tally tally) {
    Optional<Versioned<SweepPartition>> found = units.find(claim.jobId() + "/" + claim.unitId());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SweepPartition p = found.get().value();
    Map<ClientId, List<RecordSelection.Exclusion>> clients = new LinkedHashMap<>();
    p.clients().forEach(c -> clients.put(c, List.of()));
    GroupSelection selection = new GroupSelection(p.category(), p.from(), p.before(), clients);
    GroupDeletion done;
    try {
      done = transactions.inOneTransaction(() -> {
        GroupDeletion d = gate.emptyPartition(selection, p.partition(), Sweeper.ACTOR,
            Sweeper.BATCH_ACTION, claim.jobId() + " " + p.rule())
            .orElse(new GroupDeletion(Map.of(), null, true));
        boolean whole = d.nextKey() != null;
        // A partition that no longer qualifies is left whole to the group's row batches.
        evidence.append(EvidenceRecord.of(SUMMARY_ACTION, Sweeper.ACTOR).withBasis(claim.jobId())
            .withDetail("unit", p.unit()).withDetail("category", p.category())
            .withDetail("partition", p.partition()).withDetail("clients", p.clients().size())
            .withDetail("deleted", d.total()).withDetail("planned", p.deletable())
            .withDetail("emptied", whole).withDetail("rules", p.rule())
            .withStep(SUMMARY_ACTION + ":" + claim.jobId() + "/" + claim.unitId()));
        if (!queue.complete(claim, whole ? "done" : "rows", d.total())) {
          throw new LeaseLost();
        }
        return d;
      });
    } catch (LeaseLost lost) {
      tally.deferred++;
      return Optional.of(new Sweeper.UnitResult(0, 0, false));
    }
    done.deleted().forEach((client, n) -> metrics.batchDeleted(client, p.category(), p.rule(), n));
    tally.deleted(p.category(), done.total());
    return Optional.of(new Sweeper.UnitResult(done.total(), 0, true));
  }
}
