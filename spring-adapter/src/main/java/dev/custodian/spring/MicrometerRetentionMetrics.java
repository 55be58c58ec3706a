package dev.custodian.spring;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Counts what sweeps delete: {@code custodian.sweep.deleted}, tagged with the category and the
 * rule that made the records deletable (never the client: one series per client would not scale,
 * and the evidence log already says which client). The registry is looked up at each batch, so
 * this hook can be handed to the builder before the registry exists.
 */
final class MicrometerRetentionMetrics implements RetentionMetrics {
  private final Supplier<MeterRegistry> registry;

  MicrometerRetentionMetrics(Supplier<MeterRegistry> registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void batchDeleted(ClientId client, CategoryId category, String rule, long deleted) {
    MeterRegistry r = registry.get();
    if (r != null) {
      r.counter("custodian.sweep.deleted", "category", category.value(), "rule", rule)
          .increment(deleted);
    }
  }
}
