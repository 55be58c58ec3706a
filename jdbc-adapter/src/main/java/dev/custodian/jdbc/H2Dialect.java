package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

/**
 * H2 2.2 and later: double-quoted identifiers, {@code MERGE} for idempotent inserts, instants as
 * {@code TIMESTAMP WITH TIME ZONE}, and sweeps that read keys then delete by key ({@link
 * KeyListSweep}).
 */
final class H2Dialect implements SqlDialect {
  private final SweepStatements sweep = new KeyListSweep(this);

  @Override
  public Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  public String quote(String identifier) {
    return '"' + identifier + '"';
  }

  @Override
  public String now() {
    return "CURRENT_TIMESTAMP";
  }

  @Override
  public String nowPlusMicros() {
    return "DATEADD(MICROSECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
  }

  /** Since 2.2. */
  @Override
  public boolean skipLocked(DatabaseMetaData md) throws SQLException {
    int major = md.getDatabaseMajorVersion();
    return major > 2 || (major == 2 && md.getDatabaseMinorVersion() >= 2);
  }

  @Override
  public boolean readCommittedByDefault() {
    return true;
  }

  @Override
  public void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC));
  }

  @Override
  public Instant readInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  @Override
  public String insertWorkUnitIfAbsent() {
    return "MERGE INTO custodian_work_unit t USING (VALUES (CAST(? AS VARCHAR(128)),"
        + " CAST(? AS VARCHAR(256)))) s(j, u) ON t.job_id = s.j AND t.unit_id = s.u"
        + " WHEN NOT MATCHED THEN INSERT (job_id, unit_id) VALUES (s.j, s.u)";
  }

  @Override
  public CatalogueScope scope(Connection c, String schema) throws SQLException {
    return new CatalogueScope(null, schema != null ? schema : c.getSchema());
  }

  @Override
  public String schemaOf(ResultSet tableRow) throws SQLException {
    return tableRow.getString("TABLE_SCHEM");
  }

  @Override
  public ResultSet columns(DatabaseMetaData md, String schema, String table) throws SQLException {
    return md.getColumns(null, BoundTable.escape(md, schema), BoundTable.escape(md, table), null);
  }

  /** {@code VARCHAR_IGNORECASE}, or a database collation. */
  @Override
  public String inexactCollation(Connection c, String schema, String table, String column)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT DATA_TYPE, COLLATION_NAME,"
        + " CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      ps.setString(3, column);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        if ("VARCHAR_IGNORECASE".equalsIgnoreCase(rs.getString(1))) {
          long length = rs.getLong(3);
          return "type VARCHAR_IGNORECASE; fix: ALTER TABLE " + quote(schema) + "."
              + quote(table) + " ALTER COLUMN " + quote(column)
              + " SET DATA TYPE VARCHAR" + (length > 0 ? "(" + length + ")" : "");
        }
        String collation = rs.getString(2);
        if (collation != null && !collation.equalsIgnoreCase("OFF")) {
          return "database collation " + collation + "; fix: SET COLLATION OFF before creating"
              + " the tables";
        }
        return null;
      }
    }
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
