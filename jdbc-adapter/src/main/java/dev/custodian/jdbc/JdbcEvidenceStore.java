package dev.custodian.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.AnchoredHead;
import dev.custodian.evidence.ChainAlgorithm;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * An {@link EvidenceStore} in {@code custodian_evidence}, append-only: this class issues no update
 * and no delete on it.
 *
 * <p>Each append runs in one transaction that first locks the single row of {@code
 * custodian_evidence_head} ({@code SELECT ... FOR UPDATE}), then reads the last entry, computes
 * the next and inserts it, and records the new head (sequence, hash, time) in that row. Appenders
 * in every thread and every process therefore queue on that lock and always form one chain with
 * consecutive sequences; the primary key on the sequence refuses a fork even if the lock were
 * bypassed. Under the same lock an entry whose step is already logged is not inserted (the unique
 * index on {@code step_id} backs this), and an append refuses to continue a log that no longer
 * reaches its recorded head: continuing would hide the cut.
 *
 * <p>An append waits for the head's lock as long as a caller would ({@link #DEFAULT_LOCK_WAIT}
 * unless told otherwise), whatever the database's own lock timeout (H2's is one second): a wait
 * the database gives up on is retried until that time has passed.
 */
public final class JdbcEvidenceStore implements EvidenceStore, Transactions.Participant {
  /** How long an append waits for the chain's head by default. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

  private static final String COLUMNS = "seq, recorded_at, client_id, action, actor, basis,"
      + " details, step_id, chain, previous_hash, hash";
  private static final int COLUMN_COUNT = 11;
  private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};
  /** Details are a map of strings: a plain mapper writes them exactly as core's own did. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbc jdbc;
  private final Duration lockWait;
  private final AtomicLong lockWaitsRetried = new AtomicLong();

  /** A store on {@code dataSource}, in the dialect detected from it. */
  public JdbcEvidenceStore(DataSource dataSource) {
    this(dataSource, Dialect.detect(dataSource));
  }

  /** A store on {@code dataSource} in the given dialect. */
  public JdbcEvidenceStore(DataSource dataSource, Dialect dialect) {
    this(dataSource, dialect, DEFAULT_LOCK_WAIT);
  }

  /**
   * A store on {@code dataSource} in the given dialect whose appends wait up to {@code lockWait}
   * for the chain's head before they fail.
   */
  public JdbcEvidenceStore(DataSource dataSource, Dialect dialect, Duration lockWait) {
    this.jdbc = new Jdbc(dataSource, dialect);
    this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    if (lockWait.isNegative()) {
      throw new IllegalArgumentException("lockWait must not be negative");
    }
  }

  /** Units of work on this store's data source ({@link JdbcTransactions}), which this store joins. */
  @Override
  public Transactions transactions() {
    return jdbc.transactions();
  }

  @Override
  public EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next) {
    Objects.requireNonNull(next, "next");
    return appendAll(List.of(next)).get(0);
  }

  /** All in one transaction, under one lock of the head: the entries land together or not at all. */
  @Override
  public List<EvidenceEntry> appendAll(List<Function<Optional<EvidenceEntry>, EvidenceEntry>> next) {
    Objects.requireNonNull(next, "next");
    if (next.isEmpty()) {
      return List.of();
    }
    return underHeadLock(c -> {
      Optional<AnchoredHead> recorded = lockHead(c);
      Optional<EvidenceEntry> head = head(c);
      refuseCutLog(recorded, head);
      List<EvidenceEntry> out = new ArrayList<>(next.size());
      List<EvidenceEntry> added = new ArrayList<>(next.size());
      Map<String, EvidenceEntry> steps = new HashMap<>();
      for (Function<Optional<EvidenceEntry>, EvidenceEntry> f : next) {
        EvidenceEntry e = f.apply(head);
        if (e.step() != null) {
          Optional<EvidenceEntry> logged = steps.containsKey(e.step())
              ? Optional.of(steps.get(e.step())) : findByStep(c, e.step());
          if (logged.isPresent()) {
            out.add(logged.get());
            continue;
          }
          steps.put(e.step(), e);
        }
        long expected = head.map(h -> h.sequence() + 1).orElse(1L);
        if (e.sequence() != expected) {
          throw new IllegalStateException("evidence entry out of sequence: expected " + expected);
        }
        out.add(e);
        added.add(e);
        head = Optional.of(e);
      }
      if (!added.isEmpty()) {
        insert(c, added);
        recordHead(c, added.get(added.size() - 1));
      }
      return out;
    });
  }

  /**
   * Runs {@code work} in a transaction, again while the database gives up waiting for a lock and
   * {@link #lockWait} has not passed: a slow machine must not make an append fail.
   */
  private <T> T underHeadLock(Jdbc.Work<T> work) {
    if (jdbc.joined()) {
      return jdbc.transaction(work); // inside a unit of work, the unit retries as a whole
    }
    long started = System.nanoTime();
    while (true) {
      try {
        return jdbc.transaction(work);
      } catch (CustodianJdbcException e) {
        if (!isLockTimeout(e)) {
          throw e;
        }
        if (System.nanoTime() - started >= lockWait.toNanos()) {
          throw new CustodianJdbcException("an evidence append waited " + lockWait.toSeconds()
              + " s for the chain's head and gave up", e);
        }
        lockWaitsRetried.incrementAndGet();
        // The database has just waited its own timeout; a short pause avoids spinning on a zero one.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
  }

  /** How many times an append was run again because the database gave up waiting for the head. */
  long lockWaitsRetried() {
    return lockWaitsRetried.get();
  }

  /** The database gave up waiting for a lock: H2 (50200), PostgreSQL (55P03), MariaDB (1205). */
  static boolean isLockTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if ("55P03".equals(s.getSQLState()) || "HYT00".equals(s.getSQLState())
            || s.getErrorCode() == 50200 || s.getErrorCode() == 1205) {
          return true;
        }
      }
    }
    return false;
  }

  /** Locks the head row and returns the head recorded in it, if any. */
  private Optional<AnchoredHead> lockHead(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT head_seq, head_hash, head_at"
        + " FROM custodian_evidence_head WHERE id = 1 FOR UPDATE");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("custodian_evidence_head has no row: the schema script"
            + " was not run completely (see CustodianSchema)");
      }
      return recorded(rs);
    }
  }

  private Optional<AnchoredHead> recorded(ResultSet rs) throws SQLException {
    long seq = rs.getLong("head_seq");
    if (rs.wasNull()) {
      return Optional.empty();
    }
    return Optional.of(new AnchoredHead(seq, rs.getString("head_hash"),
        jdbc.dialect().readInstant(rs, "head_at")));
  }

  /** Appending to a log that lost entries behind its recorded head would hide the loss. */
  static void refuseCutLog(Optional<AnchoredHead> recorded, Optional<EvidenceEntry> head) {
    if (recorded.isEmpty()) {
      return;
    }
    AnchoredHead r = recorded.get();
    long last = head.map(EvidenceEntry::sequence).orElse(0L);
    if (last != r.sequence() || !head.get().hash().equals(r.hash())) {
      throw new IllegalStateException("the evidence log ends at entry " + last
          + " but its recorded head is entry " + r.sequence() + (last == r.sequence()
              ? " with another hash" : "") + ": the log was cut or rewritten; appends stop until"
          + " it is restored (see EvidenceLog.verify)");
    }
  }

  private void recordHead(Connection c, EvidenceEntry e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE custodian_evidence_head"
        + " SET head_seq = ?, head_hash = ?, head_at = ? WHERE id = 1")) {
      ps.setLong(1, e.sequence());
      ps.setString(2, e.hash());
      jdbc.dialect().bindInstant(ps, 3, e.at());
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<AnchoredHead> recordedHead() {
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT head_seq, head_hash, head_at FROM custodian_evidence_head WHERE id = 1");
           ResultSet rs = ps.executeQuery()) {
        return rs.next() ? recorded(rs) : Optional.<AnchoredHead>empty();
      }
    });
  }

  @Override
  public Optional<EvidenceEntry> findByStep(String step) {
    Objects.requireNonNull(step, "step");
    return jdbc.autoCommit(c -> findByStep(c, step));
  }

  private Optional<EvidenceEntry> findByStep(Connection c, String step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM custodian_evidence WHERE step_id = ?")) {
      ps.setString(1, step);
      List<EvidenceEntry> found = readAll(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private void insert(Connection c, EvidenceEntry e) throws SQLException {
    insert(c, List.of(e));
  }

  /** Rows per INSERT statement: one statement, one round trip, for a whole group's batch. */
  private static final int ROWS_PER_INSERT = 100;

  private void insert(Connection c, List<EvidenceEntry> entries) throws SQLException {
    for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
      List<EvidenceEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
      String values = String.join(", ", Collections.nCopies(chunk.size(),
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO custodian_evidence (" + COLUMNS + ") VALUES " + values)) {
        for (int i = 0; i < chunk.size(); i++) {
          bind(ps, COLUMN_COUNT * i, chunk.get(i));
        }
        ps.executeUpdate();
      }
    }
  }

  private void bind(PreparedStatement ps, int offset, EvidenceEntry e) throws SQLException {
    ps.setLong(offset + 1, e.sequence());
    jdbc.dialect().bindInstant(ps, offset + 2, e.at());
    ps.setString(offset + 3, e.client() == null ? null : e.client().value());
    ps.setString(offset + 4, e.action());
    ps.setString(offset + 5, e.actor());
    ps.setString(offset + 6, e.basis());
    ps.setString(offset + 7, detailsJson(e.details()));
    ps.setString(offset + 8, e.step());
    ps.setInt(offset + 9, e.chain().code());
    ps.setString(offset + 10, e.previousHash());
    ps.setString(offset + 11, e.hash());
  }

  @Override
  public Optional<EvidenceEntry> head() {
    return jdbc.autoCommit(this::head);
  }

  private Optional<EvidenceEntry> head(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM custodian_evidence ORDER BY seq DESC" + jdbc.dialect().limit())) {
      ps.setInt(1, 1);
      List<EvidenceEntry> last = readAll(ps);
      return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }
  }

  @Override
  public List<EvidenceEntry> readAll(long fromSequence, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM custodian_evidence WHERE seq >= ? ORDER BY seq" + jdbc.dialect().limit())) {
        ps.setLong(1, fromSequence);
        ps.setInt(2, limit);
        return readAll(ps);
      }
    });
  }

  @Override
  public List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit) {
    Objects.requireNonNull(client, "client");
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM custodian_evidence WHERE client_id = ? AND seq >= ? ORDER BY seq"
          + jdbc.dialect().limit())) {
        ps.setString(1, client.value());
        ps.setLong(2, fromSequence);
        ps.setInt(3, limit);
        return readAll(ps);
      }
    });
  }

  private List<EvidenceEntry> readAll(PreparedStatement ps) throws SQLException {
    List<EvidenceEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String client = rs.getString("client_id");
        out.add(new EvidenceEntry(rs.getLong("seq"), jdbc.dialect().readInstant(rs, "recorded_at"),
            client == null ? null : ClientId.of(client), rs.getString("action"),
            rs.getString("actor"), rs.getString("basis"), details(rs.getString("details")),
            rs.getString("step_id"), ChainAlgorithm.ofCode(rs.getInt("chain")),
            rs.getString("previous_hash"), rs.getString("hash")));
      }
    }
    return out;
  }

  private static String detailsJson(Map<String, String> details) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(details));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode evidence details", e);
    }
  }

  private static Map<String, String> details(String json) {
    try {
      return JSON.readValue(json, DETAILS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored evidence details are not valid JSON", e);
    }
  }
}
