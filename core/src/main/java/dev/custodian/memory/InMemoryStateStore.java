package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link StateStore} in memory, for tests, the demo and single-process use. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, TreeMap<String, StoredState>> byKind = new TreeMap<>();

  @Override
  public synchronized Optional<StoredState> find(String kind, String id) {
    return Optional.ofNullable(kind(kind).get(id));
  }

  @Override
  public synchronized List<StoredState> list(String kind, ClientId client) {
    List<StoredState> out = new ArrayList<>();
    for (StoredState s : kind(kind).values()) {
      if (client == null || client.equals(s.client())) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public synchronized List<StoredState> listDue(String kind, Instant until) {
    Objects.requireNonNull(until, "until");
    List<StoredState> out = new ArrayList<>();
    for (StoredState s : kind(kind).values()) {
      if (s.dueAt() != null && !s.dueAt().isAfter(until)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public synchronized StoredState insert(
      String kind, String id, ClientId client, Instant dueAt, String body) {
    TreeMap<String, StoredState> k = kind(kind);
    if (k.containsKey(id)) {
      throw new DuplicateStateException(kind, id);
    }
    StoredState s = new StoredState(kind, id, client, 1, dueAt, body);
    k.put(id, s);
    return s;
  }

  @Override
  public synchronized StoredState update(
      String kind, String id, long expectedVersion, Instant dueAt, String body) {
    StoredState old = kind(kind).get(id);
    if (old == null || old.version() != expectedVersion) {
      throw new StaleStateException(kind, id, expectedVersion);
    }
    StoredState s = new StoredState(kind, id, old.client(), expectedVersion + 1, dueAt, body);
    kind(kind).put(id, s);
    return s;
  }

  private TreeMap<String, StoredState> kind(String kind) {
    Objects.requireNonNull(kind, "kind");
    return byKind.computeIfAbsent(kind, x -> new TreeMap<>());
  }
}
