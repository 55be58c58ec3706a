package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostPartition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whole-partition sweeps on PostgreSQL ({@link PartitionSweep}): lists the range partitions of a
 * mapped table on its time column that lie inside a group's window and hold only the group's
 * clients, and empties one for the group.
 *
 * <p>Emptying runs in the caller's transaction: it locks the partition ({@code ACCESS EXCLUSIVE},
 * so nothing changes in it until commit), counts its rows per client with one {@code GROUP BY},
 * copies the rows the group does not select (those the clients' holds spare) to a temporary table
 * ({@code ON COMMIT DROP}) and counts them per client (what goes is the difference, exactly), then
 * {@code TRUNCATE}s the partition and inserts them back. {@code TRUNCATE} is transactional on PostgreSQL: a crash or a rollback before commit leaves
 * the partition as it was. With {@link PartitionSweep#DROP} and no spared row, the partition is
 * detached and dropped instead. Where a partition no longer qualifies (another client's row in it,
 * bounds changed, gone), nothing is touched and the caller falls back to row batches.
 *
 * <p>Reached through {@link SqlDialect#partitions()}: only {@link PostgresDialect} has one.
 *
 * <p>Only partitions that are plain tables are used (a sub-partitioned or default partition, or one
 * with a foreign key pointing at it or its parent, is left to row batches). Partition names come
 * from the catalogue ({@code regclass}, quoted by the database), never from the caller: a name
 * passed back is matched against the catalogue's list.
 */
final class PostgresPartitions {
  PostgresPartitions() {}

  /** A range partition of the mapped table, named as SQL, with its time bounds. */
  private record Child(String name, Instant from, Instant before, String columns) {}

  /** Per client, the rows of a partition and those the group selects; null if not only the group's. */
  private record Counts(Map<ClientId, long[]> byClient) {
    long rows() {
      return byClient.values().stream().mapToLong(n -> n[0]).sum();
    }

    long selected() {
      return byClient.values().stream().mapToLong(n -> n[1]).sum();
    }
  }

  /** The partitions a group may empty whole, in time order, with their counts. */
  List<HostPartition> list(Connection c, BoundTable t, GroupSelection selection)
      throws SQLException {
    List<HostPartition> out = new ArrayList<>();
    for (String name : members(c, t)) {
      Child child = bounds(c, t, name);
      if (child == null || !inside(child, selection)) {
        continue;
      }
      Counts n = count(c, t, child, selection);
      if (n != null && n.selected() > 0) {
        out.add(new HostPartition(child.name(), child.from(), child.before(), n.rows(), n.selected()));
      }
    }
    out.sort((x, y) -> x.from().compareTo(y.from()));
    return out;
  }

  /**
   * Empties the named partition for the group, sparing what the group's clients spare; empty if
   * it no longer qualifies. Runs on {@code c}'s transaction, which must not be in auto-commit.
   */
  Optional<GroupDeletion> empty(Connection c, BoundTable t, GroupSelection selection,
      String partition, PartitionSweep mode) throws SQLException {
    if (!members(c, t).contains(partition)) {
      return Optional.empty();
    }
    // Locked first: reading its bounds takes a lock too, so a node never waits on another's
    // partition, and nothing changes in this one until commit. The temporary table for the rows
    // to keep is made in the same round trip (pg_temp: never one of the host's tables).
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE;"
          + " DROP TABLE IF EXISTS pg_temp.custodian_kept;"
          + " CREATE TEMPORARY TABLE custodian_kept ON COMMIT DROP AS SELECT * FROM " + partition
          + " WITH NO DATA");
    }
    Child child = bounds(c, t, partition);
    if (child == null || !inside(child, selection)) {
      return Optional.empty();
    }
    // Every row of the partition, per client (no predicate: the cheapest scan there is); then the
    // rows to keep (the group does not select them: held, mostly) copied aside and counted.
    Map<ClientId, long[]> rows = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST("
        + t.client + " AS VARCHAR), COUNT(*) FROM " + child.name() + " GROUP BY 1")) {
      while (rs.next()) {
        ClientId client = client(rs.getString(1));
        if (client == null || !selection.clients().containsKey(client)) {
          return Optional.empty();
        }
        rows.put(client, new long[] {rs.getLong(2), 0});
      }
    }
    long total = rows.values().stream().mapToLong(n -> n[0]).sum();
    SelectionSql copy = new SelectionSql(t)
        .append("WITH kept AS (INSERT INTO pg_temp.custodian_kept SELECT * FROM " + child.name()
            + " WHERE (").group(selection).append(") IS NOT TRUE RETURNING " + t.client
            + " AS custodian_client) SELECT CAST(custodian_client AS VARCHAR), COUNT(*) FROM kept"
            + " GROUP BY 1");
    long kept = 0;
    try (PreparedStatement ps = copy.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.get(ClientId.of(rs.getString(1)))[1] = rs.getLong(2);
        kept += rs.getLong(2);
      }
    }
    Map<ClientId, Long> deleted = new LinkedHashMap<>();
    rows.forEach((client, n) -> deleted.put(client, n[0] - n[1]));
    String dropKept = "DROP TABLE pg_temp.custodian_kept";
    try (Statement s = c.createStatement()) {
      if (kept == total) {
        s.execute(dropKept); // nothing to delete: the partition is left as it is
      } else if (kept == 0 && mode == PartitionSweep.DROP) {
        s.execute("ALTER TABLE " + t.table + " DETACH PARTITION " + child.name() + "; DROP TABLE "
            + child.name() + "; " + dropKept);
      } else if (kept == 0) {
        s.execute("TRUNCATE " + child.name() + "; " + dropKept);
      } else {
        // One round trip: truncate, put the kept rows back (identity values kept, generated
        // columns recomputed), drop the copy; the second result is the rows put back.
        s.execute("TRUNCATE " + child.name() + "; INSERT INTO " + child.name() + " ("
            + child.columns() + ") OVERRIDING SYSTEM VALUE SELECT " + child.columns()
            + " FROM pg_temp.custodian_kept; " + dropKept);
        s.getMoreResults();
        long back = s.getUpdateCount();
        if (back != kept) {
          // Cannot happen under the lock; thrown so that the transaction is undone.
          throw new IllegalStateException("partition " + child.name() + ": " + kept
              + " rows to keep, " + back + " put back");
        }
      }
    }
    return Optional.of(new GroupDeletion(deleted, child.name(), true));
  }

  private static boolean inside(Child child, GroupSelection selection) {
    return (selection.from() == null || !child.from().isBefore(selection.from()))
        && !child.before().isAfter(selection.before());
  }

  /**
   * The names of the plain-table partitions of the mapped table when it is range-partitioned on
   * its time column alone; none if it is not, or if a foreign key points at it. Takes no lock.
   */
  private static List<String> members(Connection c, BoundTable t) throws SQLException {
    String sql = "SELECT CAST(CAST(c.oid AS regclass) AS VARCHAR)"
        + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " JOIN pg_partitioned_table p ON p.partrelid = i.inhparent"
        + " JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]"
        + " WHERE i.inhparent = CAST(? AS regclass) AND c.relkind = 'r' AND p.partstrat = 'r'"
        + " AND p.partnatts = 1 AND a.attname = ?"
        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contype = 'f'"
        + " AND k.confrelid IN (c.oid, i.inhparent))";
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, t.table);
      ps.setString(2, t.timeName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * The time bounds of a partition {@link #members} named; null for the default partition or an
   * unbounded one. Waits for a lock another transaction holds on it (the catalogue's rendering of
   * the bounds takes one).
   */
  private static Child bounds(Connection c, BoundTable t, String name) throws SQLException {
    String type = t.zonedTime ? "TIMESTAMPTZ" : "TIMESTAMP";
    String bound = "pg_get_expr(c.relpartbound, c.oid)";
    try (PreparedStatement ps = c.prepareStatement("SELECT"
        + " CAST(substring(" + bound + " from 'FROM \\(''([^'']*)''\\)') AS " + type + "),"
        + " CAST(substring(" + bound + " from 'TO \\(''([^'']*)''\\)') AS " + type + "),"
        + " (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a"
        + " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        + " AND a.attgenerated = '')"
        + " FROM pg_class c WHERE c.oid = CAST(? AS regclass)")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Instant from = t.readTime(rs, 1);
        Instant before = t.readTime(rs, 2);
        return from != null && before != null && from.isBefore(before)
            ? new Child(name, from, before, rs.getString(3)) : null;
      }
    }
  }


  /** Per client, the partition's rows and those the group selects; null if another client's are there. */
  private static Counts count(Connection c, BoundTable t, Child child, GroupSelection selection)
      throws SQLException {
    SelectionSql q = new SelectionSql(t)
        .append("SELECT CAST(" + t.client + " AS VARCHAR), COUNT(*), COUNT(*) FILTER (WHERE ")
        .group(selection).append(") FROM " + child.name() + " GROUP BY 1");
    Map<ClientId, long[]> byClient = new LinkedHashMap<>();
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ClientId client = client(rs.getString(1));
        if (client == null || !selection.clients().containsKey(client)) {
          return null;
        }
        byClient.put(client, new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    return new Counts(byClient);
  }

  private static ClientId client(String value) {
    try {
      return value == null ? null : ClientId.of(value);
    } catch (IllegalArgumentException notAClient) {
      return null;
    }
  }
}
