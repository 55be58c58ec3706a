package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.Rectifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Corrects records of an {@link InMemoryHostData}, for tests and the demo. */
public final class InMemoryRectifier implements Rectifier {
  private final InMemoryHostData data;

  public InMemoryRectifier(InMemoryHostData data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override
  public boolean rectify(ClientId client, CategoryId category, String recordId,
      Map<String, String> corrections) {
    AtomicReference<HostRecord> found = new AtomicReference<>();
    data.stream(client, category, r -> {
      if (r.id().equals(recordId)) {
        found.set(r);
      }
    });
    HostRecord r = found.get();
    if (r == null) {
      return false;
    }
    Map<String, Object> fields = new LinkedHashMap<>(r.fields());
    fields.putAll(corrections);
    data.put(new HostRecord(r.category(), r.client(), r.id(), r.time(), r.subjects(), fields));
    return true;
  }
}
