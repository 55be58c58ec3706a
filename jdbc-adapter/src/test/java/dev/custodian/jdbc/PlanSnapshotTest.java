package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.PlanEntry;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.testing.ForwardingHostData;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plan made while another node deletes records (R-RET-5): the counts of one plan entry come from
 * one snapshot, so the held count is the number of records the holds spare, not inflated by rows
 * another node deleted between the planner's counts (the 5,055-for-4,786 of issue 16, finding 8).
 */
class PlanSnapshotTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final PhoneNumber HELD = PhoneNumber.of("+33 1 99 00 00 07");
  private static final int ROWS = 2000;
  private static final int DELETED_MEANWHILE = 300;

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
    void anEntrysCountsAgreeWhileAnotherNodeDeletes_R_RET_5() {
      boolean pg = db().dialect() == Dialect.POSTGRESQL;
      db().execute(
          "CREATE TABLE call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " started_at " + (pg ? "TIMESTAMP WITH TIME ZONE" : "DATETIME(6)") + " NOT NULL,"
              + " caller VARCHAR(32))",
          "CREATE INDEX call_log_client_time ON call_log (client_id, started_at)",
          pg ? "INSERT INTO call_log SELECT s, 'client-0', TIMESTAMPTZ '2024-06-01 00:00:00+00'"
              + " - s * INTERVAL '1 minute', CASE WHEN s % 100 = 0 THEN '" + HELD.value()
              + "' ELSE '+33639980000' END FROM generate_series(1, " + ROWS + ") s"
              : "INSERT INTO call_log SELECT seq, 'client-0', TIMESTAMP '2024-06-01 00:00:00'"
              + " - INTERVAL seq MINUTE, CASE WHEN seq % 100 = 0 THEN '" + HELD.value()
              + "' ELSE '+33639980000' END FROM seq_1_to_" + ROWS);
      DataSource ds = db().dataSource();
      HostDataMapping mapping = HostDataMapping.builder()
          .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
              .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE).build())
          .build();
      HostData hostData = new SweepingMeanwhile(JdbcHostData.builder(ds, mapping).build(), ds);
      Custodian custodian = Custodian.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .stateStore(new JdbcStateStore(ds)).evidenceStore(new JdbcEvidenceStore(ds))
          .hostData(hostData).workQueue(new JdbcWorkQueue(ds))
          .transactions(new JdbcTransactions(ds))
          .pseudonymizationKey("a pseudonymisation key of 32+ bytes, for tests".getBytes())
          .build();
      custodian.holds().place(ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER),
          ClientId.of("client-0"), Set.of(HELD), Set.of(), null, null, "order 2026-51");

      PlanEntry entry = custodian.retention().plan(dev.custodian.client.SystemPrincipal.INSTANCE, ClientId.of("client-0"), CategoryId.CALL_LOG);

      assertThat(((SweepingMeanwhile) hostData).swept).as("another node deleted meanwhile").isTrue();
      assertThat(entry.matched()).as("matched").isEqualTo(ROWS);
      assertThat(entry.held()).as("held").isEqualTo(ROWS / 100);
      assertThat(entry.heldByHold().values()).as("held by the hold").containsExactly((long) ROWS / 100);
      assertThat(entry.deletable()).as("deletable").isEqualTo(ROWS - ROWS / 100);
    }
  }

  /**
   * Host data whose first count is followed, before the planner's next count, by another node
   * deleting unheld records in a transaction of its own.
   */
  static final class SweepingMeanwhile implements ForwardingHostData {
    private final HostData delegate;
    private final DataSource ds;
    final AtomicBoolean swept = new AtomicBoolean();

    SweepingMeanwhile(HostData delegate, DataSource ds) {
      this.delegate = delegate;
      this.ds = ds;
    }

    @Override
    public HostData delegate() {
      return delegate;
    }

    @Override
    public long count(RecordSelection selection) {
      long n = delegate.count(selection);
      if (swept.compareAndSet(false, true)) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM call_log WHERE id % 100 <> 0 AND id <= " + (DELETED_MEANWHILE + 3));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      return n;
    }
  }
}
