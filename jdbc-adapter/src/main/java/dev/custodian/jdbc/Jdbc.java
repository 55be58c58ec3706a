package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Connections and transactions on a {@link DataSource}; the one place that handles JDBC chores.
 *
 * <p>Inside a {@link JdbcTransactions#inOneTransaction} unit on the same data source, every call
 * joins the unit's connection: no connection of its own, no commit, no retry (the unit commits once
 * and retries as a whole).
 */
final class Jdbc {
  /** How many times a transaction that lost a deadlock or serialization race is tried in all. */
  private static final int ATTEMPTS = 8;

  private final DataSource dataSource;
  private final SqlDialect dialect;

  Jdbc(DataSource dataSource, Dialect dialect) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect").sql();
  }

  SqlDialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** True inside a {@link JdbcTransactions} unit on this data source (calls join it). */
  boolean joined() {
    return JdbcTransactions.bound(dataSource) != null;
  }

  /** The units of work this data source's stores join. */
  JdbcTransactions transactions() {
    return new JdbcTransactions(dataSource, dialect.dialect());
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a connection in auto-commit mode (one statement, one transaction). */
  <T> T autoCommit(Work<T> work) {
    Connection joined = JdbcTransactions.bound(dataSource);
    if (joined != null) {
      try {
        return work.run(joined);
      } catch (SQLException e) {
        throw CustodianJdbcException.of("database call failed", e);
      }
    }
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw CustodianJdbcException.of("database call failed", e);
    }
  }

  /**
   * Runs {@code work} in one transaction (READ COMMITTED, the default of PostgreSQL and H2, set
   * explicitly on MariaDB/MySQL) and commits it; rolls back on any failure.
   * A transaction that loses a deadlock or a serialization race is run again from the start (so
   * {@code work} must be repeatable); other failures are thrown at once.
   */
  <T> T transaction(Work<T> work) {
    return transaction(work, ATTEMPTS);
  }

  /**
   * Like {@link #transaction(Work)} but never runs {@code work} twice: for work with effects
   * outside the database (streaming rows to a caller's sink).
   */
  <T> T transactionOnce(Work<T> work) {
    return transaction(work, 1);
  }

  /**
   * Like {@link #transaction(Work)}, and inside a joined unit the work's effects are undone (to a
   * savepoint) when it throws, so the caller can try something else in the same unit.
   */
  <T> T undoableTransaction(Work<T> work) {
    Connection joined = JdbcTransactions.bound(dataSource);
    if (joined == null) {
      return transaction(work, ATTEMPTS);
    }
    try {
      java.sql.Savepoint point = joined.setSavepoint();
      try {
        T result = work.run(joined);
        joined.releaseSavepoint(point);
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          joined.rollback(point);
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw CustodianJdbcException.of("database call failed", e);
    }
  }

  private <T> T transaction(Work<T> work, int attempts) {
    Connection joined = JdbcTransactions.bound(dataSource);
    if (joined != null) {
      try {
        return work.run(joined);
      } catch (SQLException e) {
        throw CustodianJdbcException.of("database call failed", e);
      }
    }
    SQLException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        // PostgreSQL and H2 run READ COMMITTED unless told otherwise; asking costs a round trip
        // per call on some drivers, so only MariaDB/MySQL (REPEATABLE READ by default, whose gap
        // locks would make concurrent claims and deletions block each other) is switched.
        int isolation = dialect.readCommittedByDefault() ? Connection.TRANSACTION_READ_COMMITTED
            : c.getTransactionIsolation();
        try {
          c.setAutoCommit(false);
          if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          }
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c, e);
          throw e;
        } finally {
          restore(c, autoCommit, isolation);
        }
      } catch (SQLException e) {
        if (!isTransient(e) || attempts == 1) {
          throw CustodianJdbcException.of("database call failed", e);
        }
        last = e;
      }
    }
    throw CustodianJdbcException.of(
        "transaction lost " + attempts + " deadlock or serialization races in a row", last);
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  private static void restore(Connection c, boolean autoCommit, int isolation) {
    try {
      if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
        c.setTransactionIsolation(isolation);
      }
      c.setAutoCommit(autoCommit);
    } catch (SQLException ignored) {
      // The connection is closed next; a pool resets or discards it.
    }
  }

  /** Deadlock victims and serialization failures: safe and useful to retry. */
  static boolean isTransient(SQLException e) {
    for (SQLException s : chain(e)) {
      String state = s.getSQLState();
      if (state != null && state.startsWith("40")) {
        return true;
      }
      // MariaDB/MySQL: deadlock (1213) and lock wait timeout (1205).
      if (s.getErrorCode() == 1213 || s.getErrorCode() == 1205) {
        return true;
      }
    }
    return false;
  }

  /** A unique or primary key violation. */
  static boolean isDuplicateKey(SQLException e) {
    for (SQLException s : chain(e)) {
      // PostgreSQL and H2 say 23505; MariaDB/MySQL say 23000 with error 1062.
      if ("23505".equals(s.getSQLState()) || s.getErrorCode() == 1062) {
        return true;
      }
    }
    return false;
  }

  /**
   * The SQLExceptions of a failure: its causes, and a batch's next exception (where PostgreSQL
   * puts the statement's own error). Works on a driver's chain and on the sanitized copy that
   * {@link CustodianJdbcException} carries alike.
   */
  private static java.util.List<SQLException> chain(SQLException e) {
    java.util.List<SQLException> out = new java.util.ArrayList<>();
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty() && out.size() < 32) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException s) {
        out.add(s);
        if (s.getNextException() != null) {
          todo.add(s.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return out;
  }
}
