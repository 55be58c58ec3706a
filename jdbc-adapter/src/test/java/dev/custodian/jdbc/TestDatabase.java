package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test class: a fresh schema on the shared PostgreSQL, a fresh
 * database on the shared MariaDB, a fresh in-memory H2, each with a random name, Custodian's
 * tables created from the shipped DDL, and dropped after the class. A server that cannot be
 * reached FAILS the class: these tests never skip.
 *
 * <p>Servers: {@code custodian.test.postgres} (default {@code 127.0.0.1:5432}, database {@code
 * test}, user {@code postgres}) and {@code custodian.test.mariadb} (default {@code 127.0.0.1:3306},
 * database {@code test}, user {@code root}) system properties override the host and port.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private final Dialect dialect;
  private final String name = "cust_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private DataSource dataSource;
  /** Extra databases made by {@link #freshDatabase()}, dropped with this one. */
  private final java.util.List<String> extras = new java.util.ArrayList<>();
  private final java.util.List<DataSource> extraSources = new java.util.ArrayList<>();
  /** Nested test classes call the callbacks again: only the outermost creates and drops. */
  private int depth;

  private TestDatabase(Dialect dialect) {
    this.dialect = dialect;
  }

  static TestDatabase postgres() {
    return new TestDatabase(Dialect.POSTGRESQL);
  }

  static TestDatabase mariadb() {
    return new TestDatabase(Dialect.MARIADB);
  }

  static TestDatabase h2() {
    return new TestDatabase(Dialect.H2);
  }

  Dialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    if (dataSource == null) {
      throw new IllegalStateException("the database is created before the test class runs");
    }
    return dataSource;
  }

  private static String pgHost() {
    return System.getProperty("custodian.test.postgres", "127.0.0.1:5432");
  }

  private static String mariaHost() {
    return System.getProperty("custodian.test.mariadb", "127.0.0.1:3306");
  }

  private static String adminUrl(Dialect d) {
    return switch (d) {
      case POSTGRESQL -> "jdbc:postgresql://" + pgHost() + "/test?user=postgres";
      case MARIADB -> "jdbc:mariadb://" + mariaHost() + "/test?user=root";
      case H2 -> throw new IllegalStateException("H2 needs no admin connection");
    };
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (depth++ > 0) {
      return;
    }
    dataSource = open(name);
    CustodianSchema.createIfMissing(dataSource, dialect);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (--depth > 0) {
      return;
    }
    drop(name, dataSource);
    for (int i = 0; i < extras.size(); i++) {
      drop(extras.get(i), extraSources.get(i));
    }
  }

  private void drop(String database, DataSource source) throws SQLException {
    switch (dialect) {
      case POSTGRESQL -> admin("DROP SCHEMA IF EXISTS " + database + " CASCADE");
      case MARIADB -> admin("DROP DATABASE IF EXISTS " + database);
      case H2 -> {
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
    }
  }

  /**
   * Another empty database with Custodian's tables, dropped after the class: for a test that must
   * not see what an earlier test (or its stray threads) left behind.
   */
  DataSource freshDatabase() {
    return freshDatabase(true);
  }

  /** Like {@link #freshDatabase()}, without Custodian's tables if {@code withSchema} is false. */
  synchronized DataSource freshDatabase(boolean withSchema) {
    String extra = name + "_" + (extras.size() + 1);
    DataSource ds;
    try {
      ds = open(extra);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a fresh test database: " + e.getMessage(), e);
    }
    extras.add(extra);
    extraSources.add(ds);
    if (withSchema) {
      CustodianSchema.createIfMissing(ds, dialect);
    }
    return ds;
  }

  private DataSource open(String database) throws SQLException {
    switch (dialect) {
      case POSTGRESQL -> {
        admin("CREATE SCHEMA " + database);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://" + pgHost() + "/test?user=postgres&currentSchema=" + database);
        return ds;
      }
      case MARIADB -> {
        admin("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new MariaDbDataSource("jdbc:mariadb://" + mariaHost() + "/" + database + "?user=root");
      }
      default -> {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        return ds;
      }
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl(dialect));
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(dialect.name().toLowerCase(Locale.ROOT) + " test server at "
          + (dialect == Dialect.POSTGRESQL ? pgHost() : mariaHost())
          + " is not usable (these tests need it running; see .ci/run): " + e.getMessage(), e);
    }
  }

  /** Runs statements on this class's own database. */
  void execute(String... statements) {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }
}
