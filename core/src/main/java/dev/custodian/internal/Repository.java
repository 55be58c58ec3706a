package dev.custodian.internal;

import dev.custodian.client.ClientId;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
  /** Decoded values by id, with the body they came from; null when not caching. */
  private final Map<String, Decoded<T>> decoded;

  private record Decoded<T>(String body, T value) {}

  /**
   * @param dueAt extracts the instant the duty queries by (see {@link StateStore#listDue}); may
   *     return null
   */
  public Repository(StateStore store, String kind, Class<T> type, Function<T, Instant> dueAt) {
    this.store = Objects.requireNonNull(store, "store");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.type = Objects.requireNonNull(type, "type");
    this.dueAt = dueAt == null ? t -> null : dueAt;
    this.decoded = null;
  }

  private Repository(Repository<T> of) {
    this.store = of.store;
    this.kind = of.kind;
    this.type = of.type;
    this.dueAt = of.dueAt;
    this.decoded = new ConcurrentHashMap<>();
  }

  /**
   * The same repository, keeping each value it decodes with the stored body it came from, and
   * decoding again only when that body changes: for kinds read far more often than written (holds,
   * read at every deletion batch). Values are immutable records, so sharing them is safe.
   */
  public Repository<T> cachingDecodes() {
    return new Repository<>(this);
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
    if (decoded == null) {
      return new Versioned<>(Json.read(s.body(), type), s.version());
    }
    Decoded<T> known = decoded.get(s.id());
    if (known == null || !known.body().equals(s.body())) {
      known = new Decoded<>(s.body(), Json.read(s.body(), type));
      decoded.put(s.id(), known);
    }
    return new Versioned<>(known.value(), s.version());
  }

  /** A stored value with the version it was read at. */
  public record Versioned<T>(T value, long version) {}
}
