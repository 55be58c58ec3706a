package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Refuses, at binding, a client or subject column whose comparisons are not exact: a
 * case- or accent-insensitive collation (MariaDB/MySQL {@code utf8mb4_general_ci}, the server
 * default, and every other non-binary collation), PostgreSQL's {@code citext} or a
 * non-deterministic collation, H2's {@code VARCHAR_IGNORECASE} or a database collation.
 *
 * <p>Under such a column, {@code client_id = 'acme'} also selects client {@code ACME}'s rows: one
 * client's access request would return another's records and a sweep would delete them, legal
 * holds notwithstanding. Custodian refuses to start rather than compare with {@code COLLATE
 * utf8mb4_bin} per statement: that form cannot use the column's index (every sweep batch and
 * lookup would scan the table), and every statement, {@code DISTINCT} and {@code IN} list would
 * have to carry it, where one omission merges clients again. A binary column makes Custodian's
 * statements, the host's own queries and its unique keys agree. The message names the column and
 * the statement that fixes it.
 */
final class Collations {
  private Collations() {}

  /**
   * @param schema the schema (PostgreSQL, H2) or database (MariaDB) the table was found in
   * @param role "client" or "subject", for the message
   * @throws IllegalArgumentException naming the column, its collation and the fix
   */
  static void checkExact(Connection c, Dialect dialect, TableMapping m, String schema,
      String table, String role, BoundTable.Column column) throws SQLException {
    String problem = switch (dialect) {
      case MARIADB -> mariadb(c, schema, table, column.name());
      case POSTGRESQL -> postgresql(c, schema, table, column.name());
      case H2 -> h2(c, schema, table, column.name());
    };
    if (problem != null) {
      throw new IllegalArgumentException("mapping for " + m.category() + ": " + role + " column "
          + SqlIdentifiers.shown(column.name()) + " of " + SqlIdentifiers.shown(m.table())
          + " compares values without regard to case or accents (" + problem + "), so client"
          + " ids or subject identifiers that differ only by case would be taken for one"
          + " another; give the column an exact (binary) collation");
    }
  }

  private static String mariadb(Connection c, String schema, String table, String column)
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
        return "collation " + collation + "; fix: " + mariadbFix(schema, table, column,
            rs.getString(3), charset, "NO".equalsIgnoreCase(rs.getString(4)))
            + " (keeping the column's default and comment, if any)";
      }
    }
  }

  /** The statement that gives the column its character set's binary collation. */
  static String mariadbFix(String schema, String table, String column, String type,
      String charset, boolean notNull) {
    Dialect d = Dialect.MARIADB;
    return "ALTER TABLE " + d.quote(schema) + "." + d.quote(table) + " MODIFY " + d.quote(column)
        + " " + type + " CHARACTER SET " + charset + " COLLATE " + charset + "_bin"
        + (notNull ? " NOT NULL" : "");
  }

  private static String postgresql(Connection c, String schema, String table, String column)
      throws SQLException {
    Dialect d = Dialect.POSTGRESQL;
    String qualified = d.quote(schema) + "." + d.quote(table);
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
        String fix = "ALTER TABLE " + qualified + " ALTER COLUMN " + d.quote(column) + " TYPE ";
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

  private static String h2(Connection c, String schema, String table, String column)
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
          return "type VARCHAR_IGNORECASE; fix: ALTER TABLE " + Dialect.H2.quote(schema) + "."
              + Dialect.H2.quote(table) + " ALTER COLUMN " + Dialect.H2.quote(column)
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
}
