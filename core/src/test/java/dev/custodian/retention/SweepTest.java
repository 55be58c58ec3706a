package dev.custodian.retention;

import static dev.custodian.retention.SweepFixture.ACME;
import static dev.custodian.retention.SweepFixture.GLOBEX;
import static dev.custodian.retention.SweepFixture.OPERATOR;
import static dev.custodian.retention.SweepFixture.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.hold.Hold;
import dev.custodian.spi.HostRecord;
import dev.custodian.terms.CategoryId;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Dry-run plans and sweeps (R-RET-5, R-RET-6, R-HOLD-2). */
class SweepTest {
  final SweepFixture f = new SweepFixture();

  SweepTest() {
    f.populate(40, 7);
  }

  /** The records the classifier says are deletable now, holds included. */
  List<HostRecord> deletableNow(Custodian c) {
    List<HostRecord> out = new ArrayList<>();
    for (HostRecord r : f.present()) {
      if (c.retention().classify(RecordFacts.of(r)).deletable()) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void dryRunPlanCountsPerClientAndCategoryWithTheRuleAndDeletesNothing_R_RET_5() {
    Custodian c = f.node(10);
    long before = f.data.size();
    RetentionPlan plan = c.retention().plan();
    assertThat(f.data.size()).isEqualTo(before);
    assertThat(plan.deletable()).isEqualTo(deletableNow(c).size()).isPositive();
    PlanEntry calls = plan.entries().stream()
        .filter(e -> e.client().equals(ACME) && e.category().equals(CategoryId.CALL_LOG)).findFirst().orElseThrow();
    assertThat(calls.rules()).containsExactly("CALL_LOG.cpce-ceiling");
    long expected = f.present().stream().filter(r -> r.client().equals(ACME) && r.category().equals(CategoryId.CALL_LOG)
        && !r.time().isAfter(f.clock.instant().minus(Duration.ofDays(366)))).count();
    assertThat(calls.deletable()).isBetween(expected - 1, expected + 1);
    // Call recordings: no client setting, so nothing planned for them.
    assertThat(plan.entries()).noneMatch(e -> e.category().equals(CategoryId.CALL_RECORDING));
  }

  @Test
  void executedSweepAgreesWithItsPlanAndLeavesExactlyTheUndeletable_R_RET_6() {
    Custodian c = f.node(7);
    c.retention().setDuration(OPERATOR, GLOBEX, CategoryId.CALL_RECORDING, Period.ofDays(200));
    List<HostRecord> doomed = deletableNow(c);
    RetentionPlan plan = c.retention().plan();
    SweepReport report = c.retention().execute(plan);
    assertThat(report.finished()).isTrue();
    assertThat(report.deleted()).isEqualTo(plan.deletable()).isEqualTo(doomed.size());
    assertThat(f.evidencedDeletions()).isEqualTo(report.deleted());
    for (HostRecord r : f.all.values()) {
      assertThat(f.data.contains(r.category(), r.id())).as(r.id()).isEqualTo(!doomed.contains(r));
    }
    assertThat(deletableNow(c)).isEmpty();
    assertThat(plan.entries()).anyMatch(e -> e.client().equals(GLOBEX) && e.rules().contains("CALL_RECORDING.client-delete"));
    SweepStatus status = c.retention().status();
    assertThat(status.lastRunFinishedAt()).isEqualTo(f.clock.instant());
    assertThat(status.lastRunDeleted()).isEqualTo(report.deleted());
    assertThat(status.backlog()).isZero();
  }

  @Test
  void aHoldPlacedAfterThePlanStillSparesItsRecords_R_HOLD_2() {
    Custodian c = f.node(5);
    RetentionPlan plan = c.retention().plan();
    Hold hold = c.holds().place(OPERATOR, ACME, Set.of(PEOPLE.get(0)), Set.of(), null, null, "judicial requisition 2025-117");
    List<HostRecord> spared = f.present().stream().filter(r -> hold.covers(r.client(), r.category(), r.time(), r.subjects())).toList();
    assertThat(spared).isNotEmpty();
    SweepReport report = c.retention().execute(plan);
    assertThat(spared).allMatch(r -> f.data.contains(r.category(), r.id()));
    assertThat(report.deleted()).isLessThan(plan.deletable());
    assertThat(f.evidencedDeletions()).isEqualTo(report.deleted());
    // The next plan reports them held, by that hold.
    RetentionPlan next = c.retention().plan();
    assertThat(next.deletable()).isZero();
    assertThat(next.held()).isEqualTo(plan.deletable() - report.deleted());
    assertThat(next.entries().stream().mapToLong(e -> e.heldByHold().getOrDefault(hold.id(), 0L)).sum()).isEqualTo(next.held());
    // Released, they go at the next sweep.
    c.holds().release(OPERATOR, hold.id(), "requisition closed");
    assertThat(c.retention().sweep().deleted()).isEqualTo(next.held());
  }

  @Test
  void clientEventsDriveSweeps_contactDeletedAndContractEnd() {
    Custodian c = f.node(6);
    c.retention().events().contactsDeleted(OPERATOR, ACME, CategoryId.CONTACT_MANUAL, Set.of(PEOPLE.get(1)),
        f.clock.instant(), "dashboard");
    RetentionPlan plan = c.retention().plan();
    long contacts = f.present().stream().filter(r -> r.client().equals(ACME) && r.category().equals(CategoryId.CONTACT_MANUAL)
        && r.subjects().contains(PEOPLE.get(1))).count();
    PlanEntry e = plan.entries().stream().filter(x -> x.client().equals(ACME) && x.category().equals(CategoryId.CONTACT_MANUAL)).findFirst().orElseThrow();
    assertThat(e.deletable()).isEqualTo(contacts).isPositive();
    assertThat(e.rules()).containsExactly("CONTACT_MANUAL.client-deleted");
    assertThat(c.retention().execute(plan).deleted()).isEqualTo(plan.deletable());

    c.retention().events().contractEnded(OPERATOR, GLOBEX, f.clock.instant(), "termination");
    RetentionPlan ended = c.retention().plan();
    PlanEntry sms = ended.entries().stream().filter(x -> x.client().equals(GLOBEX) && x.category().equals(CategoryId.SMS_CONTENT)).findFirst().orElseThrow();
    assertThat(sms.deletable()).isEqualTo(f.present().stream().filter(r -> r.client().equals(GLOBEX) && r.category().equals(CategoryId.SMS_CONTENT)).count());
    PlanEntry logs = ended.entries().stream().filter(x -> x.client().equals(GLOBEX) && x.category().equals(CategoryId.CALL_LOG)).findFirst().orElseThrow();
    assertThat(logs.restrictable()).isPositive();
    SweepReport r = c.retention().execute(ended);
    assertThat(r.deleted()).isEqualTo(ended.deletable());
    assertThat(r.restricted()).isEqualTo(ended.restrictable());
    HostRecord someLog = f.present().stream().filter(x -> x.client().equals(GLOBEX) && x.category().equals(CategoryId.CALL_LOG)).findFirst().orElseThrow();
    assertThat(f.data.isRestricted(CategoryId.CALL_LOG, someLog.id())).isTrue();
  }

  @Test
  void severalNodesShareOneSweepAndDeleteEachRecordOnce_R_RET_6() throws Exception {
    Custodian planner = f.node(3);
    List<HostRecord> doomed = deletableNow(planner);
    RetentionPlan plan = planner.retention().plan();
    assertThat(planner.retention().execute(plan).deleted()).isEqualTo(doomed.size());
    // Re-plan for a second sweep run by three nodes at once.
    f.clock.advance(Duration.ofDays(40));
    List<HostRecord> doomed2 = deletableNow(planner);
    RetentionPlan second = planner.retention().plan();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<SweepReport>> nodes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Custodian node = f.node(3);
        nodes.add(() -> node.retention().execute(second));
      }
      long total = 0;
      for (Future<SweepReport> r : pool.invokeAll(nodes)) {
        total += r.get().deleted();
      }
      assertThat(total).isEqualTo(second.deletable()).isEqualTo(doomed2.size());
    } finally {
      pool.shutdownNow();
    }
    assertThat(f.evidencedDeletions()).isEqualTo(doomed.size() + doomed2.size());
    assertThat(deletableNow(planner)).isEmpty();
  }

  @Test
  void statusShowsBacklogAndOldestOverdueOfAnUnfinishedSweep() {
    Custodian c = f.node(4);
    RetentionPlan plan = c.retention().plan();
    // Submitted for the nodes to work on; none has started.
    assertThat(c.retention().submit(plan)).isEqualTo(plan.id());
    assertThat(f.queue.units(plan.id())).hasSize(plan.units().size());
    assertThat(plan.groups()).as("clients with a common cutoff are swept together").isNotEmpty();
    SweepStatus s = c.retention().status();
    assertThat(s.backlog()).isEqualTo(plan.deletable());
    assertThat(s.oldestOverdueSince()).isEqualTo(plan.plannedAt());
    assertThat(s.lastRunFinishedAt()).isNull();
    assertThat(c.retention().resumeUnfinished()).hasSize(1);
    assertThat(c.retention().status().backlog()).isZero();
  }

  @Test
  void clientsWithACommonCutoffAreSweptTogetherAndEachClientsEvidenceAddsUp_R_RET_6_R_EVID_1() {
    Custodian c = f.node(5);
    List<HostRecord> doomed = deletableNow(c);
    RetentionPlan plan = c.retention().plan();
    assertThat(plan.groups()).isNotEmpty().allSatisfy(g -> {
      assertThat(g.clients()).containsExactly(ACME, GLOBEX);
      assertThat(g.entries()).hasSize(2);
    });
    // An entry a group sweeps is not a unit of its own; every other entry is.
    Set<String> grouped = new java.util.HashSet<>();
    plan.groups().forEach(g -> grouped.addAll(g.entries()));
    assertThat(plan.units()).doesNotContainAnyElementsOf(grouped)
        .containsAll(plan.groups().stream().map(SweepGroup::unit).toList());
    assertThat(plan.groups().stream().mapToLong(SweepGroup::deletable).sum()).isEqualTo(plan.entries()
        .stream().filter(e -> grouped.contains(e.unit())).mapToLong(PlanEntry::deletable).sum());

    c.retention().execute(plan);

    for (dev.custodian.client.ClientId client : List.of(ACME, GLOBEX)) {
      long deleted = doomed.stream().filter(r -> r.client().equals(client)).count();
      long evidenced = f.evidenceStore.readByClient(client, 1, Integer.MAX_VALUE).stream()
          .filter(e -> e.action().equals(Sweeper.BATCH_ACTION))
          .mapToLong(e -> Long.parseLong(e.details().get("deleted"))).sum();
      assertThat(evidenced).as("evidence of %s", client).isEqualTo(deleted).isPositive();
    }
  }

  @Test
  void aPlanRefusesAGroupNamingAnEntryItDoesNotHold() {
    RetentionPlan plan = f.node(5).retention().plan();
    SweepGroup stray = new SweepGroup("g999999", CategoryId.CALL_LOG, "CALL_LOG.cpce-ceiling", null,
        f.clock.instant(), List.of(ACME), List.of("u999999"), 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new RetentionPlan(plan.id(), plan.plannedAt(), plan.entries(), List.of(stray)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g999999");
  }
}
