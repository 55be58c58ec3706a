package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.RecordSelection;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sweeps on PostgreSQL: every batch is one {@code DELETE ... RETURNING} statement (one round
 * trip), the rows it names being exactly the rows it deleted; keys are deleted with one array
 * parameter. The sweep's statements for PostgreSQL live here and nowhere else.
 */
final class ReturningSweep implements SweepStatements {
  /**
   * The whole batch in one statement. It picks the next {@code limit + 1} keys in (time, id) order
   * through the (client, time) index, deletes the first {@code limit} of them by physical row
   * address (a TID scan: no second index descent per row) and answers with how many it picked and
   * deleted, the batch's last key and the ids it picked but did not delete. A row updated by
   * another transaction since the statement's snapshot has moved to a new address; such rows
   * (rare) are then deleted by key in the same transaction, so the batch deletes exactly the rows
   * the key-list path would.
   */
  @Override
  public DeletionBatch deleteBatch(Connection c, BoundTable t, RecordSelection selection,
      RowKey after, String afterKey, int limit) throws SQLException {
    SelectionSql q = new SelectionSql(t)
        .append("WITH picked AS MATERIALIZED (SELECT ctid AS custodian_tid, " + t.time
            + " AS custodian_time, " + t.id + " AS custodian_id FROM " + t.table + " WHERE ")
        .selection(selection);
    if (after != null) {
      q.after(after);
    }
    q.append(" ORDER BY " + t.time + ", " + t.id + " LIMIT ?)").param(limit + 1)
        .append(", batch AS MATERIALIZED (SELECT * FROM picked"
            + " ORDER BY custodian_time, custodian_id LIMIT ?)").param(limit)
        .append(", gone AS (DELETE FROM " + t.table
            + " WHERE ctid = ANY(ARRAY(SELECT custodian_tid FROM batch)) AND " + t.client + " = ?"
            + " RETURNING " + t.id + " AS custodian_id)").param(selection.client().value())
        .append(" SELECT (SELECT COUNT(*) FROM picked), (SELECT COUNT(*) FROM gone),"
            + " last.custodian_time, CAST(last.custodian_id AS VARCHAR),"
            + " ARRAY(SELECT CAST(b.custodian_id AS VARCHAR) FROM batch b"
            + " WHERE b.custodian_id NOT IN (SELECT g.custodian_id FROM gone g))"
            + " FROM (SELECT 1) one LEFT JOIN (SELECT custodian_time, custodian_id FROM batch"
            + " ORDER BY custodian_time DESC, custodian_id DESC LIMIT 1) last ON TRUE");
    long picked;
    long deleted;
    RowKey last;
    List<RowKey> missing = new ArrayList<>();
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      rs.next();
      picked = rs.getLong(1);
      deleted = rs.getLong(2);
      Instant lastTime = t.readTime(rs, 3);
      last = lastTime == null ? null : new RowKey(lastTime, rs.getString(4));
      Array ids = rs.getArray(5);
      for (Object id : (Object[]) ids.getArray()) {
        missing.add(new RowKey(null, (String) id));
      }
      ids.free();
    }
    if (last == null) {
      return new DeletionBatch(0, afterKey, true);
    }
    if (!missing.isEmpty()) {
      deleted += deleteByKeys(c, t, selection.client(), missing);
    }
    return new DeletionBatch(deleted, last.encode(), picked <= limit);
  }

  /**
   * One statement that answers with the count per client of exactly the rows it deleted ({@code
   * RETURNING} the client of each, counted by the database: one row per client comes back, not one
   * per record). Too many: the batch is undone (thrown out of the transaction) and the caller
   * narrows the window.
   */
  @Override
  public Tally deleteWindow(Connection c, BoundTable t, GroupSelection window, RowKey from,
      int limit) throws SQLException {
    SelectionSql delete = new SelectionSql(t).append("WITH gone AS (DELETE FROM " + t.table
        + " WHERE ").group(window).after(from)
        .append(" RETURNING CAST(" + t.client + " AS VARCHAR) AS custodian_client)"
            + " SELECT custodian_client, COUNT(*) FROM gone GROUP BY custodian_client");
    Map<ClientId, Long> deleted = new LinkedHashMap<>();
    long total = 0;
    try (PreparedStatement ps = delete.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long n = rs.getLong(2);
        deleted.put(ClientId.of(rs.getString(1)), n);
        total += n;
      }
    }
    if (total > limit) {
      throw new GroupWalk.WindowTooWide(total,
          new WalkCursor(from, window.before().toEpochMilli() - from.time().toEpochMilli()));
    }
    return new Tally(total, deleted);
  }

  /** The earliest time the group selects, ignoring spared slices: one seek per client, one statement. */
  @Override
  public Optional<Instant> earliest(Connection c, BoundTable t, GroupSelection selection)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(custodian_first.m) FROM"
        + " unnest(CAST(? AS VARCHAR[])) AS custodian_client(v) CROSS JOIN LATERAL (SELECT MIN("
        + t.time + ") AS m FROM " + t.table + " WHERE " + t.client + " = custodian_client.v AND "
        + t.time + " < ?" + (selection.from() == null ? "" : " AND " + t.time + " >= ?")
        + ") custodian_first")) {
      ps.setArray(1, c.createArrayOf("varchar",
          selection.clients().keySet().stream().map(ClientId::value).toArray()));
      t.bindTime(ps, 2, selection.before());
      if (selection.from() != null) {
        t.bindTime(ps, 3, selection.from());
      }
      try (ResultSet rs = ps.executeQuery()) {
        return Optional.ofNullable(rs.next() ? t.readTime(rs, 1) : null);
      }
    }
  }

  @Override
  public long deleteByKeys(Connection c, BoundTable t, ClientId client, List<RowKey> keys)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.table + " WHERE "
        + t.client + " = ? AND " + t.id + " = ANY(?)")) {
      ps.setString(1, client.value());
      Array ids = t.numericId
          ? c.createArrayOf("bigint", keys.stream().map(k -> Long.valueOf(k.id())).toArray())
          : c.createArrayOf("varchar", keys.stream().map(RowKey::id).toArray());
      ps.setArray(2, ids);
      return ps.executeUpdate();
    }
  }
}
