package dev.custodian.hold;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one door through which the library deletes the host's data: sweeps, erasures, terminations
 * and contact deletions all go through it. It reads the active holds at each step, so a hold placed
 * after a plan was made still spares its records (R-HOLD-2), and records each step as evidence
 * (R-EVID-1): who, which client and category, how many records, under which rule or instruction,
 * and which holds were spared (by id).
 *
 * <p>A caller may rely on: no record an active hold covers is ever selected for deletion, whatever
 * the selection says; every batch deleted leaves exactly one evidence entry whose {@code deleted}
 * detail is the number of records the host deleted. Thread-safe as far as its collaborators are.
 */
public final class DeletionGate {
  private final HostData hostData;
  private final HoldService holds;
  private final EvidenceLog evidence;

  /**
   * A gate over {@code hostData}; a {@code Custodian} builds one, which every duty shares.
   *
   * @param hostData the host's data, deleted from
   * @param holds the holds read at every batch
   * @param evidence where each batch's entry is appended
   */
  public DeletionGate(HostData hostData, HoldService holds, EvidenceLog evidence) {
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
  }

  /**
   * The selection narrowed so that it spares every active hold of its client and category.
   *
   * @param selection what a duty would delete
   * @return the same selection, excluding what active holds cover (unchanged if none)
   */
  public RecordSelection sparingHolds(RecordSelection selection) {
    return spare(selection, holds.active(selection.client(), selection.category()));
  }

  private static RecordSelection spare(RecordSelection selection, List<Hold> active) {
    if (active.isEmpty()) {
      return selection;
    }
    List<RecordSelection.Exclusion> spare = new ArrayList<>(selection.excluding());
    active.forEach(h -> spare.add(h.asExclusion()));
    return selection.withExcluding(spare);
  }

  /**
   * Deletes one bounded batch of {@code selection}, sparing held records, and appends evidence.
   *
   * @param selection the records of one client and category to delete
   * @param afterKey the position returned by the previous batch, or null to start
   * @param limit at most this many records; at least 1
   * @param actor who deletes ({@code system} for a sweep)
   * @param action evidence action, for example {@code retention.sweep.batch}
   * @param basis the rule, instruction or termination behind the deletion; required
   * @return what the host deleted and where the next batch starts
   * @throws IllegalArgumentException if the limit is below 1 or the basis is blank
   */
  public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit,
      String actor, String action, String basis) {
    Objects.requireNonNull(selection, "selection");
    requireValid(limit, actor, action, basis);
    List<Hold> active = holds.active(selection.client(), selection.category());
    DeletionBatch batch = hostData.deleteBatch(spare(selection, active), afterKey, limit);
    EvidenceRecord r = EvidenceRecord.of(action, actor).withClient(selection.client()).withBasis(basis)
        .withDetail("category", selection.category()).withDetail("deleted", batch.deleted())
        .withDetail("exhausted", batch.exhausted());
    if (!active.isEmpty()) {
      r = r.withDetail("holdsSpared", active.stream().map(Hold::id).sorted().toList());
    }
    evidence.append(r);
    return batch;
  }

  /**
   * Deletes one bounded batch of {@code selection} over all its clients, each client sparing its
   * active holds (read at this step, like {@link #deleteBatch}), and appends the evidence in one
   * go: one entry per client that lost records in this batch, with that client's count (and the
   * holds spared for it) and the batch's total and number of clients ({@code batchDeleted}, {@code
   * batchClients}), or a single entry without client if the batch deleted nothing.
   *
   * @param selection the records of one category over several clients
   * @param afterKey the position returned by the previous batch of this selection, or null
   * @param limit at most this many records in all; at least 1
   * @param actor who deletes ({@code system} for a sweep)
   * @param action evidence action, for example {@code retention.sweep.batch}
   * @param basis the rule, instruction or termination behind the deletion; required
   * @return what the host deleted per client and where the next batch starts
   * @throws IllegalArgumentException if the limit is below 1 or the basis is blank
   */
  public GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit,
      String actor, String action, String basis) {
    Objects.requireNonNull(selection, "selection");
    requireValid(limit, actor, action, basis);
    Map<ClientId, List<Hold>> active = holds.active(selection.clients().keySet(), selection.category());
    Map<ClientId, List<RecordSelection.Exclusion>> spare = new LinkedHashMap<>();
    selection.clients().forEach((client, own) -> {
      List<RecordSelection.Exclusion> x = new ArrayList<>(own);
      active.get(client).forEach(h -> x.add(h.asExclusion()));
      spare.put(client, x);
    });
    GroupDeletion batch = hostData.deleteGroupBatch(selection.withExcluding(spare), afterKey, limit);
    evidence.appendAll(records(selection, batch, active, actor, action, basis, null));
    return batch;
  }

  /** A group step's evidence: one entry per client that lost records, or one saying none did. */
  private static List<EvidenceRecord> records(GroupSelection selection, GroupDeletion batch,
      Map<ClientId, List<Hold>> active, String actor, String action, String basis,
      String partition) {
    List<EvidenceRecord> records = new ArrayList<>();
    batch.deleted().forEach((client, n) -> {
      EvidenceRecord r = EvidenceRecord.of(action, actor).withClient(client).withBasis(basis)
          .withDetail("category", selection.category()).withDetail("deleted", n)
          .withDetail("batchDeleted", batch.total()).withDetail("batchClients", batch.deleted().size())
          .withDetail("exhausted", batch.exhausted());
      if (partition != null) {
        r = r.withDetail("partition", partition);
      }
      List<Hold> held = active.get(client);
      if (held != null && !held.isEmpty()) {
        r = r.withDetail("holdsSpared", held.stream().map(Hold::id).sorted().toList());
      }
      records.add(r);
    });
    if (records.isEmpty()) {
      EvidenceRecord r = EvidenceRecord.of(action, actor).withBasis(basis)
          .withDetail("category", selection.category()).withDetail("deleted", 0)
          .withDetail("clients", selection.clients().size())
          .withDetail("exhausted", batch.exhausted());
      records.add(partition == null ? r : r.withDetail("partition", partition));
    }
    return records;
  }

  /** The group narrowed so that each client spares its active holds, read now. */
  public GroupSelection sparingHolds(GroupSelection selection) {
    return spare(selection, holds.active(selection.clients().keySet(), selection.category()));
  }

  private static GroupSelection spare(GroupSelection selection, Map<ClientId, List<Hold>> active) {
    Map<ClientId, List<RecordSelection.Exclusion>> spare = new LinkedHashMap<>();
    selection.clients().forEach((client, own) -> {
      List<RecordSelection.Exclusion> x = new ArrayList<>(own);
      active.getOrDefault(client, List.of()).forEach(h -> x.add(h.asExclusion()));
      spare.put(client, x);
    });
    return selection.withExcluding(spare);
  }

  /**
   * Empties one whole partition of the host's table for a group ({@link
   * HostData#emptyPartition}), each client sparing its active holds (read at this step, like
   * {@link #deleteGroupBatch}), and appends the evidence as a group batch does, each entry naming
   * the partition ({@code partition}). Empty, with no evidence, if the host no longer lets the
   * partition go whole (its rows are left to row batches).
   *
   * @throws IllegalArgumentException if the basis is blank
   */
  public Optional<GroupDeletion> emptyPartition(GroupSelection selection, String partition,
      String actor, String action, String basis) {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(partition, "partition");
    requireValid(1, actor, action, basis);
    Map<ClientId, List<Hold>> active = holds.active(selection.clients().keySet(), selection.category());
    Optional<GroupDeletion> emptied = hostData.emptyPartition(spare(selection, active), partition);
    emptied.ifPresent(d -> evidence.appendAll(records(selection, d, active, actor, action, basis,
        partition)));
    return emptied;
  }

  private static void requireValid(int limit, String actor, String action, String basis) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    if (limit < 1) {
      throw new IllegalArgumentException("a deletion batch holds at least one record");
    }
    if (basis == null || basis.isBlank()) {
      throw new IllegalArgumentException("a deletion needs its basis: the rule, instruction or termination behind it");
    }
  }

  /**
   * How many records of {@code selection} active holds spare.
   *
   * @param selection the records of one client and category
   * @return the number of held records among them; 0 if no hold is active
   */
  public long countHeld(RecordSelection selection) {
    List<Hold> active = holds.active(selection.client(), selection.category());
    return active.isEmpty() ? 0 : hostData.count(selection) - hostData.count(spare(selection, active));
  }
}
