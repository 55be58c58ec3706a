package dev.custodian.subprocessor;

import dev.custodian.client.ClientId;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A state store that forwards to another; tests override one method to simulate a crash. */
public class DelegatingStore implements StateStore {
  private final StateStore delegate;

  public DelegatingStore(StateStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<StoredState> find(String kind, String id) {
    return delegate.find(kind, id);
  }

  @Override
  public List<StoredState> list(String kind, ClientId client) {
    return delegate.list(kind, client);
  }

  @Override
  public List<StoredState> listDue(String kind, Instant until) {
    return delegate.listDue(kind, until);
  }

  @Override
  public StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body) {
    return delegate.insert(kind, id, client, dueAt, body);
  }

  @Override
  public StoredState update(String kind, String id, long expectedVersion, Instant dueAt, String body) {
    return delegate.update(kind, id, expectedVersion, dueAt, body);
  }
}
