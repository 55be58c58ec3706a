package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * MariaDB 10.6 and later, and MySQL 8.0 and later: back-quoted identifiers, {@code INSERT IGNORE},
 * instants as UTC {@code DATETIME(6)} compared with {@code UTC_TIMESTAMP(6)}, a database per
 * schema in the JDBC catalogue, REPEATABLE READ by default (so transactions ask for READ
 * COMMITTED), and sweeps that read keys then delete by key ({@link KeyListSweep}).
 */
final class MariaDbDialect implements SqlDialect {
  private final SweepStatements sweep = new KeyListSweep(this);

  @Override
  public Dialect dialect() {
    return Dialect.MARIADB;
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier + '`';
  }

  @Override
  public String now() {
    return "UTC_TIMESTAMP(6)";
  }

  @Override
  public String nowPlusMicros() {
    return "(UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND)";
  }

  /** MariaDB since 10.6, MySQL since 8.0. */
  @Override
  public boolean skipLocked(DatabaseMetaData md) throws SQLException {
    String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
    int major = md.getDatabaseMajorVersion();
    int minor = md.getDatabaseMinorVersion();
    String version = md.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
    if (product.contains("mariadb") || version.contains("mariadb")) {
      return major > 10 || (major == 10 && minor >= 6);
    }
    return product.contains("mysql") && major >= 8;
  }

  /** REPEATABLE READ by default, whose gap locks would make claims and deletions block. */
  @Override
  public boolean readCommittedByDefault() {
    return false;
  }

  @Override
  public void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setObject(index, value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC));
  }

  @Override
  public Instant readInstant(ResultSet rs, String column) throws SQLException {
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  @Override
  public String insertWorkUnitIfAbsent() {
    return "INSERT IGNORE INTO custodian_work_unit (job_id, unit_id) VALUES (?, ?)";
  }

  /** A schema is a database: the JDBC catalogue. */
  @Override
  public CatalogueScope scope(Connection c, String schema) throws SQLException {
    return new CatalogueScope(schema != null ? schema : c.getCatalog(), null);
  }

  @Override
  public String schemaOf(ResultSet tableRow) throws SQLException {
    return tableRow.getString("TABLE_CAT");
  }

  @Override
  public ResultSet columns(DatabaseMetaData md, String schema, String table) throws SQLException {
    return md.getColumns(schema, null, BoundTable.escape(md, table), null);
  }

  /** Every collation but the binary ones ({@code binary}, {@code *_bin}). */
  @Override
  public String inexactCollation(Connection c, String schema, String table, String column)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COLLATION_NAME, CHARACTER_SET_NAME,"
        + " COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      ps.setString(3, column);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String collation = rs.getString(1);
        if (collation == null || collation.equalsIgnoreCase("binary")
            || collation.toLowerCase(Locale.ROOT).endsWith("_bin")) {
          return null;
        }
        String charset = rs.getString(2);
        return "collation " + collation + "; fix: " + binaryCollationFix(schema, table, column,
            rs.getString(3), charset, "NO".equalsIgnoreCase(rs.getString(4)))
            + " (keeping the column's default and comment, if any)";
      }
    }
  }

  /** The statement that gives the column its character set's binary collation. */
  String binaryCollationFix(String schema, String table, String column, String type,
      String charset, boolean notNull) {
    return "ALTER TABLE " + quote(schema) + "." + quote(table) + " MODIFY " + quote(column)
        + " " + type + " CHARACTER SET " + charset + " COLLATE " + charset + "_bin"
        + (notNull ? " NOT NULL" : "");
  }

  /** One parameter per value. */
  @Override
  public void appendIn(SelectionSql q, String column, List<String> values, boolean filter) {
    q.append(column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")");
    values.forEach(q::param);
  }

  @Override
  public SweepStatements sweep() {
    return sweep;
  }
}
