package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.retention.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.WorkQueue;
import dev.custodian.spi.WorkQueue.WorkClaim;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.Pseudonymizer;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four application nodes sweep the same tables at once (R-RET-6): each node has its own stores
 * over the shared database, shares the job's units through {@link JdbcWorkQueue}, and deletes only
 * through {@link DeletionGate}, which spares held records (R-HOLD-2) and writes evidence per batch.
 * One more node claims a unit, deletes one batch and "crashes" (its lease runs out): the others
 * take the unit over. The totals must add up exactly, with no held row gone and no deadlock.
 */
class MultiNodeSweepTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant CUTOFF = NOW.minus(Duration.ofDays(365));
  private static final int CLIENTS = 8;
  private static final int ROWS_PER_CLIENT_AND_TABLE = 500;
  private static final int BATCH = 40;
  private static final PhoneNumber HELD = PhoneNumber.of("+33 1 99 00 00 01");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] KEY = "a pseudonymisation key of 32+ bytes, for tests".getBytes();

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

  /** One application node: its own stores and services over the shared database. */
  record Node(String name, JdbcHostData hostData, DeletionGate gate, WorkQueue queue) {
    static Node start(String name, TestDatabase db) {
      JdbcStateStore state = new JdbcStateStore(db.dataSource());
      EvidenceLog evidence = new EvidenceLog(new JdbcEvidenceStore(db.dataSource()), CLOCK);
      HoldService holds = new HoldService(state, evidence, new Pseudonymizer(KEY), CLOCK);
      JdbcHostData host = JdbcHostData.builder(db.dataSource(), mapping()).build();
      return new Node(name, host, new DeletionGate(host, holds, evidence),
          new JdbcWorkQueue(db.dataSource()));
    }
  }

  static HostDataMapping mapping() {
    return HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
            .subject("callee", SubjectKind.PHONE).build())
        .table(TableMapping.builder(CategoryId.SMS_LOG).table("sms_log").id("sms_id")
            .client("account").time("sent_at").subject("sender", SubjectKind.PHONE).build())
        .build();
  }

  abstract static class Scenario {
    abstract TestDatabase db();

    private void createAndFill() throws SQLException {
      String ts = db().dialect() == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
      db().execute(
          "CREATE TABLE call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " started_at " + ts + " NOT NULL, caller VARCHAR(32), callee VARCHAR(32))",
          "CREATE INDEX call_log_client_time ON call_log (client_id, started_at)",
          "CREATE TABLE sms_log (sms_id VARCHAR(40) PRIMARY KEY, account VARCHAR(64) NOT NULL,"
              + " sent_at " + ts + " NOT NULL, sender VARCHAR(32))",
          "CREATE INDEX sms_log_client_time ON sms_log (account, sent_at)");
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement call = c.prepareStatement(
               "INSERT INTO call_log (id, client_id, started_at, caller, callee) VALUES (?, ?, ?, ?, ?)");
           PreparedStatement sms = c.prepareStatement(
               "INSERT INTO sms_log (sms_id, account, sent_at, sender) VALUES (?, ?, ?, ?)")) {
        c.setAutoCommit(false);
        long id = 1;
        for (int k = 0; k < CLIENTS; k++) {
          for (int i = 0; i < ROWS_PER_CLIENT_AND_TABLE; i++, id++) {
            Instant at = NOW.minus(Duration.ofHours(35L * i + k));
            String caller = i % 10 == 0 ? HELD.value() : String.format("+3319900%04d", i % 997);
            call.setLong(1, id);
            call.setString(2, client(k).value());
            time(call, 3, at);
            call.setString(4, caller);
            call.setString(5, String.format("+3363998%04d", i % 500));
            call.addBatch();
            sms.setString(1, "s-" + id);
            sms.setString(2, client(k).value());
            time(sms, 3, at.plusSeconds(7));
            sms.setString(4, caller);
            sms.addBatch();
          }
          call.executeBatch();
          sms.executeBatch();
        }
        c.commit();
      }
    }

    private void time(PreparedStatement ps, int i, Instant at) throws SQLException {
      if (db().dialect() == Dialect.MARIADB) {
        ps.setObject(i, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      } else {
        ps.setObject(i, at.atOffset(ZoneOffset.UTC));
      }
    }

    static ClientId client(int k) {
      return ClientId.of("client-" + k);
    }

    static RecordSelection expired(String unit) {
      String[] parts = unit.split("/");
      return RecordSelection.all(ClientId.of(parts[0]), CategoryId.of(parts[1]))
          .withWindow(null, CUTOFF);
    }

    @Test
    void fourNodesDeleteEveryExpiredUnheldRecordExactlyOnce_R_RET_6_R_HOLD_2() throws Exception {
      createAndFill();
      ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
      Node setup = Node.start("setup", db());
      HoldService holds = new HoldService(new JdbcStateStore(db().dataSource()),
          new EvidenceLog(new JdbcEvidenceStore(db().dataSource()), CLOCK), new Pseudonymizer(KEY),
          CLOCK);
      // A subject hold on half the clients, a time-range hold on one more.
      for (int k = 0; k < CLIENTS / 2; k++) {
        holds.place(officer, client(k), Set.of(HELD), Set.of(), null, null, "order 2026-17");
      }
      holds.place(officer, client(6), Set.of(), Set.of(CategoryId.SMS_LOG),
          NOW.minus(Duration.ofDays(500)), NOW.minus(Duration.ofDays(450)), "order 2026-18");

      List<String> units = new ArrayList<>();
      long expected = 0;
      long held = 0;
      for (int k = 0; k < CLIENTS; k++) {
        for (CategoryId cat : List.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG)) {
          String unit = client(k).value() + "/" + cat.value();
          units.add(unit);
          expected += setup.hostData().count(setup.gate().sparingHolds(expired(unit)));
          held += setup.gate().countHeld(expired(unit));
        }
      }
      long total = countRows();
      assertThat(expected).isGreaterThan(1000);
      assertThat(held).isGreaterThan(50);
      Set<String> heldIds = heldIds(setup, units);
      assertThat(heldIds).hasSize((int) held);

      String job = "sweep-" + UUID.randomUUID();
      setup.queue().enqueue(job, units);

      AtomicLong deleted = new AtomicLong();
      AtomicLong batches = new AtomicLong();
      // A node that takes a unit, deletes one batch and dies: its lease (zero) is already over.
      Node crashed = Node.start("node-crashed", db());
      WorkClaim lost = crashed.queue().claim(job, crashed.name(), Duration.ZERO).orElseThrow();
      DeletionBatch first = crashed.gate().deleteBatch(expired(lost.unitId()), lost.cursor(), BATCH,
          "system", "retention.sweep.batch", "test-rule");
      deleted.addAndGet(first.deleted());
      batches.incrementAndGet();
      assertThat(crashed.queue().checkpoint(lost, first.nextKey(), first.deleted(), Duration.ZERO))
          .isFalse();

      int nodes = 4;
      ExecutorService pool = Executors.newFixedThreadPool(nodes);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> futures = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        Node node = Node.start("node-" + n, db());
        futures.add(pool.submit(() -> {
          start.await();
          return sweep(node, job, deleted, batches);
        }));
      }
      start.countDown();
      long done = 0;
      for (Future<Long> f : futures) {
        done += f.get(300, TimeUnit.SECONDS); // an exception here (a deadlock...) fails the test
      }
      pool.shutdown();

      assertThat(done).as("units completed").isEqualTo(units.size());
      assertThat(deleted.get()).as("records deleted by all nodes").isEqualTo(expected);
      assertThat(countRows()).isEqualTo(total - expected);
      for (String unit : units) {
        assertThat(setup.hostData().count(setup.gate().sparingHolds(expired(unit))))
            .as("expired unheld left in " + unit).isZero();
      }
      assertThat(heldIds(setup, units)).as("held records").isEqualTo(heldIds);
      assertThat(setup.queue().units(job)).allSatisfy(u -> assertThat(u.done()).isTrue());

      EvidenceLog evidence = new EvidenceLog(new JdbcEvidenceStore(db().dataSource()), CLOCK);
      ChainVerification v = evidence.verify();
      assertThat(v.valid()).as(v.reason()).isTrue();
      List<EvidenceEntry> sweepEntries = new ArrayList<>();
      for (long from = 1; ; ) {
        List<EvidenceEntry> page = new JdbcEvidenceStore(db().dataSource()).readAll(from, 500);
        if (page.isEmpty()) {
          break;
        }
        page.stream().filter(e -> e.action().equals("retention.sweep.batch")).forEach(sweepEntries::add);
        from = page.get(page.size() - 1).sequence() + 1;
      }
      assertThat(sweepEntries).as("one evidence entry per batch").hasSize((int) batches.get());
      assertThat(sweepEntries.stream().mapToLong(e -> Long.parseLong(e.details().get("deleted"))).sum())
          .as("evidence adds up").isEqualTo(expected);
    }

    /** The sweeper loop of one node; returns how many units it completed. */
    private long sweep(Node node, String job, AtomicLong deleted, AtomicLong batches) {
      long completed = 0;
      Duration lease = Duration.ofMinutes(5);
      Optional<WorkClaim> next;
      while ((next = node.queue().claim(job, node.name(), lease)).isPresent()) {
        WorkClaim claim = next.get();
        String key = claim.cursor();
        long processed = claim.processed();
        DeletionBatch batch;
        do {
          batch = node.gate().deleteBatch(expired(claim.unitId()), key, BATCH, "system",
              "retention.sweep.batch", "test-rule");
          deleted.addAndGet(batch.deleted());
          batches.incrementAndGet();
          key = batch.nextKey();
          processed += batch.deleted();
          if (!batch.exhausted()) {
            assertThat(node.queue().checkpoint(claim, key, processed, lease)).isTrue();
          }
        } while (!batch.exhausted());
        assertThat(node.queue().complete(claim, key, processed)).isTrue();
        completed++;
      }
      return completed;
    }

    private long countRows() throws SQLException {
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement ps = c.prepareStatement(
               "SELECT (SELECT COUNT(*) FROM call_log) + (SELECT COUNT(*) FROM sms_log)");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private static Set<String> heldIds(Node node, List<String> units) {
      Set<String> ids = new HashSet<>();
      for (String unit : units) {
        RecordSelection all = expired(unit);
        RecordSelection spared = node.gate().sparingHolds(all);
        node.hostData().stream(all.client(), all.category(), r -> {
          if (r.time().isBefore(CUTOFF) && !spared.matches(r)) {
            ids.add(r.category() + "/" + r.id());
          }
        });
      }
      return ids;
    }
  }
}
