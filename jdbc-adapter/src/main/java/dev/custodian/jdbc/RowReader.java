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
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
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
    // Subjects and fields are handed over in forms HostRecord copies cheaply: an immutable set
    // (kept as is by Set.copyOf) and an array-backed map view (copied once, without a map of our
    // own built and hashed first). Most rows name one or two subjects.
    SubjectIdentifier first = null;
    SubjectIdentifier second = null;
    Set<SubjectIdentifier> more = null;
    for (int s = 0; s < subjects.length; s++) {
      SubjectIdentifier known = subject(s, rs.getString(subjects[s]));
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
    Instant at = table.readTime(rs, time);
    Object[] values = new Object[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (i + 1 == time) {
        // Parsed once: the same value as the time column's reader would give.
        values[i] = at == null ? null
            : table.zonedTime ? at.toString() : LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
      } else {
        values[i] = readers[i].read(rs, i + 1);
      }
    }
    String stored = rs.getString(clientIndex);
    ClientId owner = client != null && client.value().equals(stored) ? client : ClientId.of(stored);
    return new HostRecord(table.mapping.category(), owner, rs.getString(id), at, found,
        new Columns(labels, values));
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

  /**
   * A row's columns as a read-only map over two arrays, in column order: only ever handed to
   * {@link HostRecord}, which copies it.
   */
  private static final class Columns extends AbstractMap<String, Object> {
    private final String[] labels;
    private final Object[] values;

    Columns(String[] labels, Object[] values) {
      this.labels = labels;
      this.values = values;
    }

    @Override
    public int size() {
      return labels.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return labels.length;
        }

        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < labels.length;
            }

            @Override
            public Entry<String, Object> next() {
              if (next >= labels.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new SimpleImmutableEntry<>(labels[i], values[i]);
            }
          };
        }
      };
    }
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
