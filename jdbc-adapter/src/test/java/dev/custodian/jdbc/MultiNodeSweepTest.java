package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.SweepReport;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.testing.ForwardingHostData;
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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four application nodes run the retention sweep of one stored plan on the same tables at once
 * (R-RET-6): each node is a {@link Custodian} with its own JDBC stores over the shared database;
 * they share the plan's units through {@link JdbcWorkQueue} and delete only through the deletion
 * gate, which spares held records (R-HOLD-2) and writes evidence per batch. The totals must add up
 * exactly, with no held row gone and no deadlock error.
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

  /** One application node: its own Custodian over the shared database. */
  static Custodian node(String name, TestDatabase db) {
    return node(name, db, null);
  }

  /**
   * A node whose first deletion waits until {@code rendezvous} is down to zero, so that every node
   * has claimed a unit before any deletes: the nodes really overlap, whatever the machine's speed.
   */
  static Custodian node(String name, TestDatabase db, CountDownLatch rendezvous) {
    HostData hostData = JdbcHostData.builder(db.dataSource(), mapping()).build();
    return Custodian.builder().clock(CLOCK)
        .stateStore(new JdbcStateStore(db.dataSource()))
        .evidenceStore(new JdbcEvidenceStore(db.dataSource()))
        .hostData(rendezvous == null ? hostData : new Rendezvous(hostData, rendezvous))
        .workQueue(new JdbcWorkQueue(db.dataSource()))
        .sweepOptions(SweepOptions.defaults().withBatchSize(BATCH).withNode(name)
            .withLease(Duration.ofMinutes(5)))
        .pseudonymizationKey(KEY)
        .build();
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

    @Test
    void fourNodesDeleteEveryExpiredUnheldRecordExactlyOnce_R_RET_6_R_HOLD_2() throws Exception {
      createAndFill();
      ProcessorPrincipal officer = ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
      Custodian setup = node("setup", db());
      // A subject hold on half the clients, a time-range hold on one more.
      for (int k = 0; k < CLIENTS / 2; k++) {
        setup.holds().place(officer, client(k), Set.of(HELD), Set.of(), null, null, "order 2026-17");
      }
      setup.holds().place(officer, client(6), Set.of(), Set.of(CategoryId.SMS_LOG),
          NOW.minus(Duration.ofDays(500)), NOW.minus(Duration.ofDays(450)), "order 2026-18");

      RetentionPlan plan = setup.retention().plan();
      long expected = plan.deletable();
      long total = countRows();
      assertThat(plan.entries()).hasSize(CLIENTS * 2);
      // Clients sharing a cutoff are swept together, in time slices: the group path is under test.
      assertThat(plan.groups()).as("group units").hasSizeGreaterThanOrEqualTo(nodesCount());
      assertThat(expected).isGreaterThan(1000);
      assertThat(plan.held()).isGreaterThan(50);
      // Whatever the plan's exact cut-off, records two days older than a year are expired.
      Set<String> expiredIds = ids(setup, r -> r.time().isBefore(CUTOFF.minus(Duration.ofDays(2))));
      Set<String> heldIds = heldIds(setup);
      assertThat(heldIds).hasSize((int) plan.held());
      String planId = setup.retention().submit(plan);

      int nodes = nodesCount();
      ExecutorService pool = Executors.newFixedThreadPool(nodes);
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch rendezvous = new CountDownLatch(nodes);
      List<Future<SweepReport>> futures = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        Custodian node = node("node-" + n, db(), rendezvous);
        futures.add(pool.submit(() -> {
          start.await();
          return node.retention().resume(planId);
        }));
      }
      start.countDown();
      long deleted = 0;
      int units = 0;
      for (Future<SweepReport> f : futures) {
        SweepReport r = f.get(300, TimeUnit.SECONDS); // an exception here (a deadlock...) fails
        assertThat(r.unitsCompleted()).as("every node took part").isPositive();
        deleted += r.deleted();
        units += r.unitsCompleted();
      }
      pool.shutdown();

      assertThat(units).as("units completed").isEqualTo(plan.units().size());
      assertThat(deleted).as("records deleted by all nodes").isEqualTo(expected);
      assertThat(countRows()).isEqualTo(total - expected);
      assertThat(heldIds(setup)).as("held records").isEqualTo(heldIds);
      Set<String> left = ids(setup, r -> true);
      assertThat(left).containsAll(heldIds);
      assertThat(expiredIds.stream().filter(left::contains).toList())
          .as("expired records left").allMatch(heldIds::contains);
      assertThat(new JdbcWorkQueue(db().dataSource()).units(planId))
          .allSatisfy(u -> assertThat(u.done()).isTrue());

      ChainVerification v = setup.evidence().verify();
      assertThat(v.valid()).as(v.reason()).isTrue();
      List<EvidenceEntry> batches = new ArrayList<>();
      JdbcEvidenceStore store = new JdbcEvidenceStore(db().dataSource());
      for (long from = 1; ; ) {
        List<EvidenceEntry> page = store.readAll(from, 500);
        if (page.isEmpty()) {
          break;
        }
        page.stream().filter(e -> e.action().equals("retention.sweep.batch")).forEach(batches::add);
        from = page.get(page.size() - 1).sequence() + 1;
      }
      assertThat(batches).as("one evidence entry per batch")
          .hasSizeGreaterThanOrEqualTo((int) (expected / BATCH));
      assertThat(batches.stream().mapToLong(e -> Long.parseLong(e.details().get("deleted"))).sum())
          .as("evidence adds up").isEqualTo(expected);
    }

    private static int nodesCount() {
      return 4;
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

    /** The ids of records that active holds spare among the expired ones. */
    private static Set<String> heldIds(Custodian node) {
      Set<String> ids = new HashSet<>();
      for (int k = 0; k < CLIENTS; k++) {
        for (CategoryId cat : List.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG)) {
          RecordSelection all = RecordSelection.all(client(k), cat);
          RecordSelection spared = node.deletionGate().sparingHolds(all);
          node.hostData().stream(client(k), cat, r -> {
            if (r.time().isBefore(CUTOFF) && !spared.matches(r)) {
              ids.add(r.category() + "/" + r.id());
            }
          });
        }
      }
      return ids;
    }

    private static Set<String> ids(Custodian node, Predicate<HostRecord> which) {
      Set<String> ids = new HashSet<>();
      for (int k = 0; k < CLIENTS; k++) {
        for (CategoryId cat : List.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG)) {
          node.hostData().stream(client(k), cat, r -> {
            if (which.test(r)) {
              ids.add(r.category() + "/" + r.id());
            }
          });
        }
      }
      return ids;
    }
  }

  /** Delegates to the host data; the first deletion of a node waits for every node to arrive. */
  static final class Rendezvous implements ForwardingHostData {
    private final HostData delegate;
    private final CountDownLatch arrived;
    private final AtomicBoolean waited = new AtomicBoolean();

    Rendezvous(HostData delegate, CountDownLatch arrived) {
      this.delegate = delegate;
      this.arrived = arrived;
    }

    @Override
    public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
      arrive();
      return delegate.deleteBatch(selection, afterKey, limit);
    }

    @Override
    public GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit) {
      arrive();
      return delegate.deleteGroupBatch(selection, afterKey, limit);
    }

    private void arrive() {
      if (waited.compareAndSet(false, true)) {
        arrived.countDown();
        try {
          if (!arrived.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every node claimed a unit within 120 s");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public HostData delegate() {
      return delegate;
    }
  }
}
