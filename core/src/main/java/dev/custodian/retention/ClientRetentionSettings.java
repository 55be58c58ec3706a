package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A client's retention settings: the zone its calendar periods are counted in, and the durations it
 * chose for client-set categories (R-RET-3). Changed only through {@code RetentionService}, which
 * validates them against the processor's bounds and records every change as evidence.
 *
 * @param durations by category id
 */
public record ClientRetentionSettings(ClientId client, ZoneId zone, Map<String, Period> durations) {

  public ClientRetentionSettings {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(zone, "zone");
    durations = durations == null ? Map.of() : Map.copyOf(durations);
  }

  /** The duration the client set for {@code category}, or null. */
  public Period duration(CategoryId category) {
    return durations.get(category.value());
  }

  /** The durations keyed by category. */
  public Map<CategoryId, Period> byCategory() {
    Map<CategoryId, Period> m = new TreeMap<>();
    durations.forEach((k, v) -> m.put(CategoryId.of(k), v));
    return m;
  }

  ClientRetentionSettings withDuration(CategoryId category, Period value) {
    Map<String, Period> m = new TreeMap<>(durations);
    if (value == null) {
      m.remove(category.value());
    } else {
      m.put(category.value(), value);
    }
    return new ClientRetentionSettings(client, zone, m);
  }

  ClientRetentionSettings withZone(ZoneId value) {
    return new ClientRetentionSettings(client, value, durations);
  }
}
