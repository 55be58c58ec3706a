package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
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
 * A group's sweep ({@link JdbcHostData#deleteGroupBatch}): walks the group's window once for all
 * its clients, in time order, one time window per batch. Each batch deletes the selected rows of
 * the group's clients in its window with one range statement through the {@code (client, time)}
 * index ({@link SweepStatements#deleteWindow}) and commits. The first window is sized by counting
 * the rows of the whole range, each next one from what the last one held, to about nine tenths of
 * a batch; a window that turns out to hold more than {@code limit} rows is undone (its
 * transaction rolled back, or nothing deleted yet) and narrowed. Should more than {@code limit}
 * rows share one millisecond, that window is deleted in (time, id) order from the last row
 * deleted.
 */
final class GroupWalk {
  private final Jdbc jdbc;

  GroupWalk(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The next batch of the walk that {@code afterKey} (null: none yet) stands at. */
  GroupDeletion deleteBatch(BoundTable t, GroupSelection selection, String afterKey, int limit) {
    WalkCursor walk = afterKey == null ? null : WalkCursor.parse(afterKey);
    boolean ordered = false;
    while (true) {
      WalkCursor from = walk;
      boolean inOrder = ordered;
      try {
        return jdbc.undoableTransaction(c -> walk(c, t, selection, from, limit, inOrder));
      } catch (WindowTooWide tooWide) {
        // Undone. The same start, with a window narrower by what it held; or, if a millisecond
        // already held more than a batch, that millisecond in (time, id) order.
        ordered = tooWide.walk.widthMillis() <= 1;
        walk = ordered ? tooWide.walk : tooWide.narrowed(limit);
      }
    }
  }

  /** A window that held more than a batch, thrown out of (and so undoing) its transaction. */
  static final class WindowTooWide extends RuntimeException {
    private final long rows;
    private final transient WalkCursor walk;

    WindowTooWide(long rows, WalkCursor walk) {
      super(null, null, false, false);
      this.rows = rows;
      this.walk = walk;
    }

    WalkCursor narrowed(int limit) {
      return walk.narrowed(rows, limit);
    }
  }

  /**
   * One batch from {@code start} (null: the beginning) in one transaction. {@code ordered}: the
   * start's window is known to hold more than a batch within one millisecond.
   *
   * @throws WindowTooWide if a window deleted more than a batch (undone with the transaction)
   */
  private GroupDeletion walk(Connection c, BoundTable t, GroupSelection selection,
      WalkCursor start, int limit, boolean ordered) throws SQLException {
    WalkCursor w = start != null ? start : startWalk(c, t, selection, limit);
    if (w == null) {
      return new GroupDeletion(Map.of(), null, true);
    }
    SweepStatements sweep = t.dialect.sweep();
    while (true) {
      Instant end = w.windowEnd(selection.before());
      boolean last = !end.isBefore(selection.before());
      GroupSelection window = selection.withWindow(selection.from(), end);
      SweepStatements.Tally tally = ordered ? new SweepStatements.Tally(limit + 1L, null)
          : sweep.deleteWindow(c, t, window, w.position(), limit);
      if (tally.deleted() == null && w.widthMillis() > 1) {
        w = w.narrowed(tally.rows(), limit); // more than a batch (nothing deleted): narrower
        continue;
      }
      if (tally.deleted() == null) {
        // More than a batch within one millisecond: this window goes in (time, id) order.
        Picked p = pickThenDelete(c, t, window, w.position(), limit);
        if (p.picked() == limit) {
          return new GroupDeletion(p.deleted(),
              new WalkCursor(p.last(), w.widthMillis()).encode(), false);
        }
        // Fewer than a batch were selectable (the rest held): the window is done.
        return new GroupDeletion(p.deleted(),
            new WalkCursor(new RowKey(end, null), w.widthMillis()).encode(), last);
      }
      WalkCursor next = new WalkCursor(new RowKey(end, null), w.resized(tally.rows(), limit));
      if (tally.rows() > 0 || last) {
        return new GroupDeletion(tally.deleted(), next.encode(), last);
      }
      w = next; // nothing selected in this window: look further, wider
    }
  }

  /** Where a group's walk starts, with a window sized from the rows it holds; null if none. */
  private WalkCursor startWalk(Connection c, BoundTable t, GroupSelection selection, int limit)
      throws SQLException {
    Instant start = selection.from();
    if (start == null) {
      start = t.dialect.sweep().earliest(c, t, selection).orElse(null); // from is null: no lower bound
      if (start == null) {
        return null;
      }
    }
    RowKey from = new RowKey(start, null);
    long rows = countWindow(c, t, selection, from, selection.before());
    long span = Math.max(1, selection.before().toEpochMilli() - start.toEpochMilli() + 1);
    WalkCursor whole = new WalkCursor(from, span);
    return rows <= limit ? whole : new WalkCursor(from, whole.resized(rows, limit));
  }

  /**
   * Per client, the earliest record time at or after the group's {@code from} and before its
   * {@code before}: one seek of the {@code (client, time)} index per client.
   */
  static Optional<Instant> earliest(Connection c, BoundTable t, GroupSelection selection)
      throws SQLException {
    String sql = "SELECT MIN(" + t.time + ") FROM " + t.table + " WHERE " + t.client + " = ? AND "
        + t.time + " < ?" + (selection.from() == null ? "" : " AND " + t.time + " >= ?");
    Instant min = null;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (ClientId client : selection.clients().keySet()) {
        ps.setString(1, client.value());
        t.bindTime(ps, 2, selection.before());
        if (selection.from() != null) {
          t.bindTime(ps, 3, selection.from());
        }
        try (ResultSet rs = ps.executeQuery()) {
          Instant m = rs.next() ? t.readTime(rs, 1) : null;
          if (m != null && (min == null || m.isBefore(min))) {
            min = m;
          }
        }
      }
    }
    return Optional.ofNullable(min);
  }

  /** Rows of the group's clients from {@code from} to {@code end}, held or not: an upper bound. */
  private static long countWindow(Connection c, BoundTable t, GroupSelection selection,
      RowKey from, Instant end) throws SQLException {
    SelectionSql q = new SelectionSql(t).append("SELECT COUNT(*) FROM " + t.table + " WHERE ")
        .clientIn(selection.clients().keySet()).append(" AND " + t.time + " < ?").param(end)
        .after(from);
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** What an ordered batch deleted, and the last row it deleted. */
  private record Picked(int picked, Map<ClientId, Long> deleted, RowKey last) {}

  /** Deletes the next {@code limit} selected rows of {@code window} in (time, id) order. */
  private static Picked pickThenDelete(Connection c, BoundTable t, GroupSelection window,
      RowKey from, int limit) throws SQLException {
    SelectionSql q = new SelectionSql(t)
        .append("SELECT " + t.client + ", " + t.time + ", " + t.id + " FROM " + t.table + " WHERE ")
        .group(window).after(from)
        .append(" ORDER BY " + t.time + ", " + t.id + t.dialect.limit()).param(limit);
    Map<ClientId, List<RowKey>> byClient = new LinkedHashMap<>();
    RowKey last = from;
    int picked = 0;
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        picked++;
        RowKey k = new RowKey(t.readTime(rs, 2), rs.getString(3));
        byClient.computeIfAbsent(ClientId.of(rs.getString(1)), x -> new ArrayList<>()).add(k);
        last = k;
      }
    }
    return new Picked(picked, t.dialect.sweep().deleteByClient(c, t, byClient), last);
  }
}
