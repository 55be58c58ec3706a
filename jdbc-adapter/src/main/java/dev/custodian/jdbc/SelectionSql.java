package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL text over one mapped table with its parameters, bound with the table's types: the criteria
 * of {@link RecordSelection}s and {@link GroupSelection}s, key positions and subject lookups, in
 * the table's dialect. Names come only from the {@link BoundTable}; every value is a parameter.
 */
final class SelectionSql {
  /** An id value bound with the id column's type. */
  record IdParam(String value) {}

  /** A text array parameter (databases with array parameters only). */
  record TextArray(String[] values) {}

  private final BoundTable t;
  private final StringBuilder text = new StringBuilder(256);
  private final List<Object> params = new ArrayList<>();

  SelectionSql(BoundTable t) {
    this.t = t;
  }

  SelectionSql append(String sql) {
    text.append(sql);
    return this;
  }

  SelectionSql param(Object value) {
    params.add(value);
    return this;
  }

  /** Appends the client, window, subject and exclusion criteria of {@code s}. */
  SelectionSql selection(RecordSelection s) {
    append(t.client + " = ?").param(s.client().value());
    if (s.from() != null) {
      append(" AND " + t.time + " >= ?").param(s.from());
    }
    if (s.before() != null) {
      append(" AND " + t.time + " < ?").param(s.before());
    }
    if (!s.subjects().isEmpty()) {
      append(" AND ");
      if (!subjects(s.subjects(), false)) {
        append("1 = 0");
      }
    }
    for (RecordSelection.Exclusion x : s.excluding()) {
      append(" AND NOT (");
      covers(x);
      append(")");
    }
    return this;
  }

  /** Appends the condition that a row lies inside {@code x} (its window and its subjects). */
  SelectionSql covers(RecordSelection.Exclusion x) {
    boolean first = true;
    if (x.from() != null) {
      append(t.time + " >= ?").param(x.from());
      first = false;
    }
    if (x.before() != null) {
      append(first ? "" : " AND ").append(t.time + " < ?").param(x.before());
      first = false;
    }
    if (!x.subjects().isEmpty()) {
      append(first ? "" : " AND ");
      if (!subjects(x.subjects(), true)) {
        append("1 = 0");
      }
      first = false;
    }
    if (first) {
      append("1 = 1");
    }
    return this;
  }

  /** Appends "client is one of {@code clients}" (one array parameter where the dialect has them). */
  SelectionSql clientIn(Collection<ClientId> clients) {
    t.dialect.appendIn(this, t.client, clients.stream().map(ClientId::value).toList(), false);
    return this;
  }

  /**
   * Appends the criteria of a group: its clients, window and, for each set of clients sparing
   * the same slices, "NOT (client IN (...) AND (inside a slice))".
   */
  SelectionSql group(GroupSelection g) {
    clientIn(g.clients().keySet());
    if (g.from() != null) {
      append(" AND " + t.time + " >= ?").param(g.from());
    }
    append(" AND " + t.time + " < ?").param(g.before());
    return spared(g);
  }

  /** Appends " AND NOT (...)" for each set of the group's clients sparing the same slices. */
  SelectionSql spared(GroupSelection g) {
    Map<List<RecordSelection.Exclusion>, List<ClientId>> bySpared = new LinkedHashMap<>();
    g.clients().forEach((client, spared) -> {
      if (!spared.isEmpty()) {
        bySpared.computeIfAbsent(spared, k -> new ArrayList<>()).add(client);
      }
    });
    bySpared.forEach((spared, clients) -> {
      append(" AND NOT (");
      if (clients.size() < g.clients().size()) {
        // Only some clients spare these slices; when all do, the test is left out (it would
        // cost a comparison per row and per client).
        clientIn(clients).append(" AND ");
      }
      append("(");
      for (int i = 0; i < spared.size(); i++) {
        append(i == 0 ? "(" : " OR (");
        covers(spared.get(i));
        append(")");
      }
      append("))");
    });
    return this;
  }

  /** Appends "(time, id) after {@code p}" (everything at or after p's time if p has no id). */
  SelectionSql after(RowKey p) {
    if (p.id() == null) {
      return append(" AND " + t.time + " >= ?").param(p.time());
    }
    // time >= t0 lets the database seek the time index; the OR finishes the (time, id) order.
    return append(" AND " + t.time + " >= ?").param(p.time())
        .append(" AND (" + t.time + " > ?").param(p.time())
        .append(" OR " + t.id + " > ?").param(new IdParam(p.id())).append(")");
  }

  /**
   * Appends "(col IN (...) OR ...)" over the subject columns whose kind matches some of {@code
   * identifiers}; false (and appends nothing) if no column can hold any of them. {@code
   * nullSafe} makes a NULL column count as "no match" even under NOT.
   */
  boolean subjects(Collection<SubjectIdentifier> identifiers, boolean nullSafe) {
    Map<SubjectKind, List<String>> byKind = new LinkedHashMap<>();
    for (SubjectIdentifier id : identifiers) {
      byKind.computeIfAbsent(SubjectKind.of(id), k -> new ArrayList<>()).add(id.value());
    }
    List<BoundTable.Subject> usable = t.subjects.stream()
        .filter(s -> byKind.containsKey(s.kind())).toList();
    if (usable.isEmpty()) {
      return false;
    }
    append("(");
    for (int i = 0; i < usable.size(); i++) {
      BoundTable.Subject s = usable.get(i);
      List<String> values = byKind.get(s.kind());
      append(i == 0 ? "" : " OR ");
      if (nullSafe) {
        append("(" + s.sql() + " IS NOT NULL AND ");
      }
      if (values.size() == 1) {
        append(s.sql() + " = ?").param(values.get(0));
      } else {
        // Under NOT (nullSafe) the list filters: a hold's subjects, often many.
        t.dialect.appendIn(this, s.sql(), values, nullSafe);
      }
      if (nullSafe) {
        append(")");
      }
    }
    append(")");
    return true;
  }

  PreparedStatement prepare(Connection c) throws SQLException {
    PreparedStatement ps = c.prepareStatement(text.toString());
    try {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        int index = i + 1;
        if (p instanceof Instant instant) {
          t.bindTime(ps, index, instant);
        } else if (p instanceof TextArray a) {
          ps.setArray(index, c.createArrayOf("varchar", a.values()));
        } else if (p instanceof IdParam id) {
          t.bindId(ps, index, id.value());
        } else if (p instanceof String s) {
          ps.setString(index, s);
        } else if (p instanceof Integer n) {
          ps.setInt(index, n);
        } else if (p instanceof Boolean b) {
          ps.setBoolean(index, b);
        } else {
          throw new IllegalStateException("unexpected parameter type " + p.getClass());
        }
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }
}
