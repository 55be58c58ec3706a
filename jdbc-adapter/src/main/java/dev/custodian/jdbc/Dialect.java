package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The SQL dialects Custodian speaks: what differs between PostgreSQL, MariaDB/MySQL and H2 in the
 * few statements the stores need (identifier quoting, the database's own clock, idempotent inserts,
 * row limits). Chosen from the JDBC product name by {@link #detect(DataSource)}; a host can name
 * one explicitly instead.
 *
 * <p>Instants are stored as {@code TIMESTAMP WITH TIME ZONE} on PostgreSQL and H2 and as UTC
 * {@code DATETIME(6)} on MariaDB/MySQL, to the microsecond.
 */
public enum Dialect {
  /** PostgreSQL 12 and later. */
  POSTGRESQL("postgresql", '"'),
  /** MariaDB 10.6 and later, and MySQL 8.0 and later. */
  MARIADB("mariadb", '`'),
  /** H2 2.2 and later. */
  H2("h2", '"');

  private final String folder;
  private final char quote;

  Dialect(String folder, char quote) {
    this.folder = folder;
    this.quote = quote;
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

  /** {@code name} quoted for this dialect. Only ever called with validated identifiers. */
  String quote(String identifier) {
    return quote + identifier + quote;
  }

  /** The database's current time, as an SQL expression comparable with stored instants. */
  String now() {
    return this == MARIADB ? "UTC_TIMESTAMP(6)" : "CURRENT_TIMESTAMP";
  }

  /** The database's current time plus a number of microseconds bound as the one parameter. */
  String nowPlusMicros() {
    return switch (this) {
      case POSTGRESQL -> "(CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 microsecond')";
      case MARIADB -> "(UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND)";
      case H2 -> "DATEADD(MICROSECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
    };
  }

  /** A row limit clause with one parameter, placed after ORDER BY. */
  String limit() {
    return " LIMIT ?";
  }

  /**
   * Whether {@code FOR UPDATE SKIP LOCKED} is available on the connected database (PostgreSQL 9.5+,
   * MariaDB 10.6+, MySQL 8.0+, H2 2.2+).
   */
  static boolean skipLocked(DatabaseMetaData md) throws SQLException {
    String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
    int major = md.getDatabaseMajorVersion();
    int minor = md.getDatabaseMinorVersion();
    String version = md.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
    if (product.contains("postgresql")) {
      return major > 9 || (major == 9 && minor >= 5);
    }
    if (product.contains("mariadb") || version.contains("mariadb")) {
      return major > 10 || (major == 10 && minor >= 6);
    }
    if (product.contains("mysql")) {
      return major >= 8;
    }
    if (product.equals("h2")) {
      return major > 2 || (major == 2 && minor >= 2);
    }
    return false;
  }

  /** Binds an instant to a column of this dialect's stored-instant type. */
  void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setObject(index, null);
    } else if (this == MARIADB) {
      ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    } else {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
  }

  /** Reads an instant stored by {@link #bindInstant}. */
  Instant readInstant(ResultSet rs, String column) throws SQLException {
    if (this == MARIADB) {
      LocalDateTime t = rs.getObject(column, LocalDateTime.class);
      return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
