package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The SQL dialects Custodian speaks: PostgreSQL, MariaDB/MySQL and H2. Chosen from the JDBC
 * product name by {@link #detect(DataSource)}; a host can name one explicitly instead (the JDBC
 * stores' constructors, {@link JdbcHostData.Builder#dialect}, a Spring bean). What differs between
 * the databases in the statements the stores run is written by one class per dialect, not here.
 *
 * <p>Instants are stored as {@code TIMESTAMP WITH TIME ZONE} on PostgreSQL and H2 and as UTC
 * {@code DATETIME(6)} on MariaDB/MySQL, to the microsecond.
 */
public enum Dialect {
  /** PostgreSQL 12 and later. */
  POSTGRESQL("postgresql", new PostgresDialect()),
  /** MariaDB 10.6 and later, and MySQL 8.0 and later. */
  MARIADB("mariadb", new MariaDbDialect()),
  /** H2 2.2 and later. */
  H2("h2", new H2Dialect());

  private final String folder;
  private final SqlDialect sql;

  Dialect(String folder, SqlDialect sql) {
    this.folder = folder;
    this.sql = sql;
  }

  /**
   * The dialect of the database behind {@code dataSource}, from its JDBC product name.
   *
   * @throws IllegalArgumentException if the database is none of PostgreSQL, MariaDB, MySQL or H2
   * @throws IllegalStateException if the database cannot be reached
   */
  public static Dialect detect(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection()) {
      return of(c.getMetaData());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database to detect its dialect", e);
    }
  }

  /**
   * The dialect named by a product name as {@link DatabaseMetaData#getDatabaseProductName()}
   * reports it.
   *
   * @throws IllegalArgumentException for an unsupported database
   */
  public static Dialect of(DatabaseMetaData metaData) throws SQLException {
    return ofProductName(metaData.getDatabaseProductName());
  }

  /**
   * The dialect for a JDBC product name ({@code PostgreSQL}, {@code MariaDB}, {@code MySQL},
   * {@code H2}), case-insensitive.
   *
   * @throws IllegalArgumentException for an unsupported database
   */
  public static Dialect ofProductName(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return MARIADB;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("unsupported database '" + productName
        + "': Custodian's JDBC stores support PostgreSQL, MariaDB/MySQL and H2;"
        + " name a dialect explicitly only for one of these");
  }

  /** The folder name of this dialect's DDL under {@code dev/custodian/jdbc/schema/}. */
  public String folder() {
    return folder;
  }

  /** The class that writes this dialect's SQL. */
  SqlDialect sql() {
    return sql;
  }
}
