package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CustodianHealthAndMetricsTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class,
              CustodianHealthAutoConfiguration.class, CustodianMetricsAutoConfiguration.class))
          .withPropertyValues(CustodianAutoConfigurationTest.KEY,
              "custodian.health.evidence-verification-interval=10m")
          // No background run of the scheduler's jobs: evidence and verifications are the test's.
          .withUserConfiguration(ClockBean.class, ManualTaskScheduler.Config.class);

  private final ApplicationContextRunner withRegistry = runner.withUserConfiguration(Registry.class);

  @Test
  void healthIsUpAndReportsTheVerifiedChain_R_EVID_1() {
    withRegistry.run(context -> {
      Custodian custodian = context.getBean(Custodian.class);
      custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
      context.getBean(CustodianMonitor.class).verifyEvidenceNow();
      Health health = context.getBean(CustodianHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails())
          .containsEntry("evidenceChainVerified", true)
          .containsEntry("evidenceEntriesChecked", 1L);
    });
  }

  @Test
  void tamperedEvidenceTurnsHealthDownAndTheGaugeToZero_R_EVID_1() {
    withRegistry.run(context -> {
      Custodian custodian = context.getBean(Custodian.class);
      custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
      custodian.evidence().append(EvidenceRecord.of("test.other_fact", "system"));
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get("custodian.evidence.chain.intact").gauge().value()).isEqualTo(1.0);

      InMemoryEvidenceStore store = (InMemoryEvidenceStore) context.getBean(EvidenceStore.class);
      store.tamper(1, e -> new EvidenceEntry(e.sequence(), e.at(), e.client(), "test.forged",
          e.actor(), e.basis(), e.details(), e.previousHash(), e.hash()));
      // The verification is reused for its interval, then recomputed on the library's clock.
      assertThat(registry.get("custodian.evidence.chain.intact").gauge().value()).isEqualTo(1.0);
      context.getBean(MutableClock.class).advance(Duration.ofMinutes(10));

      Health health = context.getBean(CustodianHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("evidenceChainBrokenAt", 1L);
      assertThat(registry.get("custodian.evidence.chain.intact").gauge().value()).isEqualTo(0.0);
    });
  }

  /**
   * Issue 13: the health showed {@code evidenceEntriesChecked: 0} while 26 entries existed, with no
   * time shown. It now says when the kept verification was made, how old it is and how many
   * entries exist, and a grown chain is verified again within a minute.
   */
  @Test
  void healthAndMetricsSayWhenTheEvidenceWasLastVerifiedAndOverHowManyEntries_R_EVID_1() {
    withRegistry.run(context -> {
      Custodian custodian = context.getBean(Custodian.class);
      MutableClock clock = context.getBean(MutableClock.class);
      CustodianHealthIndicator indicator = context.getBean(CustodianHealthIndicator.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      Instant firstAt = clock.instant();
      long start = (Long) indicator.health(true).getDetails().get("evidenceEntriesChecked");
      for (int i = 0; i < 26; i++) {
        custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
      }

      clock.advance(Duration.ofSeconds(30));
      Health behind = indicator.health(true);
      assertThat(behind.getStatus()).isEqualTo(Status.UP);
      assertThat(behind.getDetails())
          .containsEntry("evidenceLastVerifiedAt", firstAt.toString())
          .containsEntry("evidenceVerificationAgeSeconds", 30L)
          .containsEntry("evidenceEntriesChecked", start)
          .containsEntry("evidenceEntries", start + 26);
      assertThat(registry.get("custodian.evidence.verification.age").timeGauge()
          .value(TimeUnit.SECONDS)).isEqualTo(30.0);
      assertThat(registry.get("custodian.evidence.last.verified").timeGauge()
          .value(TimeUnit.SECONDS)).isEqualTo(firstAt.getEpochSecond());
      assertThat(registry.get("custodian.evidence.chain.length").gauge().value())
          .isEqualTo(start + 26);

      clock.advance(Duration.ofSeconds(30));
      Health caughtUp = indicator.health(true);
      assertThat(caughtUp.getDetails())
          .containsEntry("evidenceChainVerified", true)
          .containsEntry("evidenceLastVerifiedAt", clock.instant().toString())
          .containsEntry("evidenceVerificationAgeSeconds", 0L)
          .containsEntry("evidenceEntriesChecked", start + 26)
          .containsEntry("evidenceEntries", start + 26);
      assertThat(registry.get("custodian.evidence.entries.checked").gauge().value())
          .isEqualTo(start + 26);
      assertThat(registry.get("custodian.evidence.verification.age").timeGauge()
          .value(TimeUnit.SECONDS)).isZero();
      assertThat(registry.get("custodian.evidence.last.verified").timeGauge()
          .value(TimeUnit.SECONDS)).isEqualTo(clock.instant().getEpochSecond());
    });
  }

  @Test
  void beforeAnyVerificationTheTimeGaugesHaveNoValue() {
    withRegistry.run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(context.getBean(CustodianMonitor.class).lastEvidenceVerification()).isEmpty();
      assertThat(registry.get("custodian.evidence.verification.age").timeGauge()
          .value(TimeUnit.SECONDS)).isNaN();
      assertThat(registry.get("custodian.evidence.last.verified").timeGauge()
          .value(TimeUnit.SECONDS)).isNaN();
    });
  }

  @Test
  void healthIndicatorCanBeTurnedOff() {
    runner.withPropertyValues("management.health.custodian.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(CustodianHealthIndicator.class);
      assertThat(context).hasSingleBean(CustodianMetrics.class);
    });
  }

  @Test
  void withoutHealthOrMicrometerOnTheClasspathNeitherIsConfigured() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "io.micrometer"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(Custodian.class);
          assertThat(context).doesNotHaveBean(CustodianHealthIndicator.class);
          assertThat(context).doesNotHaveBean(CustodianMetrics.class);
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class ClockBean {
    @Bean
    MutableClock clock() {
      return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {

    @Bean
    MeterRegistry meterRegistry(org.springframework.beans.factory.ObjectProvider<
        io.micrometer.core.instrument.binder.MeterBinder> binders) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      binders.forEach(b -> b.bindTo(registry));
      return registry;
    }
  }
}
