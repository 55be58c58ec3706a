package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The reads of {@link JdbcHostData}: who holds a subject's records and which ones (one indexed
 * query per mapped table), a category's clients, a client's records streamed with a fetch size,
 * and counts. Tables are visited in category order, so results come in a stable order.
 */
final class HostLookups {
  private final Jdbc jdbc;
  private final List<BoundTable> tables;
  private final int fetchSize;

  HostLookups(Jdbc jdbc, Collection<BoundTable> tables, int fetchSize) {
    this.jdbc = jdbc;
    this.tables = tables.stream()
        .sorted((a, b) -> a.mapping.category().compareTo(b.mapping.category())).toList();
    this.fetchSize = fetchSize;
  }

  Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers) {
    Set<ClientId> out = new TreeSet<>();
    if (identifiers.isEmpty()) {
      return out;
    }
    jdbc.autoCommit(c -> {
      for (BoundTable t : tables) {
        SelectionSql q = new SelectionSql(t)
            .append("SELECT DISTINCT " + t.client + " FROM " + t.table + " WHERE ");
        if (!q.subjects(identifiers, false)) {
          continue;
        }
        try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(ClientId.of(rs.getString(1)));
          }
        }
      }
      return null;
    });
    return out;
  }

  List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers) {
    List<HostRecord> out = new ArrayList<>();
    if (identifiers.isEmpty()) {
      return out;
    }
    jdbc.autoCommit(c -> {
      for (BoundTable t : tables) {
        SelectionSql q = new SelectionSql(t)
            .append("SELECT * FROM " + t.table + " WHERE " + t.client + " = ?")
            .param(client.value()).append(" AND ");
        if (!q.subjects(identifiers, false)) {
          continue;
        }
        q.append(" ORDER BY " + t.id);
        try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
          RowReader reader = new RowReader(t, client, rs.getMetaData());
          while (rs.next()) {
            out.add(reader.read(rs));
          }
        }
      }
      return null;
    });
    return out;
  }

  Set<ClientId> clients(BoundTable t) {
    Set<ClientId> out = new TreeSet<>();
    jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(t.dialect.distinctClients(c, t));
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(ClientId.of(rs.getString(1)));
        }
      }
      return null;
    });
    return out;
  }

  void stream(BoundTable t, ClientId client, Consumer<HostRecord> sink) {
    String sql = "SELECT * FROM " + t.table + " WHERE " + t.client + " = ? ORDER BY " + t.id;
    // PostgreSQL keeps a cursor (and honours the fetch size) only outside auto-commit. Never
    // retried: the sink has seen the rows already.
    jdbc.transactionOnce(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(fetchSize);
        ps.setString(1, client.value());
        try (ResultSet rs = ps.executeQuery()) {
          rs.setFetchSize(fetchSize);
          RowReader reader = new RowReader(t, client, rs.getMetaData());
          while (rs.next()) {
            sink.accept(reader.read(rs));
          }
        }
      }
      return null;
    });
  }

  long count(BoundTable t, RecordSelection selection) {
    SelectionSql q = new SelectionSql(t).append("SELECT COUNT(*) FROM " + t.table + " WHERE ")
        .selection(selection);
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
