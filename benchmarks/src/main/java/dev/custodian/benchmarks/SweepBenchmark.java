package dev.custodian.benchmarks;

import dev.custodian.Custodian;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.SweepReport;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * B1's library side and P1, on {@code call_log}: the Annex A plan of the 20 clients (the dry run,
 * {@code retention().plan()}) timed against a {@code GROUP BY client_id} count of the same rows,
 * then the plan stored and swept by {@code nodes} nodes sharing it through {@link JdbcWorkQueue},
 * batches of at most {@code batch} rows each committed through the deletion gate with its
 * evidence, held rows spared. The run checks its own result before it reports it.
 */
final class SweepBenchmark {
  /** The library's sweep and plan, timed. */
  record Sweep(long expired, long held, long deleted, double batches, long largest,
      long batchEntries, long entries, double secs, double planSecs, double countSecs) {
    double rate() {
      return deleted / secs;
    }
  }

  private final BenchTables tables;
  private final int batch;
  private final int nodes;

  SweepBenchmark(BenchTables tables, int batch, int nodes) {
    this.tables = tables;
    this.batch = batch;
    this.nodes = nodes;
  }

  Sweep run() throws Exception {
    Clock clock = Clock.fixed(BenchTables.NOW, ZoneOffset.UTC);
    List<Custodian> custodians = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      custodians.add(Custodian.builder().clock(clock)
          .stateStore(new JdbcStateStore(tables.ds, Dialect.POSTGRESQL))
          .evidenceStore(new JdbcEvidenceStore(tables.ds, Dialect.POSTGRESQL))
          .hostData(JdbcHostData.builder(tables.ds, BenchTables.callLogMapping())
              .dialect(Dialect.POSTGRESQL).build())
          .workQueue(new JdbcWorkQueue(tables.ds, Dialect.POSTGRESQL, JdbcWorkQueue.ClaimStrategy.AUTO))
          .sweepOptions(SweepOptions.defaults().withBatchSize(batch).withNode("bench-node-" + n))
          .pseudonymizationKey(
              "benchmark pseudonymisation key, 32+ bytes".getBytes(StandardCharsets.UTF_8))
          .build());
    }
    Custodian first = custodians.get(0);
    Set<SubjectIdentifier> heldCallers = Arrays.stream(BenchTables.heldNumbers())
        .map(n -> (SubjectIdentifier) PhoneNumber.of(n)).collect(Collectors.toSet());
    ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
    for (int k = 0; k < BenchTables.CLIENTS; k++) {
      first.holds().place(officer, BenchTables.client(k), heldCallers, Set.of(CategoryId.CALL_LOG),
          null, null, "benchmark order");
    }

    // P1: the dry run against one grouped count of the same rows (matched and held per client);
    // one of each to warm up, then the best of three, alternating.
    RetentionPlan plan = first.retention().plan();
    groupByCount();
    double planSecs = Double.MAX_VALUE;
    double countSecs = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t = System.nanoTime();
      plan = first.retention().plan();
      planSecs = Math.min(planSecs, secs(t));
      t = System.nanoTime();
      groupByCount();
      countSecs = Math.min(countSecs, secs(t));
    }

    JdbcEvidenceStore evidenceStore = new JdbcEvidenceStore(tables.ds, Dialect.POSTGRESQL);
    long expired = tables.scalar("SELECT COUNT(*) FROM call_log WHERE started_at < ?", BenchTables.CUTOFF);
    long evidenceBefore = evidenceStore.head().map(e -> e.sequence()).orElse(0L);
    tables.execute("CHECKPOINT");

    // The library's sweep: the plan stored once, then every node works on it at once.
    long t = System.nanoTime();
    String planId = first.retention().submit(plan);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<Future<SweepReport>> reports = new ArrayList<>();
    for (Custodian node : custodians) {
      reports.add(pool.submit(() -> node.retention().resume(planId)));
    }
    long deleted = 0;
    for (Future<SweepReport> r : reports) {
      deleted += r.get().deleted();
    }
    pool.shutdown();
    double libSecs = secs(t);

    long evidenceAfter = evidenceStore.head().map(e -> e.sequence()).orElse(0L);
    // A batch over several clients leaves one entry per client, each naming the batch's total
    // and how many clients it touched; a single client's batch leaves one entry.
    double batches = 0;
    long largest = 0;
    long entries = 0;
    long evidenced = 0;
    for (long from = evidenceBefore + 1; from <= evidenceAfter; from += 1000) {
      for (var e : evidenceStore.readAll(from, 1000)) {
        if (e.action().equals("retention.sweep.batch")) {
          entries++;
          long deletedHere = Long.parseLong(e.details().get("deleted"));
          evidenced += deletedHere;
          String total = e.details().get("batchDeleted");
          String clients = e.details().get("batchClients");
          batches += clients == null ? 1.0 : 1.0 / Integer.parseInt(clients);
          largest = Math.max(largest, total == null ? deletedHere : Long.parseLong(total));
        }
      }
    }
    if (largest > batch || evidenced != deleted) {
      throw new IllegalStateException("B1: a batch of " + largest + " rows, or evidence for "
          + evidenced + " rows where " + deleted + " were deleted");
    }
    long heldLeft = tables.scalar("SELECT COUNT(*) FROM call_log WHERE started_at < ? AND caller"
        + " < '+33199000100'", BenchTables.CUTOFF);
    long left = tables.scalar("SELECT COUNT(*) FROM call_log WHERE started_at < ?", BenchTables.CUTOFF);
    if (deleted != plan.deletable() || heldLeft < plan.held() || left != expired - deleted) {
      throw new IllegalStateException("B1: deleted " + deleted + " of " + plan.deletable()
          + " planned; " + heldLeft + " held records left of " + plan.held());
    }
    return new Sweep(expired, plan.held(), deleted, batches, largest, entries,
        evidenceAfter - evidenceBefore, libSecs, planSecs, countSecs);
  }

  /**
   * What a DBA would run to preview the sweep: per client, the expired calls and how many of them
   * the holds keep, in one scan.
   */
  private void groupByCount() throws SQLException {
    try (Connection c = tables.ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT client_id, COUNT(*), COUNT(*) FILTER (WHERE caller IN (SELECT unnest(CAST(? AS"
            + " VARCHAR[]))) OR callee IN (SELECT unnest(CAST(? AS VARCHAR[]))))"
            + " FROM call_log WHERE started_at < ? GROUP BY client_id")) {
      Array held = c.createArrayOf("varchar", BenchTables.heldNumbers());
      ps.setArray(1, held);
      ps.setArray(2, held);
      ps.setObject(3, BenchTables.CUTOFF.atOffset(ZoneOffset.UTC));
      int clients = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          clients++;
        }
      }
      if (clients != BenchTables.CLIENTS) {
        throw new IllegalStateException("P1: the count found " + clients + " clients");
      }
    }
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
