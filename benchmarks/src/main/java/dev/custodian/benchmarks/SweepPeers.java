package dev.custodian.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What B1's library sweep is compared with: the same expired, unheld rows of identical copies of
 * {@code call_log} deleted by the SQL a DBA would write, each sparing the held callers as the
 * library does, each measured from a checkpoint.
 *
 * <ul>
 *   <li>{@link #singleDelete}: one unbounded {@code DELETE} (the limit: one transaction, one scan);
 *   <li>{@link #keysetLoop}: a keyset-batched loop of committed {@code DELETE}s of 10,000 rows in
 *       key order, one session (the peer);
 *   <li>{@link #libraryStatements}: the statements the library's sweep issues to the host's table
 *       (window sizing counts, one range {@code DELETE} per batch that counts per client), from a
 *       plain JDBC loop on as many sessions as the sweep has nodes, each batch committed, with no
 *       evidence, no holds re-read and no work queue (the library's own overhead).
 * </ul>
 */
final class SweepPeers {
  /** A peer's run: rows deleted, batches committed, seconds. */
  record Run(String name, long deleted, long batches, double secs) {
    double rate() {
      return deleted / secs;
    }
  }

  private final BenchTables tables;
  private final DataSource ds;
  private final String[] held = BenchTables.heldNumbers();

  SweepPeers(BenchTables tables) {
    this.tables = tables;
    this.ds = tables.ds;
  }

  /** The held callers and callees spared, as the library's statement spares them. */
  private static String spare() {
    return " AND NOT ((caller IS NOT NULL AND caller IN (SELECT unnest(CAST(? AS VARCHAR[]))))"
        + " OR (callee IS NOT NULL AND callee IN (SELECT unnest(CAST(? AS VARCHAR[])))))";
  }

  private int bindSpare(Connection c, PreparedStatement ps, int from) throws SQLException {
    Array a = c.createArrayOf("varchar", held);
    ps.setArray(from, a);
    ps.setArray(from + 1, a);
    return from + 2;
  }

  /** One {@code DELETE} of every expired, unheld row. */
  Run singleDelete() throws SQLException {
    tables.execute("CHECKPOINT");
    long t = System.nanoTime();
    long deleted;
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "DELETE FROM call_log_single WHERE started_at < ?" + spare())) {
      ps.setObject(1, BenchTables.CUTOFF.atOffset(ZoneOffset.UTC));
      bindSpare(c, ps, 2);
      deleted = ps.executeUpdate();
    }
    return new Run("single DELETE", deleted, 1, secs(t));
  }

  /**
   * A careful DBA's batched loop: the next 10,000 expired, unheld ids after the last one deleted,
   * through the primary key, deleted and committed; only their count and the last id come back.
   * Stops at the first batch short of 10,000 (nothing selectable is left after it).
   */
  Run keysetLoop(int batch) throws SQLException {
    tables.execute("CHECKPOINT");
    String sql = "WITH gone AS (DELETE FROM call_log_loop WHERE id IN (SELECT id FROM call_log_loop"
        + " WHERE id > ? AND started_at < ?" + spare() + " ORDER BY id LIMIT ?) RETURNING id)"
        + " SELECT COUNT(*), MAX(id) FROM gone";
    long t = System.nanoTime();
    long deleted = 0;
    long batches = 0;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        long last = 0;
        while (true) {
          ps.setLong(1, last);
          ps.setObject(2, BenchTables.CUTOFF.atOffset(ZoneOffset.UTC));
          int i = bindSpare(c, ps, 3);
          ps.setInt(i, batch);
          long n;
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            n = rs.getLong(1);
            last = n == 0 ? last : rs.getLong(2);
          }
          c.commit();
          deleted += n;
          batches++;
          if (n < batch) {
            break;
          }
        }
      } finally {
        c.setAutoCommit(true);
      }
    }
    return new Run("keyset loop", deleted, batches, secs(t));
  }

  /**
   * The library's statements to the host's table, without the library: the group's expired range
   * cut into the same time slices as the plan's (about six batches each), shared by {@code
   * sessions} threads; each slice walked in time windows sized as the library sizes them (a count
   * of the slice first, then nine tenths of a batch from what the last window held), each window
   * one range {@code DELETE} counting its rows per client and committed, a window that held more
   * than a batch undone to a savepoint and narrowed.
   */
  Run libraryStatements(int batch, int sessions) throws Exception {
    tables.execute("CHECKPOINT");
    String[] clients = new String[BenchTables.CLIENTS];
    for (int k = 0; k < clients.length; k++) {
      clients[k] = BenchTables.client(k).value();
    }
    // The plan cuts the slices before the sweep starts: not timed, as for the library.
    List<Instant> bounds = sliceBounds(clients, batch);
    long t = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    AtomicLong deleted = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      done.add(pool.submit(() -> {
        try (Connection c = ds.getConnection()) {
          c.setAutoCommit(false);
          int k;
          while ((k = next.getAndIncrement()) < bounds.size() - 1) {
            walkSlice(c, clients, bounds.get(k), bounds.get(k + 1), k == 0, batch, deleted, batches);
          }
          c.setAutoCommit(true);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return new Run("library's statements", deleted.get(), batches.get(), secs(t));
  }

  /**
   * The slices' bounds as the planner cuts them: from the earliest expired row (one MIN per
   * client), about six batches of the range's rows per slice, whole seconds.
   */
  private List<Instant> sliceBounds(String[] clients, int batch) throws SQLException {
    Instant before = BenchTables.CUTOFF;
    Instant start = null;
    long matched = 0;
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT MIN(started_at) FROM call_log_pure WHERE client_id = ? AND started_at < ?")) {
        for (String client : clients) {
          ps.setString(1, client);
          ps.setObject(2, before.atOffset(ZoneOffset.UTC));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            Instant m = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            start = start == null || m.isBefore(start) ? m : start;
          }
        }
      }
      // The plan knows the group's rows from its own counts; this count stands for them.
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM call_log_pure WHERE started_at < ?")) {
        ps.setObject(1, before.atOffset(ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          matched = rs.getLong(1);
        }
      }
    }
    long perSlice = (long) batch * 6;
    int wanted = (int) Math.min(64, Math.max(1, (matched + perSlice - 1) / perSlice));
    List<Instant> out = new ArrayList<>();
    out.add(null);
    Duration step = Duration.between(start, before).dividedBy(wanted);
    for (int k = 1; k < wanted; k++) {
      out.add(start.plus(step.multipliedBy(k)).truncatedTo(ChronoUnit.SECONDS));
    }
    out.add(before);
    return out;
  }

  private void walkSlice(Connection c, String[] clients, Instant from, Instant before,
      boolean first, int batch, AtomicLong deleted, AtomicLong batches) throws SQLException {
    Array clientArray = c.createArrayOf("varchar", clients);
    Instant start = from;
    if (first) {
      // The first slice starts at the earliest row: one seek per client, as the library's walk.
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(f.m) FROM unnest(CAST(? AS"
          + " VARCHAR[])) AS k(v) CROSS JOIN LATERAL (SELECT MIN(started_at) AS m FROM"
          + " call_log_pure WHERE client_id = k.v AND started_at < ?) f")) {
        ps.setArray(1, clientArray);
        ps.setObject(2, before.atOffset(ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          start = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
      }
      c.commit();
    }
    long rows;
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM call_log_pure"
        + " WHERE client_id = ANY(?) AND started_at < ? AND started_at >= ?")) {
      ps.setArray(1, clientArray);
      ps.setObject(2, before.atOffset(ZoneOffset.UTC));
      ps.setObject(3, start.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rows = rs.getLong(1);
      }
    }
    c.commit();
    long width = Math.max(1, before.toEpochMilli() - start.toEpochMilli() + 1);
    if (rows > batch) {
      width = resized(width, rows, batch);
    }
    String delete = "WITH gone AS (DELETE FROM call_log_pure WHERE client_id = ANY(?)"
        + " AND started_at >= ? AND started_at < ?" + spare()
        + " RETURNING CAST(client_id AS VARCHAR) AS custodian_client)"
        + " SELECT custodian_client, COUNT(*) FROM gone GROUP BY custodian_client";
    long position = start.toEpochMilli();
    try (PreparedStatement ps = c.prepareStatement(delete)) {
      while (position < before.toEpochMilli()) {
        long end = Math.min(before.toEpochMilli(), position + width);
        Savepoint point = c.setSavepoint();
        ps.setArray(1, clientArray);
        ps.setObject(2, Instant.ofEpochMilli(position).atOffset(ZoneOffset.UTC));
        ps.setObject(3, Instant.ofEpochMilli(end).atOffset(ZoneOffset.UTC));
        bindSpare(c, ps, 4);
        long total = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            total += rs.getLong(2);
          }
        }
        if (total > batch) {
          c.rollback(point); // too wide: undone, narrower
          width = Math.max(1, Math.min(width - 1, resized(width, total, batch)));
          continue;
        }
        c.releaseSavepoint(point);
        c.commit();
        position = end;
        width = resized(width, total, batch);
        if (total > 0) {
          deleted.addAndGet(total);
          batches.incrementAndGet();
        }
      }
    }
  }

  /** As the library's walk: nine tenths of a batch had the window held {@code rows}, at most twice. */
  private static long resized(long width, long rows, int batch) {
    double factor = rows == 0 ? 2.0 : Math.min(2.0, 0.9 * batch / rows);
    return Math.max(1, (long) (width * factor));
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
