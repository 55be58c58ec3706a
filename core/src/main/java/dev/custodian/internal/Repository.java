package dev.custodian.internal;

import dev.custodian.client.ClientId;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed view of one kind of state in a {@link StateStore}: values are records encoded as JSON.
 * Each duty keeps its own repositories; this class only removes the encoding chores.
 *
 * @param <T> the stored record type
 */
public final class Repository<T> {
  private final StateStore store;
  private final String kind;
  private final Class<T> type;
  private final Function<T, Instant> dueAt;

  /**
   * @param dueAt extracts the instant the duty queries by (see {@link StateStore#listDue}); may
   *     return null
   */
  public Repository(StateStore store, String kind, Class<T> type, Function<T, Instant> dueAt) {
    this.store = Objects.requireNonNull(store, "store");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.type = Objects.requireNonNull(type, "type");
    this.dueAt = dueAt == null ? t -> null : dueAt;
  }

  public Repository(StateStore store, String kind, Class<T> type) {
    this(store, kind, type, null);
  }

  public Optional<Versioned<T>> find(String id) {
    return store.find(kind, id).map(this::decode);
  }

  public List<Versioned<T>> list(ClientId client) {
    return store.list(kind, client).stream().map(this::decode).toList();
  }

  public List<Versioned<T>> listDue(Instant until) {
    return store.listDue(kind, until).stream().map(this::decode).toList();
  }

  public Versioned<T> insert(String id, ClientId client, T value) {
    return decode(store.insert(kind, id, client, dueAt.apply(value), Json.write(value)));
  }

  /** Replaces {@code old} with {@code value}. @throws dev.custodian.spi.StaleStateException */
  public Versioned<T> update(String id, Versioned<T> old, T value) {
    return decode(store.update(kind, id, old.version(), dueAt.apply(value), Json.write(value)));
  }

  private Versioned<T> decode(StoredState s) {
    return new Versioned<>(Json.read(s.body(), type), s.version());
  }

  /** A stored value with the version it was read at. */
  public record Versioned<T>(T value, long version) {}
}
