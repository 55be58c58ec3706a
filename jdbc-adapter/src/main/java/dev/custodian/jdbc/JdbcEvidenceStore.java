package dev.custodian.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.internal.Json;
import dev.custodian.spi.EvidenceStore;
import dev.custodian.spi.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * An {@link EvidenceStore} in {@code custodian_evidence}, append-only: this class issues no update
 * and no delete on it.
 *
 * <p>Each append runs in one transaction that first locks the single row of {@code
 * custodian_evidence_head} ({@code SELECT ... FOR UPDATE}), then reads the last entry, computes
 * the next and inserts it. Appenders in every thread and every process therefore queue on that
 * lock and always form one chain with consecutive sequences; the primary key on the sequence
 * refuses a fork even if the lock were bypassed.
 */
public final class JdbcEvidenceStore implements EvidenceStore, Transactions.Participant {
  private static final String COLUMNS =
      "seq, recorded_at, client_id, action, actor, basis, details, previous_hash, hash";
  private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

  private final Jdbc jdbc;

  /** A store on {@code dataSource}, in the dialect detected from it. */
  public JdbcEvidenceStore(DataSource dataSource) {
    this(dataSource, Dialect.detect(dataSource));
  }

  /** A store on {@code dataSource} in the given dialect. */
  public JdbcEvidenceStore(DataSource dataSource, Dialect dialect) {
    this.jdbc = new Jdbc(dataSource, dialect);
  }

  /** Units of work on this store's data source ({@link JdbcTransactions}), which this store joins. */
  @Override
  public Transactions transactions() {
    return jdbc.transactions();
  }

  @Override
  public EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next) {
    Objects.requireNonNull(next, "next");
    return jdbc.transaction(c -> {
      lockHead(c);
      Optional<EvidenceEntry> head = head(c);
      EvidenceEntry e = next.apply(head);
      long expected = head.map(h -> h.sequence() + 1).orElse(1L);
      if (e.sequence() != expected) {
        throw new IllegalStateException("evidence entry out of sequence: expected " + expected);
      }
      insert(c, e);
      return e;
    });
  }

  /** All in one transaction, under one lock of the head: the entries land together or not at all. */
  @Override
  public List<EvidenceEntry> appendAll(List<Function<Optional<EvidenceEntry>, EvidenceEntry>> next) {
    Objects.requireNonNull(next, "next");
    if (next.isEmpty()) {
      return List.of();
    }
    return jdbc.transaction(c -> {
      lockHead(c);
      Optional<EvidenceEntry> head = head(c);
      List<EvidenceEntry> out = new ArrayList<>(next.size());
      for (Function<Optional<EvidenceEntry>, EvidenceEntry> f : next) {
        EvidenceEntry e = f.apply(head);
        long expected = head.map(h -> h.sequence() + 1).orElse(1L);
        if (e.sequence() != expected) {
          throw new IllegalStateException("evidence entry out of sequence: expected " + expected);
        }
        out.add(e);
        head = Optional.of(e);
      }
      insert(c, out);
      return out;
    });
  }

  private static void lockHead(Connection c) throws SQLException {
    try (PreparedStatement ps =
             c.prepareStatement("SELECT id FROM custodian_evidence_head WHERE id = 1 FOR UPDATE");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("custodian_evidence_head has no row: the schema script"
            + " was not run completely (see CustodianSchema)");
      }
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
      String values = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO custodian_evidence (" + COLUMNS + ") VALUES " + values)) {
        for (int i = 0; i < chunk.size(); i++) {
          bind(ps, 9 * i, chunk.get(i));
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
    ps.setString(offset + 7, Json.write(new TreeMap<>(e.details())));
    ps.setString(offset + 8, e.previousHash());
    ps.setString(offset + 9, e.hash());
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
            rs.getString("previous_hash"), rs.getString("hash")));
      }
    }
    return out;
  }

  private static Map<String, String> details(String json) {
    try {
      return Json.MAPPER.readValue(json, DETAILS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored evidence details are not valid JSON", e);
    }
  }
}
