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
import dev.custodian.jdbc.SubjectKind;
import dev.custodian.jdbc.TableMapping;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.SweepReport;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.EmailAddress;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;

/**
 * B1-B3 of docs/performance.md, on PostgreSQL, in one run: the JDBC adapter against the plain SQL
 * a DBA would write for the same job. Each prints {@code B<n> <name> ratio=<value> target=<value>}.
 *
 * <p>Data (generated server-side in a schema of its own, dropped at the end): four mapped tables of
 * 1,000,000 rows each ({@code call_log}, {@code sms_log}, {@code fax_log}, {@code contact}) plus an
 * identical copy of {@code call_log} for the plain {@code DELETE}; 20 clients, client-00 holding a
 * fifth of the rows; times spread over two years so that half the calls are older than the one-year
 * cut-off; 1% of those under a legal hold (100 held caller numbers per client).
 *
 * <p>Arguments: {@code host:port} of PostgreSQL (default {@code 127.0.0.1:5432}); database {@code
 * test}, user {@code postgres}. Run it with {@code -Xmx64m}: B1 requires it.
 */
public final class HostDataBenchmarks {
  static final int ROWS = 1_000_000;
  static final int CLIENTS = 20;
  static final int BATCH = 10_000;
  /** Rows per round trip when streaming (B3); the JdbcHostData builder's fetchSize option. */
  static final int FETCH_SIZE = Integer.getInteger("bench.fetchSize", 5000);
  /** Sweeper nodes (threads) sharing the job through the work queue: one per core here. */
  static final int SWEEPERS = Integer.getInteger("bench.sweepers", 2);
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant CUTOFF = NOW.minus(Duration.ofDays(365));
  static final CategoryId SMS = CategoryId.SMS_LOG;
  static final CategoryId FAX = CategoryId.FAX_LOG;
  static final CategoryId CONTACT = CategoryId.CONTACT_MANUAL;

  private final String url;
  private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private HikariDataSource ds;

  private HostDataBenchmarks(String hostPort) {
    this.url = "jdbc:postgresql://" + hostPort + "/test?user=postgres"
        + System.getProperty("bench.urlSuffix", "");
  }

  public static void main(String[] args) throws Exception {
    HostDataBenchmarks b = new HostDataBenchmarks(args.length > 0 ? args[0] : "127.0.0.1:5432");
    System.out.printf(Locale.ROOT, "JVM max heap %d MiB, %d cores, PostgreSQL %s%n",
        Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors(),
        b.serverVersion());
    try {
      b.setUp();
      // -Dbench.only=B1,B3 runs a subset (for profiling); the documented run takes all three.
      String only = System.getProperty("bench.only", "B1,B2,B3");
      double b2 = only.contains("B2") ? b.subjectLookup() : Double.NaN;
      double b3 = only.contains("B3") ? b.returnArchive() : Double.NaN;
      double b1 = only.contains("B1") ? b.sweep() : Double.NaN;
      System.out.println();
      System.out.printf(Locale.ROOT, "B1 sweep-vs-single-delete ratio=%.2f target=0.5%n", b1);
      System.out.printf(Locale.ROOT, "B2 subject-lookup-vs-direct-query ratio=%.2f target=2.0%n", b2);
      System.out.printf(Locale.ROOT, "B3 return-archive-vs-copy ratio=%.2f target=0.5%n", b3);
      boolean ok = b1 >= 0.5 && b2 <= 2.0 && b3 >= 0.5;
      System.out.println(ok ? "B1-B3 all within target" : "B1-B3: a target is missed");
    } finally {
      b.tearDown();
    }
  }

  private String serverVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.getMetaData().getDatabaseProductVersion();
    }
  }

  // ---------------------------------------------------------------- data

  private void setUp() throws SQLException {
    admin("CREATE SCHEMA " + schema);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url + "&currentSchema=" + schema);
    cfg.setMaximumPoolSize(4);
    ds = new HikariDataSource(cfg);
    CustodianSchema.createIfMissing(ds, Dialect.POSTGRESQL);
    long t0 = System.nanoTime();
    String clientExpr = "CASE WHEN g % 5 = 0 THEN 'client-00'"
        + " ELSE 'client-' || lpad((1 + g % " + (CLIENTS - 1) + ")::text, 2, '0') END";
    // Rows arrive in time order, as a call log does: id g is 63 seconds after id g - 1, the
    // oldest two years before NOW; clients interleave.
    String timeExpr = "timestamptz '2026-03-01 00:00:00+00' - ((" + ROWS + " - g)::bigint * 63072"
        + " / " + (ROWS / 1000) + ") * interval '1 second'";
    String phoneA = "'+3319900' || lpad((g % 10000)::text, 4, '0')";
    String phoneB = "'+3363998' || lpad(((g * 31) % 10000)::text, 4, '0')";
    execute(
        "CREATE TABLE call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " started_at TIMESTAMPTZ NOT NULL, caller VARCHAR(32), callee VARCHAR(32),"
            + " duration_s INTEGER, restricted BOOLEAN NOT NULL DEFAULT FALSE)",
        "INSERT INTO call_log SELECT g, " + clientExpr + ", " + timeExpr + ", " + phoneA + ", "
            + phoneB + ", (g % 600), FALSE FROM generate_series(1, " + ROWS + ") g",
        "CREATE TABLE sms_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " sent_at TIMESTAMPTZ NOT NULL, sender VARCHAR(32), recipient VARCHAR(32),"
            + " body_length INTEGER)",
        "INSERT INTO sms_log SELECT g, " + clientExpr + ", " + timeExpr + ", " + phoneB + ", "
            + phoneA + ", (g % 160) FROM generate_series(1, " + ROWS + ") g",
        "CREATE TABLE fax_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " sent_at TIMESTAMPTZ NOT NULL, sender VARCHAR(32), recipient VARCHAR(32),"
            + " pages INTEGER)",
        "INSERT INTO fax_log SELECT g, " + clientExpr + ", " + timeExpr + ", " + phoneA + ", "
            + phoneB + ", (g % 12) FROM generate_series(1, " + ROWS + ") g",
        "CREATE TABLE contact (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " updated_at TIMESTAMPTZ NOT NULL, email VARCHAR(320), phone VARCHAR(32),"
            + " display_name VARCHAR(100))",
        "INSERT INTO contact SELECT g, " + clientExpr + ", " + timeExpr
            + ", 'contact' || (g % 50000) || '@example.com', " + phoneA
            + ", 'Contact ' || g FROM generate_series(1, " + ROWS + ") g",
        "CREATE INDEX call_log_client_time ON call_log (client_id, started_at)",
        "CREATE INDEX call_log_caller ON call_log (caller)",
        "CREATE INDEX call_log_callee ON call_log (callee)",
        "CREATE INDEX sms_log_client_time ON sms_log (client_id, sent_at)",
        "CREATE INDEX sms_log_sender ON sms_log (sender)",
        "CREATE INDEX sms_log_recipient ON sms_log (recipient)",
        "CREATE INDEX fax_log_client_time ON fax_log (client_id, sent_at)",
        "CREATE INDEX fax_log_sender ON fax_log (sender)",
        "CREATE INDEX fax_log_recipient ON fax_log (recipient)",
        "CREATE INDEX contact_client_time ON contact (client_id, updated_at)",
        "CREATE INDEX contact_email ON contact (email)",
        "CREATE INDEX contact_phone ON contact (phone)",
        // The plain DELETE's table: an identical copy, same indexes.
        "CREATE TABLE call_log_sql (LIKE call_log INCLUDING DEFAULTS)",
        "INSERT INTO call_log_sql SELECT * FROM call_log ORDER BY id",
        "ALTER TABLE call_log_sql ADD PRIMARY KEY (id)",
        "CREATE INDEX call_log_sql_client_time ON call_log_sql (client_id, started_at)",
        "CREATE INDEX call_log_sql_caller ON call_log_sql (caller)",
        "CREATE INDEX call_log_sql_callee ON call_log_sql (callee)",
        "VACUUM ANALYZE call_log", "VACUUM ANALYZE call_log_sql", "VACUUM ANALYZE sms_log",
        "VACUUM ANALYZE fax_log", "VACUUM ANALYZE contact");
    System.out.printf(Locale.ROOT, "generated 5 x %,d rows in %.1f s%n", ROWS, secs(t0));
  }

  private JdbcHostData hostData() {
    return JdbcHostData.builder(ds, HostDataMapping.builder()
            .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
                .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
                .subject("callee", SubjectKind.PHONE).restricted("restricted").build())
            .table(TableMapping.builder(SMS).table("sms_log").id("id").client("client_id")
                .time("sent_at").subject("sender", SubjectKind.PHONE)
                .subject("recipient", SubjectKind.PHONE).build())
            .table(TableMapping.builder(FAX).table("fax_log").id("id").client("client_id")
                .time("sent_at").subject("sender", SubjectKind.PHONE)
                .subject("recipient", SubjectKind.PHONE).build())
            .table(TableMapping.builder(CONTACT).table("contact").id("id").client("client_id")
                .time("updated_at").subject("email", SubjectKind.EMAIL)
                .subject("phone", SubjectKind.PHONE).build())
            .build())
        .dialect(Dialect.POSTGRESQL).fetchSize(FETCH_SIZE).build();
  }

  static ClientId client(int k) {
    return ClientId.of(String.format(Locale.ROOT, "client-%02d", k));
  }

  // ---------------------------------------------------------------- B2

  /** findSubject across the four tables against the four direct indexed queries; time ratio. */
  private double subjectLookup() throws SQLException {
    JdbcHostData host = hostData();
    String[] direct = {
        "SELECT * FROM call_log WHERE client_id = ? AND (caller = ? OR callee = ?) ORDER BY id",
        "SELECT * FROM sms_log WHERE client_id = ? AND (sender = ? OR recipient = ?) ORDER BY id",
        "SELECT * FROM fax_log WHERE client_id = ? AND (sender = ? OR recipient = ?) ORDER BY id",
        "SELECT * FROM contact WHERE client_id = ? AND (email = ? OR phone = ?) ORDER BY id"};
    int warmup = 200;
    int runs = 600;
    long libNanos = 0;
    long sqlNanos = 0;
    long libRows = 0;
    long sqlRows = 0;
    for (int i = 0; i < warmup + runs; i++) {
      ClientId client = client(1 + i % (CLIENTS - 1));
      PhoneNumber phone = PhoneNumber.of(String.format(Locale.ROOT, "+3319900%04d", (i * 37) % 10000));
      EmailAddress email = EmailAddress.of("contact" + ((i * 53) % 50000) + "@example.com");
      List<SubjectIdentifier> who = List.of(phone, email);
      boolean measure = i >= warmup;
      // Alternate which goes first so that neither always finds the pages warmed by the other.
      for (int order = 0; order < 2; order++) {
        boolean lib = (i + order) % 2 == 0;
        long t = System.nanoTime();
        long n;
        if (lib) {
          n = host.findSubject(client, who).size();
        } else {
          n = directLookup(direct, client, phone, email);
        }
        long dt = System.nanoTime() - t;
        if (measure) {
          if (lib) {
            libNanos += dt;
            libRows += n;
          } else {
            sqlNanos += dt;
            sqlRows += n;
          }
        }
      }
    }
    if (libRows != sqlRows) {
      throw new IllegalStateException("B2: the library found " + libRows + " records, SQL " + sqlRows);
    }
    System.out.printf(Locale.ROOT, "B2 %d lookups over 4 tables of %,d rows (%d records found):"
            + " library %.3f ms each, direct indexed SQL %.3f ms each%n", runs, ROWS, libRows,
        libNanos / 1e6 / runs, sqlNanos / 1e6 / runs);
    return (double) libNanos / sqlNanos;
  }

  private long directLookup(String[] sql, ClientId client, PhoneNumber phone, EmailAddress email)
      throws SQLException {
    long n = 0;
    try (Connection c = ds.getConnection()) {
      for (int t = 0; t < sql.length; t++) {
        try (PreparedStatement ps = c.prepareStatement(sql[t])) {
          ps.setString(1, client.value());
          ps.setString(2, t == 3 ? email.value() : phone.value());
          ps.setString(3, phone.value());
          try (ResultSet rs = ps.executeQuery()) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= cols; i++) {
                rs.getObject(i);
              }
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- B3

  /** The return archive of client-00 (a fifth of call_log) against COPY of the same rows. */
  private double returnArchive() throws Exception {
    JdbcHostData host = hostData();
    ClientId big = client(0);
    String copy = "COPY (SELECT * FROM call_log WHERE client_id = 'client-00' ORDER BY id) TO STDOUT";
    double bestLib = Double.MAX_VALUE;
    double bestCopy = Double.MAX_VALUE;
    long libRows = 0;
    long copyBytes = 0;
    long libBytes = 0;
    for (int round = 0; round < 4; round++) {
      Counting archive = new Counting();
      long t = System.nanoTime();
      long[] rows = {0};
      try (Writer csv = new BufferedWriter(new OutputStreamWriter(archive, StandardCharsets.UTF_8),
          1 << 16)) {
        host.stream(big, CategoryId.CALL_LOG, r -> {
          writeCsv(csv, r);
          rows[0]++;
        });
      }
      double lib = secs(t);
      Counting out = new Counting();
      t = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
      }
      double cp = secs(t);
      if (round > 0) {
        bestLib = Math.min(bestLib, lib);
        bestCopy = Math.min(bestCopy, cp);
      }
      libRows = rows[0];
      libBytes = archive.bytes;
      copyBytes = out.bytes;
    }
    System.out.printf(Locale.ROOT, "B3 archive of %,d records: library stream to CSV lines %.2f s"
            + " (%,.0f rows/s, %,d bytes), COPY TO STDOUT %.2f s (%,.0f rows/s, %,d bytes)%n",
        libRows, bestLib, libRows / bestLib, libBytes, bestCopy, libRows / bestCopy, copyBytes);
    return bestCopy / bestLib;
  }

  /**
   * One archive line per record: the record's columns as CSV (RFC 4180 quoting), the form a
   * per-category return archive takes, with the same content as COPY's text output.
   */
  private static void writeCsv(Writer out, HostRecord r) {
    try {
      boolean first = true;
      for (Object v : r.fields().values()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        if (v == null) {
          continue;
        }
        String text = v.toString();
        if (needsQuotes(text)) {
          out.write('"');
          out.write(text.replace("\"", "\"\""));
          out.write('"');
        } else {
          out.write(text);
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180: a field holding a comma, a quote or a line break is quoted. */
  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** An archive sink that only counts: measures the library, not a disk. */
  static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  // ---------------------------------------------------------------- B1

  /**
   * The library's retention sweep of CALL_LOG ({@code RetentionService}: the Annex A plan stored,
   * its client units shared by {@link #SWEEPERS} nodes through the JDBC work queue, batches of
   * 10,000 each committed through the deletion gate with evidence per batch, held records spared)
   * against one {@code DELETE ... WHERE started_at < cutoff} on the identical table; ratio of rows
   * per second.
   */
  private double sweep() throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    HostDataMapping callLogOnly = HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
            .subject("callee", SubjectKind.PHONE).restricted("restricted").build())
        .build();
    List<Custodian> nodes = new ArrayList<>();
    for (int n = 0; n < SWEEPERS; n++) {
      nodes.add(Custodian.builder().clock(clock)
          .stateStore(new JdbcStateStore(ds, Dialect.POSTGRESQL))
          .evidenceStore(new JdbcEvidenceStore(ds, Dialect.POSTGRESQL))
          .hostData(JdbcHostData.builder(ds, callLogOnly).dialect(Dialect.POSTGRESQL).build())
          .workQueue(new JdbcWorkQueue(ds, Dialect.POSTGRESQL, JdbcWorkQueue.ClaimStrategy.AUTO))
          .sweepOptions(SweepOptions.defaults().withBatchSize(BATCH).withNode("bench-node-" + n))
          .pseudonymizationKey(
              "benchmark pseudonymisation key, 32+ bytes".getBytes(StandardCharsets.UTF_8))
          .build());
    }
    Custodian first = nodes.get(0);
    Set<SubjectIdentifier> heldCallers = IntStream.range(0, 100)
        .mapToObj(i -> (SubjectIdentifier) PhoneNumber.of(String.format(Locale.ROOT, "+3319900%04d", i)))
        .collect(Collectors.toSet());
    ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
    for (int k = 0; k < CLIENTS; k++) {
      first.holds().place(officer, client(k), heldCallers, Set.of(CategoryId.CALL_LOG), null, null,
          "benchmark order");
    }
    JdbcEvidenceStore evidenceStore = new JdbcEvidenceStore(ds, Dialect.POSTGRESQL);
    long t = System.nanoTime();
    RetentionPlan plan = first.retention().plan();
    double planSecs = secs(t);
    long expiredBefore = scalar("SELECT COUNT(*) FROM call_log WHERE started_at < ?", CUTOFF);
    long evidenceBefore = evidenceStore.head().map(e -> e.sequence()).orElse(0L);
    execute("CHECKPOINT");

    // The library's sweep: the plan stored once, then every node works on it at once.
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
    if (largest > BATCH || evidenced != deleted) {
      throw new IllegalStateException("B1: a batch of " + largest + " rows, or evidence for "
          + evidenced + " rows where " + deleted + " were deleted");
    }
    long left = scalar("SELECT COUNT(*) FROM call_log WHERE started_at < ?", CUTOFF);
    long heldLeft = scalar("SELECT COUNT(*) FROM call_log WHERE started_at < ? AND caller"
        + " < '+33199000100'", CUTOFF);
    if (deleted != plan.deletable() || heldLeft < plan.held()) {
      throw new IllegalStateException("B1: deleted " + deleted + " of " + plan.deletable()
          + " planned; " + heldLeft + " held records left of " + plan.held());
    }

    execute("CHECKPOINT");
    t = System.nanoTime();
    long plain;
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("DELETE FROM call_log_sql WHERE started_at < ?")) {
      ps.setObject(1, CUTOFF.atOffset(ZoneOffset.UTC));
      plain = ps.executeUpdate();
    }
    double sqlSecs = secs(t);
    double libRate = deleted / libSecs;
    double sqlRate = plain / sqlSecs;
    System.out.printf(Locale.ROOT, "B1 sweep of %,d rows (%,d older than a year, %,d of them held):"
            + " plan (dry run) %.2f s; library sweep on %d nodes deleted %,d rows in %.0f batches"
            + " (largest %,d; %d batch evidence entries, %d evidence entries in all; %,d older rows"
            + " left) in %.2f s"
            + " = %,.0f rows/s; plain DELETE %,d rows in %.2f s = %,.0f rows/s; heap max %d MiB%n",
        ROWS, expiredBefore, plan.held(), planSecs, SWEEPERS, deleted, batches, largest, entries,
        evidenceAfter - evidenceBefore, left, libSecs, libRate, plain, sqlSecs, sqlRate,
        Runtime.getRuntime().maxMemory() >> 20);
    return libRate / sqlRate;
  }

  // ---------------------------------------------------------------- plumbing

  private long scalar(String sql, Instant param) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
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

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
