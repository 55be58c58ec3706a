package dev.custodian.jdbc;

import dev.custodian.jdbc.TableMapping.SubjectColumn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link TableMapping} checked against the database: the table and every column exist, their
 * names are spelled as the database stores them and quoted for the dialect, and the id and time
 * column types are known. Only names that went through this class ever reach SQL text.
 */
final class BoundTable {
  /** A subject column as quoted SQL, with its kind and stored name. */
  record Subject(String sql, String name, SubjectKind kind) {}

  final TableMapping mapping;
  final String table;
  final String id;
  final String idName;
  final String client;
  final String clientName;
  final String time;
  final String timeName;
  final List<Subject> subjects;
  final String restricted;
  final boolean numericId;
  final boolean zonedTime;
  /** The dialect every statement on this table is written in. */
  final SqlDialect dialect;

  private BoundTable(TableMapping mapping, String table, Map<String, Column> columns,
      SqlDialect dialect) {
    this.mapping = mapping;
    this.dialect = dialect;
    this.table = table;
    Column idCol = columns.get("id");
    Column clientCol = columns.get("client");
    Column timeCol = columns.get("time");
    this.id = dialect.quote(idCol.name());
    this.idName = idCol.name();
    this.client = dialect.quote(clientCol.name());
    this.clientName = clientCol.name();
    this.time = dialect.quote(timeCol.name());
    this.timeName = timeCol.name();
    List<Subject> s = new ArrayList<>();
    for (SubjectColumn sc : mapping.subjectColumns()) {
      Column c = columns.get("subject:" + sc.column());
      s.add(new Subject(dialect.quote(c.name()), c.name(), sc.kind()));
    }
    this.subjects = List.copyOf(s);
    Column r = columns.get("restricted");
    this.restricted = r == null ? null : dialect.quote(r.name());
    this.numericId = switch (idCol.type()) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.NUMERIC,
          Types.DECIMAL -> true;
      default -> false;
    };
    this.zonedTime = timeCol.type() == Types.TIMESTAMP_WITH_TIMEZONE
        || timeCol.typeName().toLowerCase(Locale.ROOT).contains("timestamptz")
        || timeCol.typeName().toLowerCase(Locale.ROOT).contains("with time zone");
    boolean timestamp = zonedTime || timeCol.type() == Types.TIMESTAMP;
    if (!timestamp) {
      throw new IllegalArgumentException("mapping for " + mapping.category() + ": time column "
          + SqlIdentifiers.shown(timeCol.name()) + " of " + mapping.table() + " is of type "
          + timeCol.typeName() + "; it must be a timestamp (with or without time zone)");
    }
  }

  record Column(String name, int type, String typeName) {}

  /**
   * Checks {@code mapping} against the database behind {@code c}.
   *
   * @throws IllegalArgumentException naming the missing table or column
   */
  static BoundTable bind(Connection c, SqlDialect dialect, TableMapping mapping)
      throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String schema = null;
    String name = mapping.table();
    int dot = name.indexOf('.');
    if (dot >= 0) {
      schema = name.substring(0, dot);
      name = name.substring(dot + 1);
    }
    SqlDialect.CatalogueScope scope = dialect.scope(c, schema);
    String catalog = scope.catalog();
    String schemaPattern = scope.schemaPattern();
    String found = null;
    String foundSchema = null;
    for (String candidate : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
      for (String sp : schemaPattern == null ? java.util.Arrays.asList((String) null)
          : List.of(schemaPattern, schemaPattern.toLowerCase(Locale.ROOT),
              schemaPattern.toUpperCase(Locale.ROOT))) {
        try (ResultSet rs = md.getTables(catalog, escape(md, sp), escape(md, candidate), null)) {
          while (rs.next()) {
            String t = rs.getString("TABLE_NAME");
            if (t.equalsIgnoreCase(name) && (found == null || t.equals(name))) {
              found = t;
              foundSchema = dialect.schemaOf(rs);
            }
          }
        }
        if (found != null) {
          break;
        }
      }
      if (found != null) {
        break;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("mapping for " + mapping.category() + ": table "
          + SqlIdentifiers.shown(mapping.table()) + " does not exist"
          + (schema == null ? " in the connection's current schema" : ""));
    }
    // Again on what the database resolved the name to (its current schema, its case).
    ReservedTables.check("for " + mapping.category() + ":", foundSchema, found);
    Map<String, Column> byLower = new LinkedHashMap<>();
    try (ResultSet rs = dialect.columns(md, foundSchema, found)) {
      while (rs.next()) {
        String col = rs.getString("COLUMN_NAME");
        Column column = new Column(col, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"));
        Column before = byLower.putIfAbsent(col.toLowerCase(Locale.ROOT), column);
        if (before != null && col.equals(col.toLowerCase(Locale.ROOT))) {
          byLower.put(col.toLowerCase(Locale.ROOT), column);
        }
      }
    }
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("id", column(mapping, byLower, "id", mapping.idColumn()));
    columns.put("client", column(mapping, byLower, "client", mapping.clientColumn()));
    columns.put("time", column(mapping, byLower, "time", mapping.timeColumn()));
    for (SubjectColumn s : mapping.subjectColumns()) {
      columns.put("subject:" + s.column(), column(mapping, byLower, "subject", s.column()));
    }
    if (mapping.restrictedColumn() != null) {
      columns.put("restricted",
          column(mapping, byLower, "restricted", mapping.restrictedColumn()));
    }
    String qualified = (schema == null ? "" : dialect.quote(foundSchema) + ".") + dialect.quote(found);
    Collations.checkExact(c, dialect, mapping, foundSchema, found, "client", columns.get("client"));
    for (SubjectColumn s : mapping.subjectColumns()) {
      // Normalised phone numbers are '+' and digits: every collation compares them exactly.
      if (s.kind() != SubjectKind.PHONE) {
        Collations.checkExact(c, dialect, mapping, foundSchema, found, "subject",
            columns.get("subject:" + s.column()));
      }
    }
    return new BoundTable(mapping, qualified, columns, dialect);
  }

  private static Column column(TableMapping m, Map<String, Column> byLower, String role, String name) {
    Column c = byLower.get(name.toLowerCase(Locale.ROOT));
    if (c == null) {
      throw new IllegalArgumentException("mapping for " + m.category() + ": table "
          + SqlIdentifiers.shown(m.table()) + " has no " + role + " column "
          + SqlIdentifiers.shown(name));
    }
    return c;
  }

  /** {@code name} as a catalogue search pattern matching only itself. */
  static String escape(DatabaseMetaData md, String name) throws SQLException {
    if (name == null) {
      return null;
    }
    String esc = md.getSearchStringEscape();
    if (esc == null || esc.isEmpty()) {
      return name;
    }
    return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }

  /** Binds a value of the time column. */
  void bindTime(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (zonedTime) {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    } else {
      ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /** Reads the time column (naive timestamps are taken as UTC). */
  Instant readTime(ResultSet rs, int index) throws SQLException {
    if (zonedTime) {
      OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    LocalDateTime t = rs.getObject(index, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  /** Binds an id value as parsed from a key. */
  void bindId(PreparedStatement ps, int index, String value) throws SQLException {
    if (numericId) {
      ps.setLong(index, Long.parseLong(value));
    } else {
      ps.setString(index, value);
    }
  }
}
