package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JdbcTransactions}: the JDBC stores on one data source join a unit of work, which commits
 * their effects together or not at all (R-EVID-1: no deletion without its evidence and checkpoint).
 */
class JdbcTransactionsTest {

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

  @Nested
  class OnH2 extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.h2();

    @Override
    TestDatabase db() {
      return db;
    }
  }

  abstract static class Scenario {
    abstract TestDatabase db();

    @Test
    void storesOnOneDataSourceShareTheirTransactions() {
      JdbcWorkQueue queue = new JdbcWorkQueue(db().dataSource());
      JdbcStateStore state = new JdbcStateStore(db().dataSource());
      assertThat(Transactions.shared(queue, state)).isEqualTo(new JdbcTransactions(db().dataSource()))
          .matches(Transactions::atomic);
      JdbcDataSource other = new JdbcDataSource();
      other.setURL("jdbc:h2:mem:other-" + System.nanoTime());
      assertThat(Transactions.shared(queue, new JdbcWorkQueue(other, Dialect.H2,
          JdbcWorkQueue.ClaimStrategy.OPTIMISTIC))).isEqualTo(Transactions.none());
      assertThat(Transactions.shared(queue, new Object())).isEqualTo(Transactions.none());
    }

    @Test
    void aUnitCommitsEveryStoresWritesTogetherOrNoneOfThem_R_EVID_1() throws SQLException {
      JdbcTransactions tx = new JdbcTransactions(db().dataSource());
      JdbcWorkQueue queue = new JdbcWorkQueue(db().dataSource());
      queue.enqueue("job-t", List.of("u1"));
      WorkQueue.WorkClaim claim = queue.claim("job-t", "node-1", Duration.ofMinutes(5)).orElseThrow();
      db().execute("CREATE TABLE IF NOT EXISTS host_row (id INT PRIMARY KEY)",
          "INSERT INTO host_row (id) VALUES (1), (2)");

      assertThatThrownBy(() -> tx.inOneTransaction(() -> {
        deleteHostRow(1);
        assertThat(queue.checkpoint(claim, "after-1", 1, Duration.ofMinutes(5))).isTrue();
        throw new IllegalStateException("node dies before the commit");
      })).hasMessageContaining("node dies");
      assertThat(hostRows()).as("deletion rolled back").isEqualTo(2);
      assertThat(queue.units("job-t").get(0).processed()).as("checkpoint rolled back").isZero();

      tx.inOneTransaction(() -> {
        deleteHostRow(1);
        // A nested unit joins the outer one: nothing is committed before the outer ends.
        tx.inOneTransaction(() -> queue.checkpoint(claim, "after-1", 1, Duration.ofMinutes(5)));
        return null;
      });
      assertThat(hostRows()).isEqualTo(1);
      assertThat(queue.units("job-t").get(0).processed()).isEqualTo(1);
    }

    private void deleteHostRow(int id) {
      try (PreparedStatement ps = JdbcTransactions.bound(db().dataSource())
          .prepareStatement("DELETE FROM host_row WHERE id = ?")) {
        ps.setInt(1, id);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    private long hostRows() throws SQLException {
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM host_row");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
