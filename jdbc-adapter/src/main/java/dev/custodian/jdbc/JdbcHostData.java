package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupCount;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.spi.Transactions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The host's own tables as {@link HostData}, from a {@link HostDataMapping} alone: no SQL to write.
 *
 * <ul>
 *   <li>{@link #clientsHolding} and {@link #findSubject} query each mapped table by its subject
 *       columns (R-DSR-2, R-DSR-4), one indexed query per table; give those columns an index.
 *   <li>{@link #stream} reads a client's category with a fetch size (a server-side cursor on
 *       PostgreSQL, a streaming result on MariaDB), so memory stays constant whatever the volume.
 *   <li>{@link #deleteBatch} walks the selection in (time, id) order from the given key: each batch
 *       reads at most {@code limit + 1} keys from where the last stopped (an index range on the
 *       time column, never a re-scan from the start), deletes those rows and commits; on PostgreSQL
 *       both steps are one statement (one round trip). Give the time column an index with the
 *       client column first: {@code (client_id, started_at)}.
 *   <li>{@link #restrict} sets the mapped restricted column to true.
 * </ul>
 *
 * <p>Table and column names come only from the mapping, are checked to be plain identifiers, are
 * matched against the database's own catalogue when {@link Builder#build()} runs (a missing table
 * or column fails there, with its name) and are quoted per dialect: a mapping cannot inject SQL.
 * Every value is a bound parameter. Thread-safe.
 */
public final class JdbcHostData implements HostData, Transactions.Participant {
  /** Rows fetched per round trip when streaming, unless the builder says otherwise. */
  public static final int DEFAULT_FETCH_SIZE = 1000;
  /** Keys per DELETE statement on databases without array parameters. */
  private static final int IN_LIST = 500;

  private final Jdbc jdbc;
  private final Map<CategoryId, BoundTable> tables;
  private final int fetchSize;

  private JdbcHostData(Jdbc jdbc, Map<CategoryId, BoundTable> tables, int fetchSize) {
    this.jdbc = jdbc;
    this.tables = Map.copyOf(tables);
    this.fetchSize = fetchSize;
  }

  /** A builder over {@code dataSource} for the tables {@code mapping} names. */
  public static Builder builder(DataSource dataSource, HostDataMapping mapping) {
    return new Builder(dataSource, mapping);
  }

  /** Builds a {@link JdbcHostData}, checking the mapping against the database. */
  public static final class Builder {
    private final DataSource dataSource;
    private final HostDataMapping mapping;
    private Dialect dialect;
    private int fetchSize = DEFAULT_FETCH_SIZE;

    private Builder(DataSource dataSource, HostDataMapping mapping) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** The dialect; detected from the database if not given. */
    public Builder dialect(Dialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
      return this;
    }

    /** Rows per round trip when streaming; default {@value JdbcHostData#DEFAULT_FETCH_SIZE}. */
    public Builder fetchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("fetch size must be at least 1");
      }
      this.fetchSize = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a mapped table or column does not exist, or the time
     *     column is not a timestamp
     * @throws CustodianJdbcException if the database cannot be reached
     */
    public JdbcHostData build() {
      Dialect d = dialect != null ? dialect : Dialect.detect(dataSource);
      Jdbc jdbc = new Jdbc(dataSource, d);
      Map<CategoryId, BoundTable> bound = jdbc.autoCommit(c -> {
        Map<CategoryId, BoundTable> out = new LinkedHashMap<>();
        for (TableMapping t : mapping.tables()) {
          out.put(t.category(), BoundTable.bind(c, d, t));
        }
        return out;
      });
      return new JdbcHostData(jdbc, bound, fetchSize);
    }
  }

  /** Units of work on this store's data source ({@link JdbcTransactions}), which this store joins. */
  @Override
  public Transactions transactions() {
    return jdbc.transactions();
  }

  @Override
  public Set<CategoryId> categories() {
    return new TreeSet<>(tables.keySet());
  }

  @Override
  public Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers) {
    Objects.requireNonNull(identifiers, "identifiers");
    Set<ClientId> out = new TreeSet<>();
    if (identifiers.isEmpty()) {
      return out;
    }
    jdbc.autoCommit(c -> {
      for (BoundTable t : sorted()) {
        Sql q = new Sql(t, jdbc.dialect()).append("SELECT DISTINCT " + t.client + " FROM " + t.table + " WHERE ");
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

  @Override
  public List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(identifiers, "identifiers");
    List<HostRecord> out = new ArrayList<>();
    if (identifiers.isEmpty()) {
      return out;
    }
    jdbc.autoCommit(c -> {
      for (BoundTable t : sorted()) {
        Sql q = new Sql(t, jdbc.dialect()).append("SELECT * FROM " + t.table + " WHERE " + t.client + " = ?")
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

  @Override
  public Set<ClientId> clients(CategoryId category) {
    BoundTable t = tables.get(Objects.requireNonNull(category, "category"));
    Set<ClientId> out = new TreeSet<>();
    if (t == null) {
      return out;
    }
    jdbc.autoCommit(c -> {
      String sql = jdbc.dialect() == Dialect.POSTGRESQL && clientLeadsAnIndex(c, t)
          ? clientsBySkipScan(t) : "SELECT DISTINCT " + t.client + " FROM " + t.table;
      try (PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(ClientId.of(rs.getString(1)));
        }
      }
      return null;
    });
    return out;
  }

  @Override
  public void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sink, "sink");
    BoundTable t = tables.get(Objects.requireNonNull(category, "category"));
    if (t == null) {
      return;
    }
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

  @Override
  public long count(RecordSelection selection) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = tables.get(selection.category());
    if (t == null) {
      return 0;
    }
    Sql q = new Sql(t, jdbc.dialect()).append("SELECT COUNT(*) FROM " + t.table + " WHERE ").selection(selection);
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** The table of {@code category} (null if unmapped), once {@code limit} is known to be valid. */
  private BoundTable table(CategoryId category, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tables.get(category);
  }

  /** Deletes each client's rows by key; the count per client. */
  private Map<ClientId, Long> deleteByClient(Connection c, BoundTable t,
      Map<ClientId, List<Key>> byClient) throws SQLException {
    Map<ClientId, Long> deleted = new LinkedHashMap<>();
    for (Map.Entry<ClientId, List<Key>> e : byClient.entrySet()) {
      deleted.put(e.getKey(), delete(c, t, e.getKey(), e.getValue()));
    }
    return deleted;
  }

  @Override
  public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = table(selection.category(), limit);
    if (t == null) {
      return new DeletionBatch(0, afterKey, true);
    }
    Key after = afterKey == null ? null : Key.parse(afterKey);
    if (jdbc.dialect() == Dialect.POSTGRESQL) {
      return deleteBatchInOneStatement(t, selection, after, afterKey, limit);
    }
    Sql q = new Sql(t, jdbc.dialect()).append("SELECT " + t.time + ", " + t.id + " FROM " + t.table + " WHERE ")
        .selection(selection);
    if (after != null) {
      q.after(after);
    }
    q.append(" ORDER BY " + t.time + ", " + t.id + jdbc.dialect().limit()).param(limit + 1);
    return jdbc.transaction(c -> {
      List<Key> keys = new ArrayList<>(Math.min(limit + 1, 10_001));
      try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(new Key(t.readTime(rs, 1), rs.getString(2)));
        }
      }
      boolean exhausted = keys.size() <= limit;
      if (keys.isEmpty()) {
        return new DeletionBatch(0, afterKey, true);
      }
      List<Key> doomed = keys.subList(0, Math.min(limit, keys.size()));
      long deleted = delete(c, t, selection.client(), doomed);
      return new DeletionBatch(deleted, doomed.get(doomed.size() - 1).encode(), exhausted);
    });
  }

  /**
   * PostgreSQL: the whole batch in one statement and one round trip. It picks the next {@code
   * limit + 1} keys in (time, id) order through the (client, time) index, deletes the first
   * {@code limit} of them by physical row address (a TID scan: no second index descent per row)
   * and answers with how many it picked and deleted, the batch's last key and the ids it picked
   * but did not delete. A row updated by another transaction since the statement's snapshot has
   * moved to a new address; such rows (rare) are then deleted by key in the same transaction, so
   * the batch deletes exactly the rows the key-list path would.
   */
  private DeletionBatch deleteBatchInOneStatement(BoundTable t, RecordSelection selection, Key after,
      String afterKey, int limit) {
    Sql q = new Sql(t, jdbc.dialect())
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
    return jdbc.transaction(c -> {
      long picked;
      long deleted;
      Key last;
      List<Key> missing = new ArrayList<>();
      try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
        rs.next();
        picked = rs.getLong(1);
        deleted = rs.getLong(2);
        Instant lastTime = t.readTime(rs, 3);
        last = lastTime == null ? null : new Key(lastTime, rs.getString(4));
        Array ids = rs.getArray(5);
        for (Object id : (Object[]) ids.getArray()) {
          missing.add(new Key(null, (String) id));
        }
        ids.free();
      }
      if (last == null) {
        return new DeletionBatch(0, afterKey, true);
      }
      if (!missing.isEmpty()) {
        deleted += delete(c, t, selection.client(), missing);
      }
      return new DeletionBatch(deleted, last.encode(), picked <= limit);
    });
  }

  private long delete(Connection c, BoundTable t, ClientId client, List<Key> keys)
      throws SQLException {
    if (jdbc.dialect() == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.table + " WHERE "
          + t.client + " = ? AND " + t.id + " = ANY(?)")) {
        ps.setString(1, client.value());
        Array ids = t.numericId
            ? c.createArrayOf("bigint", keys.stream().map(k -> Long.valueOf(k.id())).toArray())
            : c.createArrayOf("varchar", keys.stream().map(Key::id).toArray());
        ps.setArray(2, ids);
        return ps.executeUpdate();
      }
    }
    long deleted = 0;
    for (int from = 0; from < keys.size(); from += IN_LIST) {
      List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
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

  /**
   * One statement for all the group's clients: per client, the rows of its window and how many of
   * them are not in a slice the client spares, in one pass over the table (on PostgreSQL, an index
   * range or a scan of the table, whichever the database finds cheaper).
   */
  @Override
  public Map<ClientId, GroupCount> countGroup(GroupSelection selection) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = tables.get(selection.category());
    if (t == null) {
      return Map.of();
    }
    Sql q = countGroupInOnePass(t, selection);
    return jdbc.autoCommit(c -> {
      Map<ClientId, GroupCount> out = new LinkedHashMap<>();
      try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(ClientId.of(rs.getString(1)), new GroupCount(rs.getLong(2), rs.getLong(3)));
        }
      }
      return out;
    });
  }

  /** {@code SELECT client, COUNT(*), SUM(1 if not spared) ... GROUP BY client}. */
  private Sql countGroupInOnePass(BoundTable t, GroupSelection selection) {
    return new Sql(t, jdbc.dialect()).append("SELECT " + t.client + ", COUNT(*), SUM(CASE WHEN 1 = 1")
        .spared(selection).append(" THEN 1 ELSE 0 END) FROM " + t.table + " WHERE ")
        .group(selection.withExcluding(noSlices(selection))).append(" GROUP BY " + t.client);
  }

  private static Map<ClientId, List<RecordSelection.Exclusion>> noSlices(GroupSelection selection) {
    Map<ClientId, List<RecordSelection.Exclusion>> none = new LinkedHashMap<>();
    selection.clients().keySet().forEach(client -> none.put(client, List.of()));
    return none;
  }

  /**
   * Per client, the earliest record time at or after the group's {@code from} and before its
   * {@code before}: one seek of the {@code (client, time)} index per client.
   */
  @Override
  public Optional<Instant> earliest(GroupSelection selection) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = tables.get(selection.category());
    if (t == null) {
      return Optional.empty();
    }
    String sql = "SELECT MIN(" + t.time + ") FROM " + t.table + " WHERE " + t.client + " = ? AND "
        + t.time + " < ?" + (selection.from() == null ? "" : " AND " + t.time + " >= ?");
    return jdbc.autoCommit(c -> jdbc.dialect() == Dialect.POSTGRESQL
        ? earliestInOneStatement(c, t, selection) : earliest(c, t, sql, selection));
  }

  // ---- PostgreSQL: a plan's and a sweep's statements in fewer round trips ----

  /**
   * True if an index of {@code t} (complete, valid) has the client column first: then {@link
   * #clientsBySkipScan} seeks it once per client instead of reading the table.
   */
  private static boolean clientLeadsAnIndex(Connection c, BoundTable t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_index i"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
        + " WHERE i.indrelid = CAST(? AS regclass) AND a.attname = ? AND i.indisvalid"
        + " AND i.indpred IS NULL)")) {
      ps.setString(1, t.table);
      ps.setString(2, t.clientName);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** The distinct clients of {@code t}, one index seek per client (a recursive "skip scan"). */
  private static String clientsBySkipScan(BoundTable t) {
    return "WITH RECURSIVE custodian_clients(v) AS (SELECT MIN(" + t.client + ") FROM " + t.table
        + " UNION ALL SELECT (SELECT MIN(" + t.client + ") FROM " + t.table + " WHERE " + t.client
        + " > custodian_clients.v) FROM custodian_clients WHERE custodian_clients.v IS NOT NULL)"
        + " SELECT v FROM custodian_clients WHERE v IS NOT NULL";
  }

  /** The earliest time the group selects, ignoring spared slices: one seek per client, one statement. */
  private static Optional<Instant> earliestInOneStatement(Connection c, BoundTable t,
      GroupSelection selection) throws SQLException {
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

  private static Optional<Instant> earliest(Connection c, BoundTable t, String sql,
      GroupSelection selection) throws SQLException {
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

  /**
   * Walks the group's window once for all its clients, in time order, one time window per batch:
   * each batch deletes the selected rows of the group's clients in its window with one range
   * statement through the {@code (client, time)} index and commits. The counts per client are
   * exactly the rows deleted: on PostgreSQL the {@code DELETE} names the client of every row it
   * deleted ({@code RETURNING}); elsewhere the window's keys are read first and deleted by key. The
   * first window is sized by counting the rows of the whole range, each next one from what the last
   * one held, to about nine tenths of a batch; a window that turns out to hold more than {@code
   * limit} rows is undone (its transaction rolled back, or nothing deleted yet) and narrowed.
   * Should more than {@code limit} rows share one millisecond, that window is deleted in (time, id)
   * order from the last row deleted.
   */
  @Override
  public GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = table(selection.category(), limit);
    if (t == null) {
      return new GroupDeletion(Map.of(), afterKey, true);
    }
    Walk walk = afterKey == null ? null : Walk.parse(afterKey);
    boolean ordered = false;
    while (true) {
      Walk from = walk;
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
  private static final class WindowTooWide extends RuntimeException {
    private final long rows;
    private final transient Walk walk;

    WindowTooWide(long rows, Walk walk) {
      super(null, null, false, false);
      this.rows = rows;
      this.walk = walk;
    }

    Walk narrowed(int limit) {
      return walk.narrowed(rows, limit);
    }
  }

  /**
   * One batch from {@code start} (null: the beginning) in one transaction. {@code ordered}: the
   * start's window is known to hold more than a batch within one millisecond.
   *
   * @throws WindowTooWide if a window deleted more than a batch (undone with the transaction)
   */
  private GroupDeletion walk(Connection c, BoundTable t, GroupSelection selection, Walk start,
      int limit, boolean ordered) throws SQLException {
    Walk w = start != null ? start : startWalk(c, t, selection, limit);
    if (w == null) {
      return new GroupDeletion(Map.of(), null, true);
    }
    while (true) {
      Instant end = w.windowEnd(selection.before());
      boolean last = !end.isBefore(selection.before());
      GroupSelection window = selection.withWindow(selection.from(), end);
      Tally tally = ordered ? new Tally(limit + 1L, null) : deleteWindow(c, t, window, w.position(), limit);
      if (tally.deleted() == null && w.widthMillis() > 1) {
        w = w.narrowed(tally.rows(), limit); // more than a batch (nothing deleted): narrower
        continue;
      }
      if (tally.deleted() == null) {
        // More than a batch within one millisecond: this window goes in (time, id) order.
        Picked p = pickThenDelete(c, t, window, w.position(), limit);
        if (p.picked() == limit) {
          return new GroupDeletion(p.deleted(), new Walk(p.last(), w.widthMillis()).encode(), false);
        }
        // Fewer than a batch were selectable (the rest held): the window is done.
        return new GroupDeletion(p.deleted(), new Walk(new Key(end, null), w.widthMillis()).encode(), last);
      }
      Walk next = new Walk(new Key(end, null), w.resized(tally.rows(), limit));
      if (tally.rows() > 0 || last) {
        return new GroupDeletion(tally.deleted(), next.encode(), last);
      }
      w = next; // nothing selected in this window: look further, wider
    }
  }

  /** Where a group's walk starts, with a window sized from the rows it holds; null if none. */
  private Walk startWalk(Connection c, BoundTable t, GroupSelection selection, int limit)
      throws SQLException {
    Instant start = selection.from();
    if (start == null) {
      String sql = "SELECT MIN(" + t.time + ") FROM " + t.table + " WHERE " + t.client + " = ? AND "
          + t.time + " < ?";
      start = (jdbc.dialect() == Dialect.POSTGRESQL ? earliestInOneStatement(c, t, selection)
          : earliest(c, t, sql, selection)).orElse(null);
      if (start == null) {
        return null;
      }
    }
    Key from = new Key(start, null);
    long rows = countWindow(c, t, selection, from, selection.before());
    long span = Math.max(1, selection.before().toEpochMilli() - start.toEpochMilli() + 1);
    Walk whole = new Walk(from, span);
    return rows <= limit ? whole : new Walk(from, whole.resized(rows, limit));
  }

  /** Rows of the group's clients from {@code from} to {@code end}, held or not: an upper bound. */
  private long countWindow(Connection c, BoundTable t, GroupSelection selection, Key from,
      Instant end) throws SQLException {
    Sql q = new Sql(t, jdbc.dialect()).append("SELECT COUNT(*) FROM " + t.table + " WHERE ")
        .clientIn(selection.clients().keySet()).append(" AND " + t.time + " < ?").param(end)
        .after(from);
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * What deleting a window did: the rows it selected and the count per client, or a null count
   * (and nothing deleted) when it selected more than a batch.
   */
  private record Tally(long rows, Map<ClientId, Long> deleted) {}

  /**
   * Deletes what {@code window} selects after {@code from}, unless that is more than {@code limit}
   * rows: then nothing is deleted (elsewhere than on PostgreSQL: a null count), or {@link
   * WindowTooWide} is thrown to undo the transaction (PostgreSQL).
   */
  private Tally deleteWindow(Connection c, BoundTable t, GroupSelection window, Key from,
      int limit) throws SQLException {
    if (jdbc.dialect() == Dialect.POSTGRESQL) {
      Tally tally = deleteWindowCountingClients(c, t, window, from);
      if (tally.rows() > limit) {
        // Too many: the batch is undone (thrown out of the transaction), the caller narrows it.
        throw new WindowTooWide(tally.rows(),
            new Walk(from, window.before().toEpochMilli() - from.time().toEpochMilli()));
      }
      return tally;
    }
    Sql q = new Sql(t, jdbc.dialect()).append("SELECT " + t.client + ", " + t.id + " FROM " + t.table
        + " WHERE ").group(window).after(from).append(jdbc.dialect().limit()).param(limit + 1);
    Map<ClientId, List<Key>> byClient = new LinkedHashMap<>();
    int rows = 0;
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (++rows > limit) {
          return new Tally(2L * limit, null);
        }
        byClient.computeIfAbsent(ClientId.of(rs.getString(1)), x -> new ArrayList<>())
            .add(new Key(null, rs.getString(2)));
      }
    }
    return new Tally(rows, deleteByClient(c, t, byClient));
  }

  /**
   * PostgreSQL: deletes what {@code window} selects after {@code from} in one statement that
   * answers with the count per client of exactly the rows it deleted ({@code RETURNING} the
   * client of each, counted by the database: one row per client comes back, not one per record).
   */
  private Tally deleteWindowCountingClients(Connection c, BoundTable t, GroupSelection window,
      Key from) throws SQLException {
    Sql delete = new Sql(t, jdbc.dialect()).append("WITH gone AS (DELETE FROM " + t.table + " WHERE ")
        .group(window).after(from)
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
    return new Tally(total, deleted);
  }

  /** What an ordered batch deleted, and the last row it deleted. */
  private record Picked(int picked, Map<ClientId, Long> deleted, Key last) {}

  /** Deletes the next {@code limit} selected rows of {@code window} in (time, id) order. */
  private Picked pickThenDelete(Connection c, BoundTable t, GroupSelection window, Key from,
      int limit) throws SQLException {
    Sql q = new Sql(t, jdbc.dialect())
        .append("SELECT " + t.client + ", " + t.time + ", " + t.id + " FROM " + t.table + " WHERE ")
        .group(window).after(from)
        .append(" ORDER BY " + t.time + ", " + t.id + jdbc.dialect().limit()).param(limit);
    Map<ClientId, List<Key>> byClient = new LinkedHashMap<>();
    Key last = from;
    int picked = 0;
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        picked++;
        Key k = new Key(t.readTime(rs, 2), rs.getString(3));
        byClient.computeIfAbsent(ClientId.of(rs.getString(1)), x -> new ArrayList<>()).add(k);
        last = new Key(k.time(), k.id());
      }
    }
    return new Picked(picked, deleteByClient(c, t, byClient), last);
  }

  @Override
  public long restrict(RecordSelection selection) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = tables.get(selection.category());
    if (t == null) {
      return 0;
    }
    if (t.restricted == null) {
      throw new IllegalStateException("the mapping of " + selection.category()
          + " names no restricted column, so its records cannot be marked restricted (R-DSR-4)");
    }
    Sql q = new Sql(t, jdbc.dialect()).append("UPDATE " + t.table + " SET " + t.restricted + " = ?").param(true)
        .append(" WHERE ").selection(selection)
        .append(" AND (" + t.restricted + " IS NULL OR " + t.restricted + " = ?)").param(false);
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = q.prepare(c)) {
        return (long) ps.executeUpdate();
      }
    });
  }

  private List<BoundTable> sorted() {
    return tables.values().stream()
        .sorted((a, b) -> a.mapping.category().compareTo(b.mapping.category())).toList();
  }

  /**
   * A row's position in (time, id) order, as handed out in {@link DeletionBatch#nextKey()}; as a
   * start, without id: "just before the first row at this time". Rows deleted by key carry only
   * their id.
   */
  record Key(Instant time, String id) {
    String encode() {
      return time + "|" + id;
    }

    static Key parse(String key) {
      int bar = key.indexOf('|');
      try {
        if (bar > 0) {
          return new Key(Instant.parse(key.substring(0, bar)), key.substring(bar + 1));
        }
      } catch (DateTimeParseException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          "afterKey was not issued by JdbcHostData.deleteBatch: pass back nextKey unchanged");
    }
  }

  /**
   * A group's walk, as handed out in {@link GroupDeletion#nextKey()}: where it stands and the
   * width of its next window.
   */
  record Walk(Key position, long widthMillis) {
    /** Fills nine tenths of a batch, had the window held {@code rows}; at most twice as wide. */
    long resized(long rows, int limit) {
      double factor = rows == 0 ? 2.0 : Math.min(2.0, 0.9 * limit / rows);
      return Math.max(1, (long) (widthMillis * factor));
    }

    /** The same start, narrower: the window held {@code rows}, more than {@code limit}. */
    Walk narrowed(long rows, int limit) {
      return new Walk(position, Math.max(1, Math.min(widthMillis - 1, resized(rows, limit))));
    }

    Instant windowEnd(Instant before) {
      long end = position.time().toEpochMilli() + widthMillis;
      Instant e = Instant.ofEpochMilli(end);
      return e.isBefore(before) ? e : before;
    }

    String encode() {
      return "W|" + widthMillis + "|" + position.time() + "|" + (position.id() == null ? "" : position.id());
    }

    static Walk parse(String key) {
      String[] parts = key.split("\\|", 4);
      try {
        if (parts.length == 4 && parts[0].equals("W")) {
          long width = Long.parseLong(parts[1]);
          if (width > 0) {
            return new Walk(new Key(Instant.parse(parts[2]), parts[3].isEmpty() ? null : parts[3]),
                width);
          }
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          "afterKey was not issued by JdbcHostData.deleteGroupBatch: pass back nextKey unchanged");
    }
  }

  /** An id value bound with the id column's type. */
  record IdParam(String value) {}

  /** A text array parameter (PostgreSQL only). */
  record TextArray(String[] values) {}

  /** SQL text with its parameters, bound with the table's types. */
  static final class Sql {
    private final BoundTable t;
    private final Dialect dialect;
    private final StringBuilder text = new StringBuilder(256);
    private final List<Object> params = new ArrayList<>();

    Sql(BoundTable t, Dialect dialect) {
      this.t = t;
      this.dialect = dialect;
    }

    /** Appends {@code other}'s text and parameters. */
    Sql append(Sql other) {
      text.append(other.text);
      params.addAll(other.params);
      return this;
    }

    Sql append(String sql) {
      text.append(sql);
      return this;
    }

    Sql param(Object value) {
      params.add(value);
      return this;
    }

    /** Appends the client, window, subject and exclusion criteria of {@code s}. */
    Sql selection(RecordSelection s) {
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
    Sql covers(RecordSelection.Exclusion x) {
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

    /** Appends "client IN (...)" over {@code clients} (one array parameter on PostgreSQL). */
    Sql clientIn(Collection<ClientId> clients) {
      if (dialect == Dialect.POSTGRESQL) {
        return append(t.client + " = ANY(?)")
            .param(new TextArray(clients.stream().map(ClientId::value).toArray(String[]::new)));
      }
      append(t.client + " IN (" + String.join(", ", Collections.nCopies(clients.size(), "?")) + ")");
      clients.forEach(c -> param(c.value()));
      return this;
    }

    /**
     * Appends the criteria of a group: its clients, window and, for each set of clients sparing
     * the same slices, "NOT (client IN (...) AND (inside a slice))".
     */
    Sql group(GroupSelection g) {
      clientIn(g.clients().keySet());
      if (g.from() != null) {
        append(" AND " + t.time + " >= ?").param(g.from());
      }
      append(" AND " + t.time + " < ?").param(g.before());
      return spared(g);
    }

    /** Appends " AND NOT (...)" for each set of the group's clients sparing the same slices. */
    Sql spared(GroupSelection g) {
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
    Sql after(Key p) {
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
        } else if (dialect == Dialect.POSTGRESQL && nullSafe) {
          // A filter (a hold's subjects, often many): a hashed sub-plan over one array parameter
          // costs one probe per row, where "= ANY(array)" would compare with every element.
          append(s.sql() + " IN (SELECT unnest(CAST(? AS VARCHAR[])))")
              .param(new TextArray(values.toArray(String[]::new)));
        } else if (dialect == Dialect.POSTGRESQL) {
          // A lookup: one array parameter that the subject column's index can probe.
          append(s.sql() + " = ANY(?)").param(new TextArray(values.toArray(String[]::new)));
        } else {
          append(s.sql() + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?"))
              + ")");
          values.forEach(this::param);
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
}
