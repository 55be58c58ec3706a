package dev.custodian.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * The tables a mapping may never name: Custodian's own ({@code custodian_*}: its state and its
 * evidence, which a sweep over them would delete) and the database's system schemas. Checked on
 * the name as written (qualified or not, any case) when a {@link TableMapping} is built, and again
 * on the schema and table the database resolved it to when the mapping is bound.
 */
final class ReservedTables {
  /** PostgreSQL, MariaDB/MySQL and H2 system schemas, in lower case. */
  static final Set<String> SYSTEM_SCHEMAS =
      Set.of("pg_catalog", "information_schema", "mysql", "performance_schema", "sys");

  private ReservedTables() {}

  /**
   * @param what the category, for the message
   * @param schema the schema (or MariaDB database), or null if unqualified
   * @throws IllegalArgumentException if the table is Custodian's own or a system table
   */
  static void check(String what, String schema, String table) {
    String t = table.toLowerCase(Locale.ROOT);
    String shown = SqlIdentifiers.shown(schema == null ? table : schema + "." + table);
    if (t.startsWith("custodian_")) {
      throw new IllegalArgumentException("mapping " + what + " table " + shown
          + " is refused: tables named custodian_* are Custodian's own (its state and evidence);"
          + " map only the host's own tables");
    }
    String s = schema == null ? null : schema.toLowerCase(Locale.ROOT);
    // PostgreSQL reserves pg_* for its catalogues and resolves an unqualified pg_* name there first.
    if ((s != null && (SYSTEM_SCHEMAS.contains(s) || s.startsWith("pg_")))
        || (s == null && t.startsWith("pg_"))) {
      throw new IllegalArgumentException("mapping " + what + " table " + shown
          + " is refused: it lies in a system schema (pg_catalog, information_schema, mysql,"
          + " performance_schema, sys); map only the host's own tables");
    }
  }
}
