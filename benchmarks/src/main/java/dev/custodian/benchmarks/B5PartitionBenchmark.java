package dev.custodian.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.jdbc.PartitionSweep;
import dev.custodian.jdbc.SubjectKind;
import dev.custodian.jdbc.TableMapping;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepGroup;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.SweepPartition;
import dev.custodian.retention.SweepReport;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * B5 of docs/performance.md, on PostgreSQL: the library's sweep of a range-partitioned {@code
 * call_log} whose mapping allows whole-partition sweeps ({@link PartitionSweep#TRUNCATE}) against
 * the single {@code DELETE} of the same rows followed by the {@code VACUUM} that reclaims them, on
 * an identical table; time and WAL. Bare {@code DROP TABLE} of the expired partitions (of that
 * second table, once deleted and vacuumed: its files are as large as before, and dropping costs
 * file unlinks and catalogue rows, not rows) is reported as the limit (no evidence, no hold kept).
 *
 * <p>Data (in a schema of its own, dropped at the end): 4,000,000 calls over 24 monthly partitions
 * (March 2024 to February 2026, evenly spread), 20 clients interleaved, so that the 12 oldest
 * partitions (half the rows) lie before the one-year cut-off; 1% of the calls are of 100 caller
 * numbers each client holds under a legal hold. Indexes: the primary key {@code (id, started_at)},
 * {@code (client_id, started_at)} and {@code (caller)}. Autovacuum is off on the measured tables
 * (the measured {@code VACUUM} does the reclaiming) and each measurement starts after a {@code
 * CHECKPOINT}. WAL is {@code pg_wal_lsn_diff} of {@code pg_current_wal_lsn()} around each: the
 * cluster's, so other sessions' writes at the same time count too.
 *
 * <p>The library's time is its sweep (the stored plan executed by two nodes, as in B1); the dry-run
 * plan made before it is timed and printed apart (P1 measures plans). After the run it checks that
 * every held row is kept, no expired unheld row is left, and the evidence per client equals the rows
 * deleted per client.
 *
 * <p>Arguments: {@code host:port} of PostgreSQL (default {@code 127.0.0.1:5432}); database {@code
 * test}, user {@code postgres}. {@code -Dbench.b5.rows=} changes the row count.
 */
public final class B5PartitionBenchmark {
  static final int ROWS = Integer.getInteger("bench.b5.rows", 4_000_000);
  static final int CLIENTS = 20;
  static final int MONTHS = 24;
  static final int BATCH = 10_000;
  static final int SWEEPERS = Integer.getInteger("bench.sweepers", 2);
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  /**
   * One year before NOW: calls at or before it are expired (12 of the 24 partitions lie wholly
   * before it; one call, at the instant itself, opens the 13th).
   */
  static final Instant CUTOFF = Instant.parse("2025-03-01T00:00:00Z");
  static final String HELD_CALLERS = "caller IN (SELECT '+3363998' || lpad(n::text, 4, '0')"
      + " FROM generate_series(0, 99) n)";

  private final String url;
  private final String schema = "b5_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private HikariDataSource ds;

  private B5PartitionBenchmark(String hostPort) {
    this.url = "jdbc:postgresql://" + hostPort + "/test?user=postgres"
        + System.getProperty("bench.urlSuffix", "");
  }

  public static void main(String[] args) throws Exception {
    B5PartitionBenchmark b = new B5PartitionBenchmark(args.length > 0 ? args[0] : "127.0.0.1:5432");
    try {
      b.run();
    } finally {
      b.tearDown();
    }
  }

  private void run() throws Exception {
    admin("CREATE SCHEMA " + schema);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url + "&currentSchema=" + schema);
    cfg.setMaximumPoolSize(4);
    ds = new HikariDataSource(cfg);
    try (Connection c = ds.getConnection()) {
      System.out.printf(Locale.ROOT, "B5 PostgreSQL %s, %d cores, load average %s%n",
          c.getMetaData().getDatabaseProductVersion(), Runtime.getRuntime().availableProcessors(),
          loadAverage());
    }
    CustodianSchema.createIfMissing(ds, Dialect.POSTGRESQL);
    long t0 = System.nanoTime();
    create("call_log", true);
    create("call_log_sql", false);
    execute("VACUUM ANALYZE call_log", "VACUUM ANALYZE call_log_sql");
    System.out.printf(Locale.ROOT, "B5 generated 2 x %,d rows in %d monthly partitions in %.1f s%n",
        ROWS, MONTHS, secs(t0));

    Library lib = library();
    Sql sql = deleteThenVacuum();
    Sql drop = dropPartitions();

    double ratio = (sql.deleteSecs + sql.vacuumSecs) / lib.secs;
    double wal = (double) lib.wal / (sql.deleteWal + sql.vacuumWal);
    System.out.printf(Locale.ROOT, "B5 library: plan %.2f s (not in the ratio), sweep %.2f s,"
            + " %.1f MB WAL, %,d rows deleted, %,d held rows kept, %d partitions emptied%n",
        lib.planSecs, lib.secs, mb(lib.wal), lib.deleted, lib.held, lib.partitions);
    System.out.printf(Locale.ROOT, "B5 DELETE: %.2f s, %.1f MB WAL (%,d rows); VACUUM: %.2f s,"
            + " %.1f MB WAL%n", sql.deleteSecs, mb(sql.deleteWal), sql.rows, sql.vacuumSecs,
        mb(sql.vacuumWal));
    System.out.printf(Locale.ROOT, "B5 DROP TABLE of the 12 expired partitions: %.3f s, %.2f MB WAL"
        + " (no evidence, held rows lost)%n", drop.deleteSecs, mb(drop.deleteWal));
    System.out.printf(Locale.ROOT, "B5 with its plan, the library's ratio would be %.2f%n",
        (sql.deleteSecs + sql.vacuumSecs) / (lib.secs + lib.planSecs));
    System.out.println();
    System.out.printf(Locale.ROOT, "B5 partition-sweep-vs-delete-vacuum ratio=%.2f target=3%n", ratio);
    System.out.printf(Locale.ROOT, "B5 partition-sweep-wal ratio=%.4f target=0.05%n", wal);
    System.out.printf(Locale.ROOT, "B5 drop-partitions-limit ratio=%.1f wal-ratio=%.5f"
            + " (DELETE+VACUUM time / DROP time; DROP WAL / DELETE+VACUUM WAL)%n",
        (sql.deleteSecs + sql.vacuumSecs) / drop.deleteSecs,
        (double) drop.deleteWal / (sql.deleteWal + sql.vacuumWal));
    boolean ok = ratio >= 3 && wal <= 0.05 && lib.verified;
    System.out.println(ok ? "B5 within target" : "B5: a target is missed");
  }

  // ---------------------------------------------------------------- data

  /** A partitioned call log of {@link #ROWS} calls; {@code generate}: else copied from call_log. */
  private void create(String table, boolean generate) throws SQLException {
    List<String> ddl = new ArrayList<>();
    ddl.add("CREATE TABLE " + table + " (id BIGINT NOT NULL, client_id VARCHAR(64) NOT NULL,"
        + " started_at TIMESTAMPTZ NOT NULL, caller VARCHAR(32), callee VARCHAR(32),"
        + " duration_s INTEGER) PARTITION BY RANGE (started_at)");
    for (int m = 0; m < MONTHS; m++) {
      int year = 2024 + (2 + m) / 12;
      int month = 1 + (2 + m) % 12;
      int nextYear = 2024 + (3 + m) / 12;
      int nextMonth = 1 + (3 + m) % 12;
      String part = String.format(Locale.ROOT, "%s_p%d_%02d", table, year, month);
      ddl.add(String.format(Locale.ROOT, "CREATE TABLE %s PARTITION OF %s FOR VALUES FROM"
          + " ('%d-%02d-01 00:00:00+00') TO ('%d-%02d-01 00:00:00+00')"
          + " WITH (autovacuum_enabled = false)", part, table, year, month, nextYear, nextMonth));
    }
    // Evenly over the 730 days from 2024-03-01; clients interleave; numbers cycle over 10,000.
    String time = "timestamptz '2024-03-01 00:00:00+00' + ((g - 1)::bigint * 63072000"
        + " / " + ROWS + ") * interval '1 second'";
    if (generate) {
      ddl.add("INSERT INTO " + table + " SELECT g, 'client-' || lpad((g % " + CLIENTS
          + ")::text, 2, '0'), " + time + ", '+3363998' || lpad((g % 10000)::text, 4, '0'),"
          + " '+3319900' || lpad(((g * 31) % 10000)::text, 4, '0'), (g % 600)::int"
          + " FROM generate_series(1, " + ROWS + ") g");
    } else {
      ddl.add("INSERT INTO " + table + " SELECT * FROM call_log");
    }
    ddl.add("ALTER TABLE " + table + " ADD PRIMARY KEY (id, started_at)");
    ddl.add("CREATE INDEX " + table + "_client_time ON " + table + " (client_id, started_at)");
    ddl.add("CREATE INDEX " + table + "_caller ON " + table + " (caller)");
    execute(ddl.toArray(String[]::new));
  }

  static ClientId client(int k) {
    return ClientId.of(String.format(Locale.ROOT, "client-%02d", k));
  }

  // ---------------------------------------------------------------- the library

  private record Library(double planSecs, double secs, long wal, long deleted, long held,
      int partitions, boolean verified) {}

  private Library library() throws Exception {
    HostDataMapping mapping = HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
            .partitions(PartitionSweep.TRUNCATE).build())
        .build();
    List<Custodian> nodes = new ArrayList<>();
    for (int n = 0; n < SWEEPERS; n++) {
      nodes.add(Custodian.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .stateStore(new JdbcStateStore(ds, Dialect.POSTGRESQL))
          .evidenceStore(new JdbcEvidenceStore(ds, Dialect.POSTGRESQL))
          .hostData(JdbcHostData.builder(ds, mapping).dialect(Dialect.POSTGRESQL).build())
          .workQueue(new JdbcWorkQueue(ds, Dialect.POSTGRESQL, JdbcWorkQueue.ClaimStrategy.AUTO))
          .sweepOptions(SweepOptions.defaults().withBatchSize(BATCH).withNode("b5-node-" + n))
          .pseudonymizationKey(
              "benchmark pseudonymisation key, 32+ bytes".getBytes(StandardCharsets.UTF_8))
          .build());
    }
    Custodian first = nodes.get(0);
    Set<SubjectIdentifier> heldCallers = IntStream.range(0, 100)
        .mapToObj(i -> (SubjectIdentifier) PhoneNumber.of(String.format(Locale.ROOT, "+3363998%04d", i)))
        .collect(Collectors.toSet());
    ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
    for (int k = 0; k < CLIENTS; k++) {
      first.holds().place(officer, client(k), heldCallers, Set.of(CategoryId.CALL_LOG), null, null,
          "benchmark order");
    }
    Map<String, Long> before = perClient("call_log");
    long heldBefore = scalar("SELECT COUNT(*) FROM call_log WHERE started_at <= '" + CUTOFF
        + "' AND " + HELD_CALLERS);
    JdbcEvidenceStore evidence = new JdbcEvidenceStore(ds, Dialect.POSTGRESQL);
    long evidenceBefore = evidence.head().map(e -> e.sequence()).orElse(0L);

    long t = System.nanoTime();
    RetentionPlan plan = first.retention().plan();
    double planSecs = secs(t);
    Instant cutoff = plan.groups().stream().map(SweepGroup::before).max(Instant::compareTo).orElseThrow();
    // Deletable: a year old or more, so a call at the very cut-off instant goes too.
    if (!cutoff.equals(CUTOFF.plusNanos(1))) {
      throw new IllegalStateException("B5: the plan cuts at " + cutoff + ", not " + CUTOFF);
    }
    long planned = plan.partitions().stream().mapToLong(SweepPartition::deletable).sum();
    System.out.printf(Locale.ROOT, "B5 dry run: %d partitions would be emptied (%,d rows, %,d held"
            + " kept), %d group units for the rest; %,d rows deletable in all%n",
        plan.partitions().size(), planned,
        plan.partitions().stream().mapToLong(SweepPartition::held).sum(), plan.groups().size(),
        plan.deletable());

    execute("CHECKPOINT");
    long lsn = lsn();
    t = System.nanoTime();
    String planId = first.retention().submit(plan);
    ExecutorService pool = Executors.newFixedThreadPool(SWEEPERS);
    List<Future<SweepReport>> reports = new ArrayList<>();
    for (Custodian node : nodes) {
      reports.add(pool.submit(() -> node.retention().resume(planId)));
    }
    long deleted = 0;
    for (Future<SweepReport> r : reports) {
      deleted += r.get().deleted();
    }
    pool.shutdown();
    double secs = secs(t);
    long wal = walSince(lsn);

    // Verify: held rows kept, nothing expired and unheld left, evidence per client exact.
    Map<String, Long> after = perClient("call_log");
    Map<String, Long> gone = new TreeMap<>();
    before.forEach((client, n) -> gone.put(client, n - after.getOrDefault(client, 0L)));
    Map<String, Long> evidenced = new TreeMap<>();
    long evidenceAfter = evidence.head().map(e -> e.sequence()).orElse(0L);
    for (long from = evidenceBefore + 1; from <= evidenceAfter; from += 1000) {
      for (var e : evidence.readAll(from, 1000)) {
        if (e.action().equals("retention.sweep.batch") && e.client() != null) {
          evidenced.merge(e.client().value(), Long.parseLong(e.details().get("deleted")), Long::sum);
        }
      }
    }
    before.keySet().forEach(client -> evidenced.putIfAbsent(client, 0L));
    long heldAfter = scalar("SELECT COUNT(*) FROM call_log WHERE started_at <= '" + CUTOFF
        + "' AND " + HELD_CALLERS);
    long unheldLeft = scalar("SELECT COUNT(*) FROM call_log WHERE started_at <= '" + CUTOFF
        + "' AND NOT " + HELD_CALLERS);
    long deletedRows = gone.values().stream().mapToLong(Long::longValue).sum();
    boolean verified = heldAfter == heldBefore && unheldLeft == 0 && evidenced.equals(gone)
        && deletedRows == deleted;
    System.out.printf(Locale.ROOT, "B5 verified: held rows %,d before, %,d after; expired unheld left"
            + " %,d; evidence per client %s rows deleted per client (%d clients, %,d rows); %s%n",
        heldBefore, heldAfter, unheldLeft, evidenced.equals(gone) ? "equals" : "DIFFERS FROM",
        gone.size(), deletedRows, verified ? "OK" : "FAILED");
    return new Library(planSecs, secs, wal, deleted, heldAfter, plan.partitions().size(), verified);
  }

  // ---------------------------------------------------------------- plain SQL

  private record Sql(double deleteSecs, long deleteWal, double vacuumSecs, long vacuumWal, long rows) {}

  /** The single DELETE of the same rows (expired, not held), then the VACUUM that reclaims them. */
  private Sql deleteThenVacuum() throws SQLException {
    execute("CHECKPOINT");
    long lsn = lsn();
    long t = System.nanoTime();
    long rows;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      rows = s.executeUpdate("DELETE FROM call_log_sql WHERE started_at <= '" + CUTOFF
          + "' AND NOT " + HELD_CALLERS);
    }
    double deleteSecs = secs(t);
    long deleteWal = walSince(lsn);
    lsn = lsn();
    t = System.nanoTime();
    execute("VACUUM call_log_sql");
    return new Sql(deleteSecs, deleteWal, secs(t), walSince(lsn), rows);
  }

  /** Bare DROP TABLE of the 12 expired partitions of the DELETE's table: the limit. */
  private Sql dropPartitions() throws SQLException {
    List<String> expired = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      expired.add(String.format(Locale.ROOT, "call_log_sql_p%d_%02d", 2024 + (2 + m) / 12,
          1 + (2 + m) % 12));
    }
    execute("CHECKPOINT");
    long lsn = lsn();
    long t = System.nanoTime();
    execute("DROP TABLE " + String.join(", ", expired));
    return new Sql(secs(t), walSince(lsn), 0, 0, 0);
  }

  // ---------------------------------------------------------------- plumbing

  private Map<String, Long> perClient(String table) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT client_id, COUNT(*) FROM " + table + " GROUP BY 1")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private long lsn() throws SQLException {
    return scalar("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
  }

  private long walSince(long lsn) throws SQLException {
    return lsn() - lsn;
  }

  private long scalar(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(String... statements) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private void tearDown() throws SQLException {
    if (ds != null) {
      ds.close();
    }
    admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
