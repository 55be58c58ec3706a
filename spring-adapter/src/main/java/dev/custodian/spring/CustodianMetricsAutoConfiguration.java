package dev.custodian.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Custodian's Micrometer gauges, when Micrometer is on the classpath. Boot binds every {@link
 * MeterBinder} bean to its registries.
 */
@AutoConfiguration(after = CustodianAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(CustodianMonitor.class)
class CustodianMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CustodianMetrics custodianMetrics(CustodianMonitor monitor) {
    return new CustodianMetrics(monitor);
  }

  /** Counts swept records per category and rule ({@code custodian.sweep.deleted}). */
  @Bean
  @ConditionalOnMissingBean(name = "custodianRetentionMetricsCustomizer")
  CustodianBuilderCustomizer custodianRetentionMetricsCustomizer(
      ObjectProvider<MeterRegistry> registry) {
    MicrometerRetentionMetrics metrics = new MicrometerRetentionMetrics(registry::getIfUnique);
    return builder -> builder.retentionMetrics(metrics);
  }
}
