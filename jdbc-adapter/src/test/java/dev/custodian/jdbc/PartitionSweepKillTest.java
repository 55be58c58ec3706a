package dev.custodian.jdbc;

import static dev.custodian.jdbc.PartitionedCallLog.HELD;
import static dev.custodian.jdbc.PartitionedCallLog.client;
import static dev.custodian.jdbc.PartitionedCallLog.literal;
import static dev.custodian.jdbc.PartitionedCallLog.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepGroup;
import dev.custodian.retention.SweepPartition;
import dev.custodian.spi.WorkQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SweepKillTest} for whole-partition sweeps: a node sweeping {@link PartitionedCallLog}'s
 * range-partitioned {@code call_log} on PostgreSQL with {@link PartitionSweep#TRUNCATE} (twelve
 * expired partitions emptied whole, held rows copied out and back; the default partition and the
 * partition straddling the cut-off in row batches) is killed with {@code kill -9} at least 20 times
 * at seeded random moments (a partition emptied but not committed, staged, committed) and resumed
 * in a new JVM each time. Then: no held row deleted, no expired unheld row left, the chain intact,
 * per client the evidence equals the rows deleted, and every summary written exactly once.
 * Seed: {@code -Dcustodian.kill.seed=...} replays a run.
 */
class PartitionSweepKillTest {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  private static final int KILLS = 20;
  private static final int BATCH = 200;
  private static final Instant RANGE_FROM = Instant.parse("2024-06-10T00:00:00Z");
  private static final Instant RANGE_BEFORE = Instant.parse("2024-06-20T00:00:00Z");

  private static String held() {
    return "((client_id IN ('client-0', 'client-2') AND caller = '" + HELD.value() + "')"
        + " OR (client_id = 'client-1' AND started_at >= " + literal(RANGE_FROM)
        + " AND started_at < " + literal(RANGE_BEFORE) + "))";
  }

  @Test
  void killedTwentyTimesWhileEmptyingPartitionsTheEvidenceStillEqualsWhatWasDeleted_R_EVID_1_R_HOLD_2(
      @TempDir Path dir) throws Exception {
    long seed = Long.getLong("custodian.kill.seed", System.nanoTime());
    System.out.println("PartitionSweepKillTest seed=" + seed
        + " (replay with -Dcustodian.kill.seed=" + seed + ")");
    Random random = new Random(seed);
    DataSource ds = db.dataSource();
    PartitionedCallLog.create(ds, 6, 1);
    Custodian setup = Custodian.builder().clock(Clock.fixed(SweepKillTest.NOW, ZoneOffset.UTC))
        .stateStore(new JdbcStateStore(ds)).evidenceStore(new JdbcEvidenceStore(ds))
        .hostData(JdbcHostData.builder(ds, PartitionedCallLog.mapping(PartitionSweep.TRUNCATE)).build())
        .workQueue(new JdbcWorkQueue(ds)).pseudonymizationKey(SweepKillTest.KEY).build();
    ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
    setup.holds().place(officer, client(0), Set.of(HELD), Set.of(), null, null, "order 2026-41");
    setup.holds().place(officer, client(2), Set.of(HELD), Set.of(), null, null, "order 2026-41");
    setup.holds().place(officer, client(1), Set.of(), Set.of(CategoryId.CALL_LOG), RANGE_FROM,
        RANGE_BEFORE, "order 2026-42");

    Map<String, Long> before = PartitionedCallLog.perClient(ds);
    long total = before.values().stream().mapToLong(Long::longValue).sum();
    long heldBefore = single(ds, "SELECT COUNT(*) FROM call_log WHERE " + held());
    RetentionPlan plan = setup.retention().plan();
    Instant cutoff = plan.groups().stream().map(SweepGroup::before).max(Instant::compareTo).orElseThrow();
    assertThat(plan.partitions()).as("whole partitions").hasSize(12);
    assertThat(plan.partitions()).as("each with held rows or not").anyMatch(p -> p.held() > 0)
        .anyMatch(p -> p.held() == 0);
    assertThat(plan.deletable() - plan.partitions().stream().mapToLong(SweepPartition::deletable).sum())
        .as("rows left to row batches").isGreaterThan(3L * BATCH);
    String planId = setup.retention().submit(plan);

    int kills = 0;
    int runs = 0;
    boolean finished = false;
    while (!finished) {
      // Kills land on the first, second or third moment of a step: only the third (committed)
      // moves the sweep on, so the sweep outlasts the kills wanted; the last node runs to the end.
      int killAfter = kills >= KILLS + 4 ? Integer.MAX_VALUE : 1 + random.nextInt(3);
      SweepKillTest.Child child = SweepKillTest.Child.start(db, dir.resolve("child-" + runs + ".log"),
          "node-" + runs, BATCH, "partitioned");
      runs++;
      int events = 0;
      while (true) {
        String line = child.next();
        if (line == null) {
          assertThat(child.exitCode()).as("node %s exit; log:%n%s", runs, child.log()).isZero();
          assertThat(child.sawFinished).as("node ended without finishing; log:%n%s", child.log())
              .isTrue();
          finished = true;
          break;
        }
        if (Set.of("deleted", "staged", "committed").contains(line) && ++events >= killAfter) {
          child.kill();
          kills++;
          db.execute("UPDATE custodian_work_unit SET lease_until = NULL WHERE done = FALSE");
          break;
        }
      }
    }
    System.out.println("PartitionSweepKillTest: " + kills + " kills in " + runs + " nodes, seed=" + seed);
    assertThat(kills).as("kills").isGreaterThanOrEqualTo(KILLS);

    // Duties: held rows kept, expired unheld rows gone, nothing else touched.
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE " + held())).as("held rows")
        .isEqualTo(heldBefore);
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE started_at < " + literal(cutoff)
        + " AND NOT " + held())).as("expired unheld rows left").isZero();
    assertThat(total - single(ds, "SELECT COUNT(*) FROM call_log")).as("rows deleted")
        .isEqualTo(plan.deletable());

    // Evidence: intact, and per client exactly what was deleted.
    ChainVerification v = EvidenceLog.verify(new JdbcEvidenceStore(ds),
        EvidenceKey.derivedFrom(SweepKillTest.KEY));
    assertThat(v.valid()).as(v.reason()).isTrue();
    Map<String, Long> after = PartitionedCallLog.perClient(ds);
    Map<String, Long> gone = new TreeMap<>();
    before.forEach((k, n) -> {
      if (n - after.getOrDefault(k, 0L) > 0) {
        gone.put(k, n - after.getOrDefault(k, 0L));
      }
    });
    assertThat(PartitionedCallLog.batchEvidence(ds)).as("deleted per client in batch evidence")
        .isEqualTo(gone);
    long goneTotal = gone.values().stream().mapToLong(Long::longValue).sum();

    // Summaries: each unit's once, adding up to what went; the plan's once.
    List<EvidenceEntry> all = PartitionedCallLog.evidence(ds);
    Map<String, Integer> summaryCount = new HashMap<>();
    long summarised = 0;
    int finishedEntries = 0;
    for (EvidenceEntry e : all) {
      switch (e.action()) {
        case "retention.sweep.partition", "retention.sweep.group" -> {
          summaryCount.merge(e.details().get("unit"), 1, Integer::sum);
          summarised += Long.parseLong(e.details().get("deleted"));
        }
        case "retention.sweep.unit" -> {
          summaryCount.merge(e.client().value(), 1, Integer::sum);
          summarised += Long.parseLong(e.details().get("deleted"));
        }
        case "retention.sweep.finished" -> {
          finishedEntries++;
          assertThat(Long.parseLong(e.details().get("deleted"))).as("finished summary")
              .isEqualTo(goneTotal);
        }
        default -> { }
      }
    }
    assertThat(summaryCount.values()).as("summaries written once").allMatch(n -> n == 1);
    assertThat(summaryCount.keySet()).as("a summary per unit").containsAll(
        plan.partitions().stream().map(SweepPartition::unit).toList());
    assertThat(summarised).as("summaries add up").isEqualTo(goneTotal);
    assertThat(finishedEntries).as("one retention.sweep.finished").isEqualTo(1);
    List<WorkQueue.WorkUnit> units = new JdbcWorkQueue(ds).units(planId);
    assertThat(units).allMatch(WorkQueue.WorkUnit::done);
    assertThat(units.stream().mapToLong(WorkQueue.WorkUnit::processed).sum())
        .as("work queue totals").isEqualTo(goneTotal);
  }
}
