package dev.custodian.subprocessor;

import dev.custodian.spi.StateStore;
import dev.custodian.testing.ForwardingStateStore;

/** A state store that forwards to another; tests override one method to simulate a crash. */
public class DelegatingStore implements ForwardingStateStore {
  private final StateStore delegate;

  public DelegatingStore(StateStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public StateStore delegate() {
    return delegate;
  }
}
