package dev.custodian.memory;

import dev.custodian.contract.HostDataContract;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import java.util.List;

class InMemoryHostDataTest extends HostDataContract {
  private InMemoryHostData data;

  @Override
  protected HostData createHostData(List<HostRecord> records) {
    data = new InMemoryHostData();
    records.forEach(data::put);
    return data;
  }

  @Override
  protected boolean contains(CategoryId category, String id) {
    return data.contains(category, id);
  }

  @Override
  protected boolean isRestricted(CategoryId category, String id) {
    return data.isRestricted(category, id);
  }
}
