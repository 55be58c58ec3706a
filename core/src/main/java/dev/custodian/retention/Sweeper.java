package dev.custodian.retention;

// Over 400 lines on purpose: the unit, group and batch loops share one claim-and-transaction
// protocol, and its crash-safety argument reads best in one place (partition units are in
// PartitionUnits).

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
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import dev.custodian.spi.WorkQueue.WorkClaim;
import dev.custodian.terms.CategoryId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes plans (R-RET-6): each client and category is a unit of a {@link WorkQueue} job, claimed
 * under a lease by one node at a time; the unit's slices are deleted in bounded batches through the
 * {@link DeletionGate} (which re-reads holds at every batch, so a hold placed after the plan still
 * spares its records, and writes one evidence entry per batch); after each batch the position and
 * count are checkpointed, so a crash resumes after the last committed batch, on any node.
 *
 * <p>Each batch is one unit of {@link Transactions}: where the host's tables, the evidence log and
 * the work queue share a database, the batch's DELETE, its evidence entries and its checkpoint
 * commit together (the last batch with the unit's completion and summary entry), so a crash leaves
 * no deletion without evidence and no evidence without its checkpoint (R-EVID-1). A lease lost
 * mid-batch rolls the batch back. The summaries ({@code retention.sweep.unit}, {@code
 * retention.sweep.group}, {@code retention.sweep.finished}) state the checkpointed counts, which
 * were committed with the batches they count, so they equal the sum of the batch entries. Each
 * summary is the evidence of a step ({@link EvidenceRecord#withStep}: the plan and unit), so it is
 * logged once even where the stores cannot commit it with the unit's completion.
 *
 * <p>Where they do not share a transaction ({@link Transactions#none()}), each store commits on its
 * own as before: a crash between a batch's deletion and its evidence can still leave that batch
 * without its entry, and the unit's counts short by it. No intent entry or reconciliation covers
 * that case yet.
 *
 * <p>Clients of one category that delete everything before the same cutoff are swept together,
 * as {@link SweepGroup} units (time slices of the category's expired range, all clients at once),
 * through the same gate: holds re-read per client at each batch, one evidence entry per client per
 * batch, the same checkpoints.
 *
 * <p>Whole partitions of a group's table, where the host allows it, are units of their own,
 * claimed first ({@link PartitionUnits}).
 *
 * <p>The plan is stored before any deletion (kinds {@code retention-plan}, {@code
 * retention-plan-unit} and {@code retention-plan-group}), so every node and every restart executes
 * the same cutoffs.
 */
final class Sweeper {
  static final String PLAN_KIND = "retention-plan";
  static final String UNIT_KIND = "retention-plan-unit";
  static final String GROUP_KIND = "retention-plan-group";
  static final String BATCH_ACTION = RetentionActions.SWEEP_BATCH;
  static final String ACTOR = "system";
  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

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
  private final Transactions transactions;
  private final PartitionUnits partitions;

  Sweeper(StateStore store, HostData hostData, DeletionGate gate, WorkQueue queue,
      EvidenceLog evidence, Clock clock, SweepOptions options, RetentionMetrics metrics,
      Transactions transactions) {
    this.transactions = transactions;
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
    this.partitions = new PartitionUnits(store, gate, queue, evidence, metrics, transactions);
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
      partitions.store(plan);
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
        // The entry first, as a step: logged once even if this node dies before the header.
        evidence.append(EvidenceRecord.of(RetentionActions.SWEEP_PLANNED, ACTOR).withBasis(plan.id())
            .withDetail("plannedAt", plan.plannedAt()).withDetail("units", plan.units().size())
            .withDetail("entries", plan.entries().size())
            .withDetail("deletable", plan.deletable()).withDetail("held", plan.held())
            .withStep("retention.sweep.planned:" + plan.id()));
        plans.insert(plan.id(), null, new PlanHeader(plan.id(), plan.plannedAt(),
            plan.units(), plan.deletable(), plan.held(), null, 0));
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
    Tally tally = new Tally();
    Optional<WorkClaim> claim;
    while ((claim = queue.claim(planId, options.node(), options.lease())).isPresent()) {
      UnitResult r = work(claim.get(), tally);
      deleted += r.deleted;
      restricted += r.restricted;
      completed += r.completed ? 1 : 0;
    }
    boolean finished = finishIfDone(planId);
    SweepReport report = new SweepReport(planId, deleted, restricted, completed, finished);
    metrics.swept(report);
    log(report, tally);
    return report;
  }

  /**
   * One INFO line per run for operators: what this node deleted, what holds spared and what it
   * left for later, in counts per category (no client, no subject).
   */
  private void log(SweepReport report, Tally tally) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    long pending = queue.units(report.planId()).stream().filter(u -> !u.done()).count();
    LOG.info("retention sweep {} on node {}: deleted {} {}, spared {} held {}, restricted {},"
        + " units completed {}, deferred {} (lease lost {}, not done yet {}), plan {}",
        report.planId(), options.node(), report.deleted(), tally.deleted, tally.heldTotal(),
        tally.held, report.restricted(), report.unitsCompleted(), tally.deferred + pending,
        tally.deferred, pending, report.finished() ? "finished" : "unfinished");
  }

  /** What one run did, per category, for its log line. */
  static final class Tally {
    final Map<String, Long> deleted = new java.util.TreeMap<>();
    final Map<String, Long> held = new java.util.TreeMap<>();
    int deferred;

    void deleted(CategoryId category, long n) {
      if (n > 0) {
        deleted.merge(category.value(), n, Long::sum);
      }
    }

    void held(CategoryId category, long n) {
      if (n > 0) {
        held.merge(category.value(), n, Long::sum);
      }
    }

    long heldTotal() {
      return held.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  record UnitResult(long deleted, long restricted, boolean completed) {}

  /** One committed step of a unit: what it deleted, where the unit now stands, and if it is done. */
  private record Step(long deleted, long restricted, Cursor cursor, long processed, boolean done,
      Map<ClientId, Long> perClient) {}

  /**
   * Thrown inside a unit of work when the claim's lease is lost: when atomic, the step is rolled
   * back (another node redoes it); otherwise its effects stand and {@code step} says what they were.
   */
  private static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Step step;

    LeaseLost(Step step) {
      super(null, null, false, false);
      this.step = step;
    }
  }

  /**
   * Runs one step in one unit of work (R-EVID-1): the host's deletion, its evidence and the
   * checkpoint (or completion and the unit's summary) commit together where the stores share a
   * transaction. Empty if the lease was lost; then, when not atomic, {@code lost} gets what
   * the step did anyway.
   */
  private Optional<Step> step(java.util.function.Supplier<Step> work, Step[] lost) {
    try {
      return Optional.of(transactions.inOneTransaction(work));
    } catch (LeaseLost e) {
      lost[0] = transactions.atomic() ? null : e.step;
      return Optional.empty();
    }
  }

  private UnitResult work(WorkClaim claim, Tally tally) {
    Optional<UnitResult> whole = partitions.work(claim, tally);
    if (whole.isPresent()) {
      return whole.get();
    }
    Optional<Versioned<SweepGroup>> group = groups.find(claim.jobId() + "/" + claim.unitId());
    if (group.isPresent()) {
      return work(claim, group.get().value(), tally);
    }
    PlanEntry entry = units.find(claim.jobId() + "/" + claim.unitId())
        .orElseThrow(() -> new IllegalStateException("plan unit " + claim.unitId() + " is not stored"))
        .value();
    String basisPrefix = claim.jobId() + " ";
    Cursor start = Cursor.parse(claim.cursor());
    long restricted = 0;
    long deleted = 0;
    Step[] lost = new Step[1];
    List<PlannedSelection> slices = entry.selections();
    Step at = new Step(0, 0, start, claim.processed(), false, Map.of());
    if (start.slice() < 0) {
      // Restriction first: idempotent, and kept apart from the deletion count.
      long processed = claim.processed();
      Optional<Step> s = step(() -> {
        long n = 0;
        RecordSelection r = SweepPlanner.restrictSelection(entry.client(), entry.category(), entry);
        if (r != null) {
          n = hostData.restrict(r);
          if (n > 0) {
            evidence.append(EvidenceRecord.of(RetentionActions.SWEEP_RESTRICTED, ACTOR)
                .withClient(entry.client()).withBasis(basisPrefix + "restricted archive")
                .withDetail("category", entry.category()).withDetail("restricted", n));
          }
        }
        Step done = new Step(0, n, new Cursor(0, null), processed, false, Map.of());
        if (!queue.checkpoint(claim, done.cursor().render(), processed, options.lease())) {
          throw new LeaseLost(done);
        }
        return done;
      }, lost);
      if (s.isEmpty()) {
        tally.deferred++;
        return new UnitResult(0, lost[0] == null ? 0 : lost[0].restricted(), false);
      }
      restricted = s.get().restricted();
      at = s.get();
    }
    if (start.slice() < 0) {
      tally.held(entry.category(), entry.held());
    }
    while (true) {
      Step from = at;
      Optional<Step> s = step(() -> {
        if (from.cursor().slice() >= slices.size()) {
          Step done = new Step(0, 0, from.cursor(), from.processed(), true, Map.of());
          completeUnit(claim, entry, done);
          return done;
        }
        PlannedSelection slice = slices.get(from.cursor().slice());
        RecordSelection selection = slice.toSelection(entry.client(), entry.category());
        DeletionBatch batch = gate.deleteBatch(selection, from.cursor().afterKey(), options.batchSize(),
            ACTOR, BATCH_ACTION, basisPrefix + slice.rule());
        Cursor next = batch.exhausted() ? new Cursor(from.cursor().slice() + 1, null)
            : new Cursor(from.cursor().slice(), batch.nextKey());
        long processed = from.processed() + batch.deleted();
        boolean last = next.slice() >= slices.size();
        Step done = new Step(batch.deleted(), 0, next, processed, last,
            Map.of(entry.client(), batch.deleted()));
        if (last) {
          completeUnit(claim, entry, done);
        } else if (!queue.checkpoint(claim, next.render(), processed, options.lease())) {
          throw new LeaseLost(done); // another node carries on
        }
        return done;
      }, lost);
      Step done = s.orElse(lost[0]);
      if (done != null && done.deleted() > 0) {
        // Metrics after the commit: a rolled-back batch deleted nothing.
        metrics.batchDeleted(entry.client(), entry.category(),
            slices.get(from.cursor().slice()).rule(), done.deleted());
        tally.deleted(entry.category(), done.deleted());
        deleted += done.deleted();
      }
      if (s.isEmpty()) {
        tally.deferred++;
        return new UnitResult(deleted, restricted, false);
      }
      if (done.done()) {
        return new UnitResult(deleted, restricted, true);
      }
      at = done;
    }
  }

  /**
   * Completes a client's unit and appends its summary in the same unit of work: the summary's
   * count is the checkpointed count committed with the last batch, so it equals the batches'.
   */
  private void completeUnit(WorkClaim claim, PlanEntry entry, Step done) {
    // The summary is the unit's step: logged once, even where it cannot commit with the completion.
    evidence.append(EvidenceRecord.of(RetentionActions.SWEEP_UNIT, ACTOR).withClient(entry.client())
        .withBasis(claim.jobId()).withDetail("category", entry.category())
        .withDetail("deleted", done.processed()).withDetail("planned", entry.deletable())
        .withDetail("rules", String.join(",", entry.rules()))
        .withStep("retention.sweep.unit:" + claim.jobId() + "/" + claim.unitId()));
    if (!queue.complete(claim, done.cursor().render(), done.processed())) {
      throw new LeaseLost(done);
    }
  }

  /**
   * Sweeps a group: one walk over the window for all its clients, each batch through the gate
   * (holds re-read per client, one evidence entry per client that lost records) and its checkpoint
   * in one unit of work, the last batch with the unit's completion and summary.
   */
  private UnitResult work(WorkClaim claim, SweepGroup group, Tally tally) {
    Cursor cursor = Cursor.parse(claim.cursor());
    if (cursor.slice() < 0 && group.from() == null) {
      group.entries().forEach(u -> units.find(claim.jobId() + "/" + u)
          .ifPresent(e -> tally.held(group.category(), e.value().held())));
    }
    long deleted = 0;
    Map<ClientId, List<RecordSelection.Exclusion>> clients = new LinkedHashMap<>();
    group.clients().forEach(c -> clients.put(c, List.of()));
    GroupSelection selection = new GroupSelection(group.category(), group.from(), group.before(), clients);
    Step at = new Step(0, 0, cursor.slice() < 0 ? new Cursor(0, null) : cursor, claim.processed(),
        false, Map.of());
    Step[] lost = new Step[1];
    while (true) {
      Step from = at;
      Optional<Step> s = step(() -> {
        GroupDeletion batch = gate.deleteGroupBatch(selection, from.cursor().afterKey(),
            options.batchSize(), ACTOR, BATCH_ACTION, claim.jobId() + " " + group.rule());
        long processed = from.processed() + batch.total();
        Step done = new Step(batch.total(), 0,
            batch.exhausted() ? new Cursor(1, null) : new Cursor(0, batch.nextKey()), processed,
            batch.exhausted(), batch.deleted());
        if (!batch.exhausted()) {
          if (!queue.checkpoint(claim, done.cursor().render(), processed, options.lease())) {
            throw new LeaseLost(done); // another node carries on
          }
          return done;
        }
        evidence.append(EvidenceRecord.of(RetentionActions.SWEEP_GROUP, ACTOR).withBasis(claim.jobId())
            .withDetail("unit", group.unit()).withDetail("category", group.category())
            .withDetail("clients", group.clients().size()).withDetail("deleted", processed)
            .withDetail("planned", group.deletable()).withDetail("rules", group.rule())
            .withStep("retention.sweep.group:" + claim.jobId() + "/" + claim.unitId()));
        if (!queue.complete(claim, done.cursor().render(), processed)) {
          throw new LeaseLost(done);
        }
        return done;
      }, lost);
      Step done = s.orElse(lost[0]);
      if (done != null) {
        done.perClient().forEach((client, n) -> metrics.batchDeleted(client, group.category(), group.rule(), n));
        tally.deleted(group.category(), done.deleted());
        deleted += done.deleted();
      }
      if (s.isEmpty()) {
        tally.deferred++;
        return new UnitResult(deleted, 0, false);
      }
      if (done.done()) {
        return new UnitResult(deleted, 0, true);
      }
      at = done;
    }
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
    // Derived from the committed counts of the units. The header and the entry commit together
    // where the state store shares the unit; elsewhere the entry's step id keeps it single.
    long deleted = all.stream().mapToLong(WorkQueue.WorkUnit::processed).sum();
    PlanHeader h = v.value();
    try {
      transactions.inOneTransaction(() -> {
        evidence.append(EvidenceRecord.of(RetentionActions.SWEEP_FINISHED, ACTOR).withBasis(planId)
            .withDetail("deleted", deleted).withDetail("planned", h.deletable())
            .withStep("retention.sweep.finished:" + planId));
        plans.update(planId, v, new PlanHeader(h.id(), h.plannedAt(), h.units(), h.deletable(),
            h.held(), clock.instant(), deleted));
        return null;
      });
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
              .or(() -> groups.find(id).map(x -> x.value().deletable()))
              .or(() -> partitions.deletable(id)).orElse(0L);
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
