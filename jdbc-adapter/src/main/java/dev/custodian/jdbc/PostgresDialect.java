package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL 12 and later: double-quoted identifiers, {@code ON CONFLICT DO NOTHING}, array
 * parameters, instants as {@code TIMESTAMP WITH TIME ZONE}, and sweeps that delete with {@code
 * DELETE ... RETURNING} in one statement ({@link ReturningSweep}), and whole-partition sweeps of
 * range-partitioned tables ({@link PostgresPartitions}).
 */
final class PostgresDialect implements SqlDialect {
  private final SweepStatements sweep = new ReturningSweep();
  private final PostgresPartitions partitions = new PostgresPartitions();

  @Override
  public Optional<PostgresPartitions> partitions() {
    return Optional.of(partitions);
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
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
    return "(CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 microsecond')";
  }

  /** Since 9.5. */
  @Override
  public boolean skipLocked(DatabaseMetaData md) throws SQLException {
    int major = md.getDatabaseMajorVersion();
    return major > 9 || (major == 9 && md.getDatabaseMinorVersion() >= 5);
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
    return "INSERT INTO custodian_work_unit (job_id, unit_id) VALUES (?, ?)"
        + " ON CONFLICT (job_id, unit_id) DO NOTHING";
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

  /** {@code citext}, or a non-deterministic collation. */
  @Override
  public String inexactCollation(Connection c, String schema, String table, String column)
      throws SQLException {
    String qualified = quote(schema) + "." + quote(table);
    try (PreparedStatement ps = c.prepareStatement("SELECT format_type(a.atttypid, a.atttypmod),"
        + " t.typname, co.collname, co.collisdeterministic FROM pg_attribute a"
        + " JOIN pg_type t ON t.oid = a.atttypid"
        + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
        + " WHERE a.attrelid = CAST(? AS regclass) AND a.attname = ?")) {
      ps.setString(1, qualified);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String fix = "ALTER TABLE " + qualified + " ALTER COLUMN " + quote(column) + " TYPE ";
        if ("citext".equals(rs.getString(2))) {
          return "type citext; fix: " + fix + "text";
        }
        if (rs.getString(3) != null && !rs.getBoolean(4)) {
          return "non-deterministic collation " + rs.getString(3) + "; fix: " + fix
              + rs.getString(1) + " COLLATE \"default\"";
        }
        return null;
      }
    }
  }

  /** One array parameter, whatever the number of values. */
  @Override
  public void appendIn(SelectionSql q, String column, List<String> values, boolean filter) {
    SelectionSql.TextArray array = new SelectionSql.TextArray(values.toArray(String[]::new));
    if (filter) {
      // A hashed sub-plan over the array costs one probe per row, where "= ANY(array)" would
      // compare with every element.
      q.append(column + " IN (SELECT unnest(CAST(? AS VARCHAR[])))").param(array);
    } else {
      // A lookup: one array parameter that the column's index can probe.
      q.append(column + " = ANY(?)").param(array);
    }
  }

  @Override
  public SweepStatements sweep() {
    return sweep;
  }

  /**
   * When an index of {@code t} (complete, valid) has the client column first, the distinct clients
   * one index seek per client (a recursive "skip scan") instead of a read of the whole table.
   */
  @Override
  public String distinctClients(Connection c, BoundTable t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_index i"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
        + " WHERE i.indrelid = CAST(? AS regclass) AND a.attname = ? AND i.indisvalid"
        + " AND i.indpred IS NULL)")) {
      ps.setString(1, t.table);
      ps.setString(2, t.clientName);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) {
          return SqlDialect.super.distinctClients(c, t);
        }
      }
    }
    return "WITH RECURSIVE custodian_clients(v) AS (SELECT MIN(" + t.client + ") FROM " + t.table
        + " UNION ALL SELECT (SELECT MIN(" + t.client + ") FROM " + t.table + " WHERE " + t.client
        + " > custodian_clients.v) FROM custodian_clients WHERE custodian_clients.v IS NOT NULL)"
        + " SELECT v FROM custodian_clients WHERE v IS NOT NULL";
  }
}
