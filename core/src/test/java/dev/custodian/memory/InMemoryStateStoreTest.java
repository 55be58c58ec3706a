package dev.custodian.memory;

import dev.custodian.contract.StateStoreContract;
import dev.custodian.spi.StateStore;

class InMemoryStateStoreTest extends StateStoreContract {
  @Override
  protected StateStore createStore() {
    return new InMemoryStateStore();
  }
}
