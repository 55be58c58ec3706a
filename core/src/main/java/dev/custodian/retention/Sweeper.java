package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import dev.custodian.spi.WorkQueue.WorkClaim;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes plans (R-RET-6): each client and category is a unit of a {@link WorkQueue} job, claimed
 * under a lease by one node at a time; the unit's slices are deleted in bounded batches through the
 * {@link DeletionGate} (which re-reads holds at every batch, so a hold placed after the plan still
 * spares its records, and writes one evidence entry per batch); after each batch the position and
 * count are checkpointed, so a crash resumes after the last committed batch, on any node.
 *
 * <p>Clients of one category that delete everything before the same cutoff are swept together,
 * as {@link SweepGroup} units (time slices of the category's expired range, all clients at once),
 * through the same gate: holds re-read per client at each batch, one evidence entry per client per
 * batch, the same checkpoints.
 *
 * <p>The plan is stored before any deletion (kinds {@code retention-plan}, {@code
 * retention-plan-unit} and {@code retention-plan-group}), so every node and every restart executes
 * the same cutoffs.
 */
final class Sweeper {
  static final String PLAN_KIND = "retention-plan";
  static final String UNIT_KIND = "retention-plan-unit";
  static final String GROUP_KIND = "retention-plan-group";
  static final String BATCH_ACTION = "retention.sweep.batch";
  static final String ACTOR = "system";

  private final Repository<PlanHeader> plans;
  private final Repository<PlanEntry> units;
  private final Repository<SweepGroup> groups;
  private final HostData hostData;
  private final DeletionGate gate;
  private final WorkQueue queue;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final SweepOptions options;
  private final RetentionMetrics metrics;

  Sweeper(StateStore store, HostData hostData, DeletionGate gate, WorkQueue queue,
      EvidenceLog evidence, Clock clock, SweepOptions options, RetentionMetrics metrics) {
    this.plans = new Repository<>(store, PLAN_KIND, PlanHeader.class);
    this.units = new Repository<>(store, UNIT_KIND, PlanEntry.class);
    this.groups = new Repository<>(store, GROUP_KIND, SweepGroup.class);
    this.hostData = hostData;
    this.gate = gate;
    this.queue = queue;
    this.evidence = evidence;
    this.clock = clock;
    this.options = options;
    this.metrics = metrics;
  }

  /** A stored plan's header. {@code finishedAt} is set once every unit is done. */
  record PlanHeader(String id, Instant plannedAt, List<String> units, long deletable, long held,
      Instant finishedAt, long deleted) {}

  /** Stores the plan and its units (idempotent), then enqueues the units. */
  void store(RetentionPlan plan) {
    if (plans.find(plan.id()).isEmpty()) {
      for (PlanEntry e : plan.entries()) {
        String id = plan.id() + "/" + e.unit();
        if (units.find(id).isEmpty()) {
          try {
            units.insert(id, e.client(), e);
          } catch (DuplicateStateException raced) {
            // another node stored it first: same content
          }
        }
      }
      for (SweepGroup g : plan.groups()) {
        String id = plan.id() + "/" + g.unit();
        if (groups.find(id).isEmpty()) {
          try {
            groups.insert(id, null, g);
          } catch (DuplicateStateException raced) {
            // another node stored it first: same content
          }
        }
      }
      try {
        plans.insert(plan.id(), null, new PlanHeader(plan.id(), plan.plannedAt(),
            plan.units(), plan.deletable(), plan.held(), null, 0));
        evidence.append(EvidenceRecord.of("retention.sweep.planned", ACTOR).withBasis(plan.id())
            .withDetail("plannedAt", plan.plannedAt()).withDetail("units", plan.units().size())
            .withDetail("entries", plan.entries().size())
            .withDetail("deletable", plan.deletable()).withDetail("held", plan.held()));
      } catch (DuplicateStateException raced) {
        // another node stored it first
      }
    }
    queue.enqueue(plan.id(), plans.find(plan.id()).orElseThrow().value().units());
  }

  /** Works on the plan's units until none is left to claim now. */
  SweepReport run(String planId) {
    PlanHeader header = plans.find(planId)
        .orElseThrow(() -> new IllegalArgumentException("no stored retention plan " + planId)).value();
    queue.enqueue(planId, header.units());
    long deleted = 0;
    long restricted = 0;
    int completed = 0;
    Optional<WorkClaim> claim;
    while ((claim = queue.claim(planId, options.node(), options.lease())).isPresent()) {
      UnitResult r = work(claim.get());
      deleted += r.deleted;
      restricted += r.restricted;
      completed += r.completed ? 1 : 0;
    }
    boolean finished = finishIfDone(planId);
    SweepReport report = new SweepReport(planId, deleted, restricted, completed, finished);
    metrics.swept(report);
    return report;
  }

  private record UnitResult(long deleted, long restricted, boolean completed) {}

  private UnitResult work(WorkClaim claim) {
    Optional<Versioned<SweepGroup>> group = groups.find(claim.jobId() + "/" + claim.unitId());
    if (group.isPresent()) {
      return work(claim, group.get().value());
    }
    PlanEntry entry = units.find(claim.jobId() + "/" + claim.unitId())
        .orElseThrow(() -> new IllegalStateException("plan unit " + claim.unitId() + " is not stored"))
        .value();
    String basisPrefix = claim.jobId() + " ";
    Cursor cursor = Cursor.parse(claim.cursor());
    long processed = claim.processed();
    long restricted = 0;
    long deleted = 0;
    if (cursor.slice() < 0) {
      // Restriction first: idempotent, and kept apart from the deletion count.
      RecordSelection r = SweepPlanner.restrictSelection(entry.client(), entry.category(), entry);
      if (r != null) {
        restricted = hostData.restrict(r);
        if (restricted > 0) {
          evidence.append(EvidenceRecord.of("retention.sweep.restricted", ACTOR).withClient(entry.client())
              .withBasis(basisPrefix + "restricted archive").withDetail("category", entry.category())
              .withDetail("restricted", restricted));
        }
      }
      cursor = new Cursor(0, null);
      if (!queue.checkpoint(claim, cursor.render(), processed, options.lease())) {
        return new UnitResult(0, restricted, false);
      }
    }
    List<PlannedSelection> slices = entry.selections();
    while (cursor.slice() < slices.size()) {
      PlannedSelection slice = slices.get(cursor.slice());
      RecordSelection selection = slice.toSelection(entry.client(), entry.category());
      DeletionBatch batch = gate.deleteBatch(selection, cursor.afterKey(), options.batchSize(), ACTOR,
          BATCH_ACTION, basisPrefix + slice.rule());
      processed += batch.deleted();
      deleted += batch.deleted();
      metrics.batchDeleted(entry.client(), entry.category(), slice.rule(), batch.deleted());
      cursor = batch.exhausted() ? new Cursor(cursor.slice() + 1, null)
          : new Cursor(cursor.slice(), batch.nextKey());
      if (cursor.slice() < slices.size()
          && !queue.checkpoint(claim, cursor.render(), processed, options.lease())) {
        return new UnitResult(deleted, restricted, false); // lease lost: another node carries on
      }
    }
    if (!queue.complete(claim, cursor.render(), processed)) {
      return new UnitResult(deleted, restricted, false);
    }
    evidence.append(EvidenceRecord.of("retention.sweep.unit", ACTOR).withClient(entry.client())
        .withBasis(claim.jobId()).withDetail("category", entry.category())
        .withDetail("deleted", processed).withDetail("planned", entry.deletable())
        .withDetail("rules", String.join(",", entry.rules())));
    return new UnitResult(deleted, restricted, true);
  }

  /**
   * Sweeps a group: one walk over the window for all its clients, each batch through the gate
   * (holds re-read per client, one evidence entry per client that lost records), with the same
   * checkpoints as a single client's unit.
   */
  private UnitResult work(WorkClaim claim, SweepGroup group) {
    Cursor cursor = Cursor.parse(claim.cursor());
    String key = cursor.slice() < 0 ? null : cursor.afterKey();
    long processed = claim.processed();
    long deleted = 0;
    Map<ClientId, List<RecordSelection.Exclusion>> clients = new LinkedHashMap<>();
    group.clients().forEach(c -> clients.put(c, List.of()));
    GroupSelection selection = new GroupSelection(group.category(), group.from(), group.before(), clients);
    while (true) {
      GroupDeletion batch = gate.deleteGroupBatch(selection, key, options.batchSize(), ACTOR,
          BATCH_ACTION, claim.jobId() + " " + group.rule());
      processed += batch.total();
      deleted += batch.total();
      batch.deleted().forEach((client, n) -> metrics.batchDeleted(client, group.category(), group.rule(), n));
      key = batch.nextKey();
      if (batch.exhausted()) {
        break;
      }
      if (!queue.checkpoint(claim, new Cursor(0, key).render(), processed, options.lease())) {
        return new UnitResult(deleted, 0, false); // lease lost: another node carries on
      }
    }
    if (!queue.complete(claim, new Cursor(1, null).render(), processed)) {
      return new UnitResult(deleted, 0, false);
    }
    evidence.append(EvidenceRecord.of("retention.sweep.group", ACTOR).withBasis(claim.jobId())
        .withDetail("unit", group.unit()).withDetail("category", group.category())
        .withDetail("clients", group.clients().size()).withDetail("deleted", processed)
        .withDetail("planned", group.deletable()).withDetail("rules", group.rule()));
    return new UnitResult(deleted, 0, true);
  }

  /** Marks the plan finished if every unit is done; returns whether it is. */
  private boolean finishIfDone(String planId) {
    List<WorkQueue.WorkUnit> all = queue.units(planId);
    if (all.stream().anyMatch(u -> !u.done())) {
      return false;
    }
    Versioned<PlanHeader> v = plans.find(planId).orElseThrow();
    if (v.value().finishedAt() != null) {
      return true;
    }
    long deleted = all.stream().mapToLong(WorkQueue.WorkUnit::processed).sum();
    PlanHeader h = v.value();
    try {
      plans.update(planId, v, new PlanHeader(h.id(), h.plannedAt(), h.units(), h.deletable(), h.held(),
          clock.instant(), deleted));
      evidence.append(EvidenceRecord.of("retention.sweep.finished", ACTOR).withBasis(planId)
          .withDetail("deleted", deleted).withDetail("planned", h.deletable()));
    } catch (StaleStateException raced) {
      // another node marked it finished
    }
    return true;
  }

  /** Sweep metrics from the stored plans and the work queue. */
  SweepStatus status() {
    Instant lastFinished = null;
    long lastDeleted = 0;
    long backlog = 0;
    Instant oldestOverdue = null;
    List<PlanHeader> headers = new ArrayList<>();
    plans.list(null).forEach(v -> headers.add(v.value()));
    for (PlanHeader h : headers) {
      if (h.finishedAt() != null) {
        if (lastFinished == null || h.finishedAt().isAfter(lastFinished)) {
          lastFinished = h.finishedAt();
          lastDeleted = h.deleted();
        }
        continue;
      }
      long remaining = 0;
      for (WorkQueue.WorkUnit u : queue.units(h.id())) {
        if (!u.done()) {
          String id = h.id() + "/" + u.unitId();
          long planned = units.find(id).map(x -> x.value().deletable())
              .or(() -> groups.find(id).map(x -> x.value().deletable())).orElse(0L);
          remaining += Math.max(0, planned - u.processed());
        }
      }
      backlog += remaining;
      if (remaining > 0 && (oldestOverdue == null || h.plannedAt().isBefore(oldestOverdue))) {
        oldestOverdue = h.plannedAt();
      }
    }
    return new SweepStatus(lastFinished, lastDeleted, backlog, oldestOverdue);
  }

  /** Unfinished stored plans, oldest first. */
  List<String> unfinished() {
    List<PlanHeader> headers = new ArrayList<>();
    plans.list(null).forEach(v -> headers.add(v.value()));
    return headers.stream().filter(h -> h.finishedAt() == null)
        .sorted((a, b) -> a.plannedAt().compareTo(b.plannedAt())).map(PlanHeader::id).toList();
  }

  /** A unit's position: slice index (-1 before restriction) and the last deleted key. */
  record Cursor(int slice, String afterKey) {
    static Cursor parse(String s) {
      if (s == null) {
        return new Cursor(-1, null);
      }
      int colon = s.indexOf(':');
      return colon < 0 ? new Cursor(Integer.parseInt(s), null)
          : new Cursor(Integer.parseInt(s.substring(0, colon)), s.substring(colon + 1));
    }

    String render() {
      return afterKey == null ? Integer.toString(slice) : slice + ":" + afterKey;
    }
  }
}
