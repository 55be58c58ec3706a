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
import java.util.List;
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
  private final HostRecord.Columns columns;
  private final ColumnRead[] readers;
  /** Columns whose reader is {@code getString}. */
  private final boolean[] textual;
  private final int id;
  private final int clientIndex;
  private final int time;
  private final int[] subjects;
  /**
   * Identifiers already parsed, per subject column, the columns of one kind sharing one map: the
   * same numbers recur across a client's records (and across a row's caller and callee), and
   * validation is the costly part of reading a row. One instance per value, so a row's columns
   * naming the same subject are told apart by reference. Bounded, so memory stays constant.
   */
  private final Map<String, SubjectIdentifier>[] parsed;
  private static final int PARSED_CACHE = 4096;

  RowReader(BoundTable table, ClientId client, ResultSetMetaData md) throws SQLException {
    this.table = table;
    this.client = client;
    int n = md.getColumnCount();
    labels = new String[n];
    readers = new ColumnRead[n];
    textual = new boolean[n];
    int idAt = -1;
    int clientAt = -1;
    int timeAt = -1;
    subjects = new int[table.subjects.size()];
    @SuppressWarnings("unchecked")
    Map<String, SubjectIdentifier>[] caches = new Map[subjects.length];
    Map<SubjectKind, Map<String, SubjectIdentifier>> byKind = new HashMap<>();
    for (int i = 0; i < caches.length; i++) {
      caches[i] = byKind.computeIfAbsent(table.subjects.get(i).kind(), k -> new HashMap<>());
    }
    this.parsed = caches;
    for (int i = 0; i < n; i++) {
      String label = md.getColumnLabel(i + 1);
      labels[i] = label;
      readers[i] = reader(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
      textual[i] = readers[i] == TEXT;
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
    this.columns = HostRecord.Columns.of(List.of(labels));
    this.id = idAt;
    this.clientIndex = clientAt;
    this.time = timeAt;
  }

  HostRecord read(ResultSet rs) throws SQLException {
    // Every column is read once: the subject, client and id columns' text is taken from the
    // row's values where the column is read as text (each read decodes the bytes anew).
    Instant at = table.readTime(rs, time);
    Object[] values = new Object[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (i + 1 == time) {
        // Parsed once: the same value as the time column's reader would give.
        values[i] = at == null ? null
            : table.zonedTime ? IsoInstant.format(at) : LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
      } else {
        values[i] = readers[i].read(rs, i + 1);
      }
    }
    // Subjects are handed over as an immutable set, which HostRecord keeps as is. Most rows name
    // one or two subjects.
    SubjectIdentifier first = null;
    SubjectIdentifier second = null;
    Set<SubjectIdentifier> more = null;
    for (int s = 0; s < subjects.length; s++) {
      SubjectIdentifier known = subject(s, text(rs, values, subjects[s]));
      // Same value, same instance (see parsed); different kinds are never equal.
      if (known == null || known == first || known == second) {
        continue;
      }
      if (first == null) {
        first = known;
      } else if (second == null) {
        second = known;
      } else {
        if (more == null) {
          more = new HashSet<>(List.of(first, second));
        }
        more.add(known);
      }
    }
    Set<SubjectIdentifier> found = more != null ? more
        : second != null ? Set.of(first, second)
        : first != null ? Set.of(first) : Set.of();
    String stored = text(rs, values, clientIndex);
    ClientId owner = client != null && client.value().equals(stored) ? client : ClientId.of(stored);
    return new HostRecord(table.mapping.category(), owner, text(rs, values, id), at, found,
        columns.row(values));
  }

  /** Column {@code index}'s text: the value already read if read as text, else read now. */
  private String text(ResultSet rs, Object[] values, int index) throws SQLException {
    return textual[index - 1] ? (String) values[index - 1] : rs.getString(index);
  }

  /** The identifier in subject column {@code s}'s value, or null; parsed once per value. */
  private SubjectIdentifier subject(int s, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
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
    return known;
  }

  private static final ColumnRead TEXT = ResultSet::getString;

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
      default -> TEXT;
    };
  }

  private static Object zoned(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : IsoInstant.format(t.toInstant());
  }
}
