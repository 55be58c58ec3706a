package dev.custodian.spi.memory;

import dev.custodian.contract.EvidenceStoreContract;
import dev.custodian.spi.EvidenceStore;

class InMemoryEvidenceStoreTest extends EvidenceStoreContract {
  @Override
  protected EvidenceStore createEmptyStore() {
    return new InMemoryEvidenceStore();
  }
}
