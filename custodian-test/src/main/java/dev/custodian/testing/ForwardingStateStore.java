package dev.custodian.testing;

import dev.custodian.client.ClientId;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A state store that forwards every call to {@link #delegate()}: a test wrapper overrides only the
 * calls it is about (for example to crash before a write).
 */
public interface ForwardingStateStore extends StateStore {

  /** The store every call goes to unless overridden. */
  StateStore delegate();

  @Override
  default Optional<StoredState> find(String kind, String id) {
    return delegate().find(kind, id);
  }

  @Override
  default List<StoredState> list(String kind, ClientId client) {
    return delegate().list(kind, client);
  }

  @Override
  default List<StoredState> listDue(String kind, Instant until) {
    return delegate().listDue(kind, until);
  }

  @Override
  default StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body) {
    return delegate().insert(kind, id, client, dueAt, body);
  }

  @Override
  default StoredState update(String kind, String id, long expectedVersion, Instant dueAt, String body) {
    return delegate().update(kind, id, expectedVersion, dueAt, body);
  }
}
