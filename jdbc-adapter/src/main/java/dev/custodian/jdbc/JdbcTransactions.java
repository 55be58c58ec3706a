package dev.custodian.jdbc;

import dev.custodian.spi.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link Transactions} on one {@link DataSource}: a unit binds one connection to the current thread,
 * and every JDBC store of this adapter built on the same data source ({@link JdbcHostData}, {@link
 * JdbcEvidenceStore}, {@link JdbcWorkQueue}, {@link JdbcStateStore}) runs its statements on that
 * connection, inside one READ COMMITTED transaction that commits once when the unit ends. A sweep
 * batch's DELETE, its evidence entries and its checkpoint are then one commit.
 *
 * <p>A unit that loses a deadlock or serialization race (SQLState class 40, MariaDB errors 1213 and
 * 1205) or whose lock wait the database gave up on is rolled back and run again from the start, up
 * to 8 times in all; any other failure rolls
 * it back and is thrown. Nested units on the same data source join the outer one. Two instances are
 * equal when they use the same data source (by identity), which is how {@link
 * Transactions#shared} recognises stores of one database. Thread-safe.
 */
public final class JdbcTransactions implements Transactions {
  private static final int ATTEMPTS = 8;
  private static final ThreadLocal<Map<DataSource, Connection>> BOUND =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private final DataSource dataSource;
  private final SqlDialect dialect;

  /** Units on {@code dataSource}, its dialect detected. */
  public JdbcTransactions(DataSource dataSource) {
    this(dataSource, Dialect.detect(dataSource));
  }

  /** Units on {@code dataSource} in {@code dialect}. */
  public JdbcTransactions(DataSource dataSource, Dialect dialect) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect").sql();
  }

  /** The connection of the unit under way on this thread for {@code dataSource}, or null. */
  static Connection bound(DataSource dataSource) {
    return BOUND.get().get(dataSource);
  }

  @Override
  public boolean atomic() {
    return true;
  }

  @Override
  public <T> T inOneTransaction(Supplier<T> work) {
    return unit(work, Connection.TRANSACTION_READ_COMMITTED);
  }

  /** One REPEATABLE READ transaction: every read of {@code reads} sees the same snapshot. */
  @Override
  public <T> T inOneSnapshot(Supplier<T> reads) {
    return unit(reads, Connection.TRANSACTION_REPEATABLE_READ);
  }

  private <T> T unit(Supplier<T> work, int wanted) {
    Objects.requireNonNull(work, "work");
    if (bound(dataSource) != null) {
      return work.get();
    }
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return once(work, wanted);
      } catch (RuntimeException e) {
        if (!transient_(e)) {
          throw e;
        }
        last = e;
      }
    }
    throw new CustodianJdbcException(
        "transaction lost " + ATTEMPTS + " deadlock or serialization races in a row", last);
  }

  private <T> T once(Supplier<T> work, int wanted) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw CustodianJdbcException.of("database call failed", e);
    }
    boolean autoCommit = true;
    int isolation = wanted;
    try {
      autoCommit = c.getAutoCommit();
      // As in Jdbc.transaction: PostgreSQL and H2 are taken to be at READ COMMITTED (asking costs a
      // round trip on some drivers); MariaDB/MySQL, and any snapshot unit, ask, switch, restore.
      isolation = !dialect.readCommittedByDefault() || wanted != Connection.TRANSACTION_READ_COMMITTED
          ? c.getTransactionIsolation() : Connection.TRANSACTION_READ_COMMITTED;
      c.setAutoCommit(false);
      if (isolation != wanted) {
        c.setTransactionIsolation(wanted);
      }
      BOUND.get().put(dataSource, c);
      T result;
      try {
        result = work.get();
      } finally {
        BOUND.get().remove(dataSource);
      }
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw CustodianJdbcException.of("database call failed", (SQLException) e);
    } finally {
      try {
        if (isolation != wanted) {
          c.setTransactionIsolation(isolation);
        }
        c.setAutoCommit(autoCommit);
      } catch (SQLException ignored) {
        // The connection is closed next; a pool resets or discards it.
      }
      try {
        c.close();
      } catch (SQLException ignored) {
        // Nothing left to undo: the unit committed or rolled back.
      }
    }
  }

  private static boolean transient_(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && (Jdbc.isTransient(s) || JdbcEvidenceStore.isLockTimeout(s))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcTransactions other && other.dataSource == dataSource;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(dataSource);
  }
}
