package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.RecordSelection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sweeps on databases without {@code DELETE ... RETURNING} (MariaDB/MySQL, H2): each batch reads
 * the keys it will delete (at most {@code limit + 1}, from where the last stopped), then deletes
 * them by key in lists of {@value #IN_LIST}, in the same transaction.
 */
final class KeyListSweep implements SweepStatements {
  /** Keys per DELETE statement. */
  private static final int IN_LIST = 500;

  private final SqlDialect dialect;

  KeyListSweep(SqlDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public DeletionBatch deleteBatch(Connection c, BoundTable t, RecordSelection selection,
      RowKey after, String afterKey, int limit) throws SQLException {
    SelectionSql q = new SelectionSql(t)
        .append("SELECT " + t.time + ", " + t.id + " FROM " + t.table + " WHERE ")
        .selection(selection);
    if (after != null) {
      q.after(after);
    }
    q.append(" ORDER BY " + t.time + ", " + t.id + dialect.limit()).param(limit + 1);
    List<RowKey> keys = new ArrayList<>(Math.min(limit + 1, 10_001));
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        keys.add(new RowKey(t.readTime(rs, 1), rs.getString(2)));
      }
    }
    boolean exhausted = keys.size() <= limit;
    if (keys.isEmpty()) {
      return new DeletionBatch(0, afterKey, true);
    }
    List<RowKey> doomed = keys.subList(0, Math.min(limit, keys.size()));
    long deleted = deleteByKeys(c, t, selection.client(), doomed);
    return new DeletionBatch(deleted, doomed.get(doomed.size() - 1).encode(), exhausted);
  }

  /** Reads at most {@code limit + 1} keys; more than {@code limit}: nothing deleted. */
  @Override
  public Tally deleteWindow(Connection c, BoundTable t, GroupSelection window, RowKey from,
      int limit) throws SQLException {
    SelectionSql q = new SelectionSql(t)
        .append("SELECT " + t.client + ", " + t.id + " FROM " + t.table + " WHERE ")
        .group(window).after(from).append(dialect.limit()).param(limit + 1);
    Map<ClientId, List<RowKey>> byClient = new LinkedHashMap<>();
    int rows = 0;
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (++rows > limit) {
          return new Tally(2L * limit, null);
        }
        byClient.computeIfAbsent(ClientId.of(rs.getString(1)), x -> new ArrayList<>())
            .add(new RowKey(null, rs.getString(2)));
      }
    }
    return new Tally(rows, deleteByClient(c, t, byClient));
  }

  @Override
  public long deleteByKeys(Connection c, BoundTable t, ClientId client, List<RowKey> keys)
      throws SQLException {
    long deleted = 0;
    for (int from = 0; from < keys.size(); from += IN_LIST) {
      List<RowKey> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
      String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.table + " WHERE "
          + t.client + " = ? AND " + t.id + " IN (" + marks + ")")) {
        ps.setString(1, client.value());
        for (int i = 0; i < chunk.size(); i++) {
          t.bindId(ps, i + 2, chunk.get(i).id());
        }
        deleted += ps.executeUpdate();
      }
    }
    return deleted;
  }
}
