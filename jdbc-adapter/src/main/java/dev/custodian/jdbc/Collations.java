package dev.custodian.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

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
 * the statement that fixes it. Each dialect knows how to read a column's collation ({@link
 * SqlDialect#inexactCollation}).
 */
final class Collations {
  private Collations() {}

  /**
   * @param schema the schema (PostgreSQL, H2) or database (MariaDB) the table was found in
   * @param role "client" or "subject", for the message
   * @throws IllegalArgumentException naming the column, its collation and the fix
   */
  static void checkExact(Connection c, SqlDialect dialect, TableMapping m, String schema,
      String table, String role, BoundTable.Column column) throws SQLException {
    String problem = dialect.inexactCollation(c, schema, table, column.name());
    if (problem != null) {
      throw new IllegalArgumentException("mapping for " + m.category() + ": " + role + " column "
          + SqlIdentifiers.shown(column.name()) + " of " + SqlIdentifiers.shown(m.table())
          + " compares values without regard to case or accents (" + problem + "), so client"
          + " ids or subject identifiers that differ only by case would be taken for one"
          + " another; give the column an exact (binary) collation");
    }
  }

  /** The statement that gives a MariaDB/MySQL column its character set's binary collation. */
  static String mariadbFix(String schema, String table, String column, String type,
      String charset, boolean notNull) {
    return new MariaDbDialect().binaryCollationFix(schema, table, column, type, charset, notNull);
  }
}
