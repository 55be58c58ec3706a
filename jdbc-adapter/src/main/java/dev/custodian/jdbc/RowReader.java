package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows of a mapped table into {@link HostRecord}s, every column into a JSON-friendly value
 * (String, Number, Boolean or null; timestamps as ISO-8601 text, binary as Base64). Built once per
 * result set, so the per-row work is a loop over prepared column readers.
 */
final class RowReader {
  @FunctionalInterface
  private interface ColumnRead {
    Object read(ResultSet rs, int index) throws SQLException;
  }

  private final BoundTable table;
  private final ClientId client;
  private final String[] labels;
  private final ColumnRead[] readers;
  private final int id;
  private final int clientIndex;
  private final int time;
  private final int[] subjects;
  /**
   * Identifiers already parsed, per subject column: the same numbers recur across a client's
   * records, and validation is the costly part of reading a row. Bounded, so memory stays constant.
   */
  private final Map<String, SubjectIdentifier>[] parsed;
  private static final int PARSED_CACHE = 4096;

  RowReader(BoundTable table, ClientId client, ResultSetMetaData md) throws SQLException {
    this.table = table;
    this.client = client;
    int n = md.getColumnCount();
    labels = new String[n];
    readers = new ColumnRead[n];
    int idAt = -1;
    int clientAt = -1;
    int timeAt = -1;
    subjects = new int[table.subjects.size()];
    @SuppressWarnings("unchecked")
    Map<String, SubjectIdentifier>[] caches = new Map[subjects.length];
    for (int i = 0; i < caches.length; i++) {
      caches[i] = new HashMap<>();
    }
    this.parsed = caches;
    for (int i = 0; i < n; i++) {
      String label = md.getColumnLabel(i + 1);
      labels[i] = label;
      readers[i] = reader(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
      if (label.equalsIgnoreCase(table.idName)) {
        idAt = i + 1;
      }
      if (label.equalsIgnoreCase(table.clientName)) {
        clientAt = i + 1;
      }
      if (label.equalsIgnoreCase(table.timeName)) {
        timeAt = i + 1;
      }
      for (int s = 0; s < subjects.length; s++) {
        if (label.equalsIgnoreCase(table.subjects.get(s).name())) {
          subjects[s] = i + 1;
        }
      }
    }
    if (idAt < 0 || timeAt < 0 || clientAt < 0) {
      throw new IllegalStateException("result of " + table.table + " lacks a mapped column");
    }
    this.id = idAt;
    this.clientIndex = clientAt;
    this.time = timeAt;
  }

  HostRecord read(ResultSet rs) throws SQLException {
    Set<SubjectIdentifier> found = new HashSet<>(4);
    for (int s = 0; s < subjects.length; s++) {
      String value = rs.getString(subjects[s]);
      if (value != null && !value.isBlank()) {
        Map<String, SubjectIdentifier> parsed = this.parsed[s];
        SubjectIdentifier known = parsed.get(value);
        if (known == null && !parsed.containsKey(value)) {
          try {
            known = table.subjects.get(s).kind().parse(value);
          } catch (IllegalArgumentException notAnIdentifier) {
            // A value the host stored that is no valid identifier points at no subject.
          }
          if (parsed.size() >= PARSED_CACHE) {
            parsed.clear();
          }
          parsed.put(value, known);
        }
        if (known != null) {
          found.add(known);
        }
      }
    }
    Instant at = table.readTime(rs, time);
    Map<String, Object> fields = new LinkedHashMap<>(labels.length * 2);
    for (int i = 0; i < labels.length; i++) {
      if (i + 1 == time) {
        // Parsed once: the same value as the time column's reader would give.
        fields.put(labels[i], at == null ? null
            : table.zonedTime ? at.toString() : LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString());
      } else {
        fields.put(labels[i], readers[i].read(rs, i + 1));
      }
    }
    String stored = rs.getString(clientIndex);
    ClientId owner = client != null && client.value().equals(stored) ? client : ClientId.of(stored);
    return new HostRecord(table.mapping.category(), owner, rs.getString(id), at, found, fields);
  }

  private static ColumnRead reader(int type, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (name.contains("timestamptz") || name.contains("with time zone")) {
      return RowReader::zoned;
    }
    return switch (type) {
      case Types.BIT, Types.BOOLEAN -> (rs, i) -> {
        boolean b = rs.getBoolean(i);
        return rs.wasNull() ? null : b;
      };
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> (rs, i) -> {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
      };
      case Types.BIGINT -> (rs, i) -> {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
      };
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> (rs, i) -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
      };
      case Types.DECIMAL, Types.NUMERIC -> ResultSet::getBigDecimal;
      case Types.TIMESTAMP_WITH_TIMEZONE -> RowReader::zoned;
      case Types.TIMESTAMP -> (rs, i) -> {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? null : t.toString();
      };
      case Types.DATE -> (rs, i) -> {
        LocalDate d = rs.getObject(i, LocalDate.class);
        return d == null ? null : d.toString();
      };
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> (rs, i) -> {
        byte[] b = rs.getBytes(i);
        return b == null ? null : Base64.getEncoder().encodeToString(b);
      };
      default -> ResultSet::getString;
    };
  }

  private static Object zoned(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant().toString();
  }
}
