package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Custodian's SQL does differently on one database, behind one interface: one class
 * per database ({@link PostgresDialect}, {@link MariaDbDialect} for MariaDB and MySQL, {@link
 * H2Dialect}), chosen once per store from {@link Dialect} (named by the host or detected from the
 * connection's metadata). No other class asks which database it is talking to; a new difference
 * becomes a method here, implemented by each dialect.
 *
 * <p>What a dialect covers: identifier quoting, the database's clock, idempotent inserts, row
 * limits, row locking ({@code SKIP LOCKED}), the isolation a transaction must ask for, how the
 * stored-instant type is bound and read, where the JDBC catalogue keeps a table's schema, the
 * collation check, list parameters, and the sweep's delete statements ({@link #sweep()}).
 * Operations only one database has (PostgreSQL's partitions, say) belong on that dialect's class,
 * reached through a method here that the others answer with "not available".
 */
sealed interface SqlDialect permits PostgresDialect, MariaDbDialect, H2Dialect {

  /** The public name of this dialect (its schema folder, what a host configures). */
  Dialect dialect();

  /** {@code identifier} quoted for this dialect. Only ever called with validated identifiers. */
  String quote(String identifier);

  /** The database's current time, as an SQL expression comparable with stored instants. */
  String now();

  /** The database's current time plus a number of microseconds bound as the one parameter. */
  String nowPlusMicros();

  /** A row limit clause with one parameter, placed after ORDER BY. */
  default String limit() {
    return " LIMIT ?";
  }

  /**
   * Whether {@code FOR UPDATE SKIP LOCKED} is available on the connected database, from its
   * version in {@code md}.
   */
  boolean skipLocked(DatabaseMetaData md) throws SQLException;

  /**
   * True if a new connection's transactions already run at READ COMMITTED, so that asking the
   * isolation level (a round trip on some drivers) can be skipped.
   */
  boolean readCommittedByDefault();

  /** Binds an instant to a column of this dialect's stored-instant type. */
  void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException;

  /** Reads an instant stored by {@link #bindInstant}. */
  Instant readInstant(ResultSet rs, String column) throws SQLException;

  /**
   * The statement that inserts a work unit (job id, unit id: two parameters) unless it is there
   * already.
   */
  String insertWorkUnitIfAbsent();

  /**
   * Where the JDBC catalogue looks for a table of {@code schema} (null: the connection's own):
   * a catalogue and a schema pattern, either may be null.
   */
  CatalogueScope scope(Connection c, String schema) throws SQLException;

  /** The schema (or MariaDB database) of a row of {@link DatabaseMetaData#getTables}. */
  String schemaOf(ResultSet tableRow) throws SQLException;

  /** The columns of {@code table} in {@code schema}, as {@link DatabaseMetaData#getColumns}. */
  ResultSet columns(DatabaseMetaData md, String schema, String table) throws SQLException;

  /** A catalogue and (unescaped) schema pattern to pass to {@link DatabaseMetaData#getTables}. */
  record CatalogueScope(String catalog, String schemaPattern) {}

  /**
   * Why comparisons on {@code column} are not exact (a case- or accent-insensitive collation or
   * type) with the statement that fixes it, or null if they are exact.
   */
  String inexactCollation(Connection c, String schema, String table, String column)
      throws SQLException;

  /**
   * Appends "{@code column} is one of {@code values}" to {@code q}. {@code filter}: the list
   * filters rows already found by other means (a hold's subjects, often many), rather than
   * leading an index lookup.
   */
  void appendIn(SelectionSql q, String column, List<String> values, boolean filter);

  /** The statements that delete a sweep's rows on this database. */
  SweepStatements sweep();

  /**
   * Whole-partition sweeps of a mapped table ({@link PartitionSweep}), where this database has
   * them: PostgreSQL's declarative range partitions. Empty elsewhere: partitions are swept as rows.
   */
  default Optional<PostgresPartitions> partitions() {
    return Optional.empty();
  }

  /** The statement listing the distinct clients of {@code t} (one column). */
  default String distinctClients(Connection c, BoundTable t) throws SQLException {
    return "SELECT DISTINCT " + t.client + " FROM " + t.table;
  }
}
