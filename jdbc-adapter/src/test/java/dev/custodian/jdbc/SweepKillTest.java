package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepGroup;
import dev.custodian.spi.WorkQueue;
import dev.custodian.subject.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Kills a sweeping node with {@code kill -9} ({@link Process#destroyForcibly()}) at least 20 times
 * at seeded random moments of a sweep of more than 200,000 expired rows of six clients, some of
 * them under legal holds, on real PostgreSQL and MariaDB, resuming in a new JVM each time, and
 * checks that the evidence stays exact (R-EVID-1, R-RET-6, R-HOLD-2): no held row deleted, every
 * expired unheld row deleted, the chain intact, and per client and category the deleted counts in
 * the batch entries, in every summary and in the work queue equal the rows actually deleted, each
 * summary written once.
 *
 * <p>The child ({@link SweepKillChild}) names the moments a kill can land on (rows deleted but not
 * yet evidenced, batch staged but not committed, committed); the test kills it after a seeded
 * random number of them. A killed node's lease is then expired by hand, as time would do, so the
 * next node takes its unit over at once. Seed: {@code -Dcustodian.kill.seed=...} replays a run.
 */
class SweepKillTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final byte[] KEY = "a pseudonymisation key of 32+ bytes, for tests".getBytes(StandardCharsets.UTF_8);
  private static final int CLIENTS = 6;
  private static final int CALLS_PER_CLIENT = 40_000;
  private static final int SMS_OF_CLIENT_0 = 20_000;
  private static final int BATCH = 1000;
  private static final int KILLS = 20;
  private static final PhoneNumber HELD = PhoneNumber.of("+33 1 99 00 00 01");
  private static final Instant RANGE_FROM = NOW.minus(Duration.ofDays(420));
  private static final Instant RANGE_BEFORE = NOW.minus(Duration.ofDays(400));
  private static final List<CategoryId> CATEGORIES = List.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG);

  static HostDataMapping mapping() {
    return HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE).build())
        .table(TableMapping.builder(CategoryId.SMS_LOG).table("sms_log").id("sms_id")
            .client("account").time("sent_at").subject("sender", SubjectKind.PHONE).build())
        .build();
  }

  @Nested
  class OnPostgres extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgres();

    @Override
    TestDatabase db() {
      return db;
    }
  }

  @Nested
  class OnMariaDb extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
      return db;
    }
  }

  abstract static class Scenario {
    abstract TestDatabase db();

    @Test
    void killedTwentyTimesTheEvidenceStillEqualsWhatWasDeleted_R_EVID_1_R_RET_6_R_HOLD_2(
        @TempDir Path dir) throws Exception {
      long seed = Long.getLong("custodian.kill.seed", System.nanoTime());
      System.out.println("SweepKillTest " + db().dialect() + " seed=" + seed
          + " (replay with -Dcustodian.kill.seed=" + seed + ")");
      Random random = new Random(seed);
      createAndFill();
      DataSource ds = db().dataSource();
      Custodian setup = Custodian.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .stateStore(new JdbcStateStore(ds)).evidenceStore(new JdbcEvidenceStore(ds))
          .hostData(JdbcHostData.builder(ds, mapping()).build()).workQueue(new JdbcWorkQueue(ds))
          .pseudonymizationKey(KEY).build();
      ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
      for (int k = 0; k < 3; k++) {
        setup.holds().place(officer, client(k), Set.of(HELD), Set.of(), null, null, "order 2026-41");
      }
      setup.holds().place(officer, client(3), Set.of(), Set.of(CategoryId.CALL_LOG), RANGE_FROM,
          RANGE_BEFORE, "order 2026-42");

      Map<String, Long> before = countsByClientAndCategory();
      long total = before.values().stream().mapToLong(Long::longValue).sum();
      long heldBefore = countHeld();
      RetentionPlan plan = setup.retention().plan();
      assertThat(plan.deletable()).as("expired unheld rows").isGreaterThanOrEqualTo(200_000);
      assertThat(plan.held()).as("expired held rows").isGreaterThan(1000);
      assertThat(plan.groups()).as("clients swept together").isNotEmpty();
      assertThat(plan.entries().stream().filter(e -> e.category().equals(CategoryId.SMS_LOG)))
          .as("a client swept alone").hasSize(1);
      String planId = setup.retention().submit(plan);

      int kills = 0;
      int runs = 0;
      boolean finished = false;
      while (!finished) {
        long remaining = countAll() - (total - plan.deletable());
        long eventsLeft = 3 * (remaining / BATCH + 1);
        // Aim for a few more kills than needed; the last node runs to the end.
        int stillWanted = KILLS + 5 - kills;
        int killAfter = stillWanted <= 0 ? Integer.MAX_VALUE
            : 1 + random.nextInt((int) Math.max(1, 2 * eventsLeft / (stillWanted + 1)));
        Child child = Child.start(db(), dir.resolve("child-" + runs + ".log"), "node-" + runs);
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
            expireLeases();
            break;
          }
        }
      }
      System.out.println("SweepKillTest " + db().dialect() + ": " + kills + " kills in " + runs
          + " nodes, seed=" + seed);
      assertThat(kills).as("kills").isGreaterThanOrEqualTo(KILLS);

      // Duties: held rows kept, expired unheld rows gone, nothing else touched.
      Map<String, Long> after = countsByClientAndCategory();
      assertThat(countHeld()).as("held rows").isEqualTo(heldBefore);
      assertThat(countExpiredUnheld()).as("expired unheld rows left").isZero();
      assertThat(total - countAll()).as("rows deleted").isEqualTo(plan.deletable());

      // Evidence: intact, and exactly what was deleted, per client and category.
      ChainVerification v = EvidenceLog.verify(new JdbcEvidenceStore(ds), EvidenceKey.derivedFrom(KEY));
      assertThat(v.valid()).as(v.reason()).isTrue();
      Map<String, Long> actual = new TreeMap<>();
      before.forEach((key, n) -> {
        long gone = n - after.getOrDefault(key, 0L);
        if (gone > 0) {
          actual.put(key, gone);
        }
      });
      List<EvidenceEntry> all = readAll(ds);
      Map<String, Long> batches = new TreeMap<>();
      for (EvidenceEntry e : all) {
        if (e.action().equals("retention.sweep.batch") && e.client() != null) {
          long n = Long.parseLong(e.details().get("deleted"));
          if (n > 0) {
            batches.merge(e.client().value() + "/" + e.details().get("category"), n, Long::sum);
          }
        }
      }
      assertThat(batches).as("deleted per client in batch evidence").isEqualTo(actual);

      Map<String, Long> unitSummaries = new TreeMap<>();
      Map<String, Integer> unitSummaryCount = new HashMap<>();
      Map<String, Long> groupSummaries = new TreeMap<>();
      Map<String, Integer> groupSummaryCount = new HashMap<>();
      List<EvidenceEntry> finishedEntries = new ArrayList<>();
      for (EvidenceEntry e : all) {
        switch (e.action()) {
          case "retention.sweep.unit" -> {
            String key = e.client().value() + "/" + e.details().get("category");
            unitSummaries.merge(key, Long.parseLong(e.details().get("deleted")), Long::sum);
            unitSummaryCount.merge(key, 1, Integer::sum);
          }
          case "retention.sweep.group" -> {
            groupSummaries.merge(e.details().get("category"), Long.parseLong(e.details().get("deleted")),
                Long::sum);
            groupSummaryCount.merge(e.details().get("unit"), 1, Integer::sum);
          }
          case "retention.sweep.finished" -> finishedEntries.add(e);
          default -> { }
        }
      }
      // Clients swept alone: their unit summary, once, states exactly their deletions.
      assertThat(unitSummaryCount.values()).as("unit summaries written once").allMatch(n -> n == 1);
      unitSummaries.forEach((key, n) -> assertThat(n).as("unit summary of %s", key)
          .isEqualTo(actual.getOrDefault(key, 0L)));
      // Groups: one summary per group unit, adding up to the deletions of the group's clients.
      assertThat(groupSummaryCount.keySet()).as("group summaries")
          .containsExactlyInAnyOrderElementsOf(plan.groups().stream().map(SweepGroup::unit).toList());
      assertThat(groupSummaryCount.values()).as("group summaries written once").allMatch(n -> n == 1);
      Map<String, Long> grouped = new TreeMap<>();
      for (SweepGroup g : plan.groups()) {
        for (ClientId c : g.clients()) {
          grouped.putIfAbsent(c.value() + "/" + g.category().value(), 0L);
        }
      }
      Map<String, Long> groupedActual = new TreeMap<>();
      grouped.keySet().forEach(key -> groupedActual.merge(key.substring(key.indexOf('/') + 1),
          actual.getOrDefault(key, 0L), Long::sum));
      assertThat(groupSummaries).as("group summaries per category").isEqualTo(groupedActual);
      assertThat(unitSummaries.size() + grouped.size()).as("every client and category summarised")
          .isEqualTo(plan.entries().size());

      long actualTotal = actual.values().stream().mapToLong(Long::longValue).sum();
      assertThat(finishedEntries).as("one retention.sweep.finished").hasSize(1);
      assertThat(Long.parseLong(finishedEntries.get(0).details().get("deleted")))
          .as("finished summary").isEqualTo(actualTotal);
      List<WorkQueue.WorkUnit> units = new JdbcWorkQueue(ds).units(planId);
      assertThat(units).allMatch(WorkQueue.WorkUnit::done);
      assertThat(units.stream().mapToLong(WorkQueue.WorkUnit::processed).sum())
          .as("work queue totals").isEqualTo(actualTotal);
    }

    // ---- the host's tables ----

    private void createAndFill() {
      boolean pg = db().dialect() == Dialect.POSTGRESQL;
      String ts = pg ? "TIMESTAMP WITH TIME ZONE" : "DATETIME(6)";
      db().execute(
          "CREATE TABLE call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " started_at " + ts + " NOT NULL, caller VARCHAR(32))",
          "CREATE INDEX call_log_client_time ON call_log (client_id, started_at)",
          "CREATE INDEX call_log_caller ON call_log (caller)",
          "CREATE TABLE sms_log (sms_id VARCHAR(40) PRIMARY KEY, account VARCHAR(64) NOT NULL,"
              + " sent_at " + ts + " NOT NULL, sender VARCHAR(32))",
          "CREATE INDEX sms_log_client_time ON sms_log (account, sent_at)",
          "CREATE INDEX sms_log_sender ON sms_log (sender)");
      // Rows from 330 days back, one every 10 minutes per client: about 87% are older than a
      // year. One row in a hundred is a call of the held number; the rest are fictional numbers.
      String held = "'" + HELD.value() + "'";
      if (pg) {
        String at = "TIMESTAMPTZ '2026-03-01 10:00:00+00' - INTERVAL '330 days' - s * INTERVAL '600 seconds'";
        db().execute(
            "INSERT INTO call_log (id, client_id, started_at, caller) SELECT k * 1000000 + s,"
                + " 'client-' || k, " + at + " - k * INTERVAL '1 second',"
                + " CASE WHEN s % 100 = 0 THEN " + held + " ELSE '+3363998' || LPAD((s % 10000)::text, 4, '0') END"
                + " FROM generate_series(1, " + CALLS_PER_CLIENT + ") s, generate_series(0, "
                + (CLIENTS - 1) + ") k",
            "INSERT INTO sms_log (sms_id, account, sent_at, sender) SELECT 's-' || s, 'client-0', "
                + at + " + INTERVAL '7 seconds',"
                + " CASE WHEN s % 100 = 0 THEN " + held + " ELSE '+3363998' || LPAD((s % 10000)::text, 4, '0') END"
                + " FROM generate_series(1, " + SMS_OF_CLIENT_0 + ") s",
            "ANALYZE call_log", "ANALYZE sms_log");
      } else {
        String at = "TIMESTAMP '2026-03-01 10:00:00' - INTERVAL 330 DAY - INTERVAL (s.seq * 600) SECOND";
        db().execute(
            "INSERT INTO call_log (id, client_id, started_at, caller) SELECT k.seq * 1000000 + s.seq,"
                + " CONCAT('client-', k.seq), " + at + " - INTERVAL k.seq SECOND,"
                + " CASE WHEN s.seq % 100 = 0 THEN " + held
                + " ELSE CONCAT('+3363998', LPAD(s.seq % 10000, 4, '0')) END"
                + " FROM seq_1_to_" + CALLS_PER_CLIENT + " s CROSS JOIN seq_0_to_" + (CLIENTS - 1) + " k",
            "INSERT INTO sms_log (sms_id, account, sent_at, sender) SELECT CONCAT('s-', s.seq),"
                + " 'client-0', " + at + " + INTERVAL 7 SECOND,"
                + " CASE WHEN s.seq % 100 = 0 THEN " + held
                + " ELSE CONCAT('+3363998', LPAD(s.seq % 10000, 4, '0')) END"
                + " FROM seq_1_to_" + SMS_OF_CLIENT_0 + " s",
            "ANALYZE TABLE call_log", "ANALYZE TABLE sms_log");
      }
    }

    private static ClientId client(int k) {
      return ClientId.of("client-" + k);
    }

    private Map<String, Long> countsByClientAndCategory() throws SQLException {
      Map<String, Long> out = new TreeMap<>();
      query("SELECT client_id, COUNT(*) FROM call_log GROUP BY client_id", rs ->
          out.put(rs.getString(1) + "/" + CategoryId.CALL_LOG.value(), rs.getLong(2)));
      query("SELECT account, COUNT(*) FROM sms_log GROUP BY account", rs ->
          out.put(rs.getString(1) + "/" + CategoryId.SMS_LOG.value(), rs.getLong(2)));
      return out;
    }

    private long countAll() throws SQLException {
      return single("SELECT (SELECT COUNT(*) FROM call_log) + (SELECT COUNT(*) FROM sms_log)");
    }

    /** Rows the holds cover, expired or not: the subject hold of clients 0-2 and the range of 3. */
    private long countHeld() throws SQLException {
      return single("SELECT (SELECT COUNT(*) FROM call_log WHERE (client_id IN ('client-0',"
          + " 'client-1', 'client-2') AND caller = '" + HELD.value() + "') OR (client_id ="
          + " 'client-3' AND started_at >= " + literal(RANGE_FROM) + " AND started_at < "
          + literal(RANGE_BEFORE) + ")) + (SELECT COUNT(*) FROM sms_log WHERE sender = '"
          + HELD.value() + "')");
    }

    /** Unheld rows more than a year and two days old: whatever the plan's cut, expired. */
    private long countExpiredUnheld() throws SQLException {
      String old = literal(NOW.minus(Duration.ofDays(367)));
      return single("SELECT (SELECT COUNT(*) FROM call_log WHERE started_at < " + old
          + " AND NOT ((client_id IN ('client-0', 'client-1', 'client-2') AND caller = '"
          + HELD.value() + "') OR (client_id = 'client-3' AND started_at >= " + literal(RANGE_FROM)
          + " AND started_at < " + literal(RANGE_BEFORE) + "))) + (SELECT COUNT(*) FROM sms_log"
          + " WHERE sent_at < " + old + " AND sender <> '" + HELD.value() + "')");
    }

    private String literal(Instant at) {
      LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
      return db().dialect() == Dialect.POSTGRESQL ? "TIMESTAMPTZ '" + t + "+00'" : "TIMESTAMP '" + t.toString().replace('T', ' ') + "'";
    }

    /** The dead node's lease expires now, as it would by waiting for it. */
    private void expireLeases() {
      db().execute("UPDATE custodian_work_unit SET lease_until = NULL WHERE done = "
          + (db().dialect() == Dialect.POSTGRESQL ? "FALSE" : "0"));
    }

    private long single(String sql) throws SQLException {
      long[] out = new long[1];
      query(sql, rs -> out[0] = rs.getLong(1));
      return out[0];
    }

    private interface Row {
      void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    }

    private static List<EvidenceEntry> readAll(DataSource ds) {
      JdbcEvidenceStore store = new JdbcEvidenceStore(ds);
      List<EvidenceEntry> all = new ArrayList<>();
      for (long from = 1; ; ) {
        List<EvidenceEntry> page = store.readAll(from, 1000);
        if (page.isEmpty()) {
          return all;
        }
        all.addAll(page);
        from = page.get(page.size() - 1).sequence() + 1;
      }
    }
  }

  /** A child JVM running {@link SweepKillChild}, its output read line by line on a thread of its own. */
  private static final class Child {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean sawFinished;

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException killed) {
          // the process died mid-line
        }
        lines.add(EOF);
      }, "sweep-kill-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(TestDatabase db, Path log, String node) throws IOException {
      String classpath = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-cp", classpath, SweepKillChild.class.getName(),
          db.dialect().name(), url(db.dataSource()), Integer.toString(BATCH), node))
          .redirectError(log.toFile()).start();
      return new Child(p, log);
    }

    private static String url(DataSource ds) {
      if (ds instanceof PGSimpleDataSource pg) {
        return pg.getURL();
      }
      if (ds instanceof MariaDbDataSource maria) {
        return maria.getUrl();
      }
      throw new IllegalArgumentException("no URL for " + ds.getClass());
    }

    /** The next line the child printed, or null once it has exited. */
    String next() throws InterruptedException {
      String line = lines.poll(180, TimeUnit.SECONDS);
      if (line == null) {
        process.destroyForcibly();
        throw new AssertionError("the child printed nothing for 180 s; log:\n" + log());
      }
      if (line.equals("FINISHED")) {
        sawFinished = true;
      }
      return line.equals(EOF) ? null : line;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("killed child did not exit");
      }
    }

    int exitCode() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("child did not exit");
      }
      return process.exitValue();
    }

    String log() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }
}
