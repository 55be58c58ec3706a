package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupCount;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostPartition;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.spi.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
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
  private final Jdbc jdbc;
  private final Map<CategoryId, BoundTable> tables;
  private final HostLookups lookups;
  private final GroupWalk groupWalk;

  private JdbcHostData(Jdbc jdbc, Map<CategoryId, BoundTable> tables, int fetchSize) {
    this.jdbc = jdbc;
    this.tables = Map.copyOf(tables);
    this.lookups = new HostLookups(jdbc, tables.values(), fetchSize);
    this.groupWalk = new GroupWalk(jdbc);
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
          out.put(t.category(), BoundTable.bind(c, d.sql(), t));
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
    return lookups.clientsHolding(identifiers);
  }

  @Override
  public List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(identifiers, "identifiers");
    return lookups.findSubject(client, identifiers);
  }

  @Override
  public Set<ClientId> clients(CategoryId category) {
    BoundTable t = tables.get(Objects.requireNonNull(category, "category"));
    return t == null ? new TreeSet<>() : lookups.clients(t);
  }

  @Override
  public void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sink, "sink");
    BoundTable t = tables.get(Objects.requireNonNull(category, "category"));
    if (t != null) {
      lookups.stream(t, client, sink);
    }
  }

  @Override
  public long count(RecordSelection selection) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = tables.get(selection.category());
    return t == null ? 0 : lookups.count(t, selection);
  }

  /** The table of {@code category} (null if unmapped), once {@code limit} is known to be valid. */
  private BoundTable table(CategoryId category, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tables.get(category);
  }

  /** One batch in one transaction, with the dialect's {@link SweepStatements}. */
  @Override
  public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = table(selection.category(), limit);
    if (t == null) {
      return new DeletionBatch(0, afterKey, true);
    }
    RowKey after = afterKey == null ? null : RowKey.parse(afterKey);
    SweepStatements sweep = t.dialect.sweep();
    return jdbc.transaction(c -> sweep.deleteBatch(c, t, selection, after, afterKey, limit));
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
    Map<ClientId, List<RecordSelection.Exclusion>> noSlices = new LinkedHashMap<>();
    selection.clients().keySet().forEach(client -> noSlices.put(client, List.of()));
    SelectionSql q = new SelectionSql(t).append("SELECT " + t.client + ", COUNT(*), SUM(CASE WHEN 1 = 1")
        .spared(selection).append(" THEN 1 ELSE 0 END) FROM " + t.table + " WHERE ")
        .group(selection.withExcluding(noSlices)).append(" GROUP BY " + t.client);
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
    return jdbc.autoCommit(c -> t.dialect.sweep().earliest(c, t, selection));
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
    return groupWalk.deleteBatch(t, selection, afterKey, limit);
  }

  /**
   * Where the database has them (PostgreSQL, {@link SqlDialect#partitions()}) and the category's
   * mapping allows it ({@link PartitionSweep}), the range partitions of its table that lie inside
   * the window and hold only the group's clients (see {@link PostgresPartitions}); none otherwise.
   */
  @Override
  public List<HostPartition> partitions(GroupSelection selection) {
    Objects.requireNonNull(selection, "selection");
    BoundTable t = tables.get(selection.category());
    Optional<PostgresPartitions> p = partitions(t);
    return p.isEmpty() ? List.of() : jdbc.autoCommit(c -> p.get().list(c, t, selection));
  }

  /**
   * Empties the partition in one transaction (joining the caller's unit), as {@link
   * PostgresPartitions} says; empty where partitions are not swept whole.
   */
  @Override
  public Optional<GroupDeletion> emptyPartition(GroupSelection selection, String partition) {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(partition, "partition");
    BoundTable t = tables.get(selection.category());
    Optional<PostgresPartitions> p = partitions(t);
    return p.isEmpty() ? Optional.empty()
        : jdbc.transaction(c -> p.get().empty(c, t, selection, partition, t.mapping.partitions()));
  }

  /** The dialect's whole-partition sweeps, if it has them and {@code t}'s mapping allows them. */
  private Optional<PostgresPartitions> partitions(BoundTable t) {
    return t == null || t.mapping.partitions() == PartitionSweep.ROWS ? Optional.empty()
        : jdbc.dialect().partitions();
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
    SelectionSql q = new SelectionSql(t)
        .append("UPDATE " + t.table + " SET " + t.restricted + " = ?").param(true)
        .append(" WHERE ").selection(selection)
        .append(" AND (" + t.restricted + " IS NULL OR " + t.restricted + " = ?)").param(false);
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = q.prepare(c)) {
        return (long) ps.executeUpdate();
      }
    });
  }
}
