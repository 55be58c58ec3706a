package dev.custodian.hold;

import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one door through which the library deletes the host's data: sweeps, erasures, terminations
 * and contact deletions all go through it. It reads the active holds at each step, so a hold placed
 * after a plan was made still spares its records (R-HOLD-2), and records each step as evidence.
 */
public final class DeletionGate {
  private final HostData hostData;
  private final HoldService holds;
  private final EvidenceLog evidence;

  public DeletionGate(HostData hostData, HoldService holds, EvidenceLog evidence) {
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
  }

  /** The selection narrowed so that it spares every active hold of its client and category. */
  public RecordSelection sparingHolds(RecordSelection selection) {
    List<RecordSelection.Exclusion> spare = new ArrayList<>(selection.excluding());
    holds.active(selection.client(), selection.category()).forEach(h -> spare.add(h.asExclusion()));
    return selection.withExcluding(spare);
  }

  /**
   * Deletes one bounded batch of {@code selection}, sparing held records, and appends evidence.
   *
   * @param actor who deletes ({@code system} for a sweep)
   * @param action evidence action, for example {@code retention.sweep.batch}
   * @param basis the rule, instruction or termination behind the deletion
   */
  public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit,
      String actor, String action, String basis) {
    DeletionBatch batch = hostData.deleteBatch(sparingHolds(selection), afterKey, limit);
    evidence.append(EvidenceRecord.of(action, actor).withClient(selection.client()).withBasis(basis)
        .withDetail("category", selection.category()).withDetail("deleted", batch.deleted())
        .withDetail("exhausted", batch.exhausted()));
    return batch;
  }

  /** How many records of {@code selection} active holds spare. */
  public long countHeld(RecordSelection selection) {
    return hostData.count(selection) - hostData.count(sparingHolds(selection));
  }
}
