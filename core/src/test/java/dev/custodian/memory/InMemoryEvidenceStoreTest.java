package dev.custodian.memory;

import dev.custodian.contract.EvidenceStoreContract;
import dev.custodian.evidence.EvidenceStore;

class InMemoryEvidenceStoreTest extends EvidenceStoreContract {
  @Override
  protected EvidenceStore createEmptyStore() {
    return new InMemoryEvidenceStore();
  }
}
