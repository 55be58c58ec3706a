package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import dev.custodian.spi.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link StateStore} in one table, {@code custodian_state}, for every kind of state: one row per
 * kind and id, with the body as JSON text and an optimistic version column. An update is one
 * {@code UPDATE ... WHERE version = ?}, so of two concurrent updates from one version exactly one
 * wins, on any number of nodes. Nothing is ever deleted.
 *
 * <p>The table comes from {@link CustodianSchema}. Thread-safe; each call borrows one connection
 * from the {@link DataSource} and returns it.
 */
public final class JdbcStateStore implements StateStore, Transactions.Participant {
  private static final String COLUMNS = "kind, id, client_id, version, due_at, body";

  private final Jdbc jdbc;

  /** A store on {@code dataSource}, in the dialect detected from it. */
  public JdbcStateStore(DataSource dataSource) {
    this(dataSource, Dialect.detect(dataSource));
  }

  /** A store on {@code dataSource} in the given dialect. */
  public JdbcStateStore(DataSource dataSource, Dialect dialect) {
    this.jdbc = new Jdbc(dataSource, dialect);
  }

  /** Units of work on this store's data source ({@link JdbcTransactions}), which this store joins. */
  @Override
  public Transactions transactions() {
    return jdbc.transactions();
  }

  @Override
  public Optional<StoredState> find(String kind, String id) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    return jdbc.autoCommit(c -> find(c, kind, id));
  }

  private Optional<StoredState> find(Connection c, String kind, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM custodian_state WHERE kind = ? AND id = ?")) {
      ps.setString(1, kind);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<StoredState> list(String kind, ClientId client) {
    Objects.requireNonNull(kind, "kind");
    String sql = "SELECT " + COLUMNS + " FROM custodian_state WHERE kind = ?"
        + (client == null ? "" : " AND client_id = ?") + " ORDER BY id";
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, kind);
        if (client != null) {
          ps.setString(2, client.value());
        }
        return readAll(ps);
      }
    });
  }

  @Override
  public List<StoredState> listDue(String kind, Instant until) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(until, "until");
    return jdbc.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM custodian_state WHERE kind = ? AND due_at IS NOT NULL AND due_at <= ? ORDER BY id")) {
        ps.setString(1, kind);
        jdbc.dialect().bindInstant(ps, 2, until);
        return readAll(ps);
      }
    });
  }

  @Override
  public StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body) {
    StoredState s = new StoredState(kind, id, client, 1, dueAt, body);
    try {
      jdbc.autoCommit(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO custodian_state (" + COLUMNS + ") VALUES (?, ?, ?, 1, ?, ?)")) {
          ps.setString(1, kind);
          ps.setString(2, id);
          ps.setString(3, client == null ? null : client.value());
          jdbc.dialect().bindInstant(ps, 4, dueAt);
          ps.setString(5, body);
          return ps.executeUpdate();
        }
      });
    } catch (CustodianJdbcException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.isDuplicateKey(sql)) {
        throw new DuplicateStateException(kind, id);
      }
      throw e;
    }
    return s;
  }

  @Override
  public StoredState update(String kind, String id, long expectedVersion, Instant dueAt, String body) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE custodian_state"
          + " SET version = version + 1, due_at = ?, body = ? WHERE kind = ? AND id = ? AND version = ?")) {
        jdbc.dialect().bindInstant(ps, 1, dueAt);
        ps.setString(2, body);
        ps.setString(3, kind);
        ps.setString(4, id);
        ps.setLong(5, expectedVersion);
        if (ps.executeUpdate() != 1) {
          throw new StaleStateException(kind, id, expectedVersion);
        }
      }
      // The row is locked by our update until commit: this read sees exactly what we stored.
      return find(c, kind, id).orElseThrow();
    });
  }

  private List<StoredState> readAll(PreparedStatement ps) throws SQLException {
    List<StoredState> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  private StoredState read(ResultSet rs) throws SQLException {
    String client = rs.getString("client_id");
    return new StoredState(rs.getString("kind"), rs.getString("id"),
        client == null ? null : ClientId.of(client), rs.getLong("version"),
        jdbc.dialect().readInstant(rs, "due_at"), rs.getString("body"));
  }
}
