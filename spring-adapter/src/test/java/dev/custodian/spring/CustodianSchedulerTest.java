package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class CustodianSchedulerTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class))
          .withPropertyValues(CustodianAutoConfigurationTest.KEY);

  @Test
  void schedulesItsJobsAndRunsOnTheLifecycle_R_RET_6() {
    runner.run(context -> {
      CustodianScheduler scheduler = context.getBean(CustodianScheduler.class);
      assertThat(scheduler.isRunning()).isTrue();
      assertThat(scheduler.jobs()).extracting(CustodianScheduler.Job::name)
          .containsExactly("retention-sweep", "client-notices", "overdue-escalations",
              "terminations", "retention-resume", "evidence-verification");
    });
  }

  @Test
  void sweepsCanBeTurnedOffOnANode() {
    runner.withPropertyValues("custodian.sweep.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(CustodianScheduler.class);
      assertThat(context).hasSingleBean(Custodian.class);
    });
  }

  @Test
  void usesTheHostsTaskScheduler() {
    runner.withUserConfiguration(HostScheduler.class).run(context -> {
      assertThat(context.getBean(CustodianScheduler.class).isRunning()).isTrue();
      HostScheduler host = context.getBean(HostScheduler.class);
      assertThat(host.scheduledWithDelay).hasPositiveValue();
    });
  }

  @Test
  void aFailingJobDoesNotStopTheOthers() {
    AtomicInteger ran = new AtomicInteger();
    CustodianScheduler scheduler = new CustodianScheduler(null, "0 0 3 * * *",
        java.time.ZoneOffset.UTC, Duration.ofMinutes(5),
        List.of(new CustodianScheduler.Job("failing", () -> {
          throw new IllegalStateException("broken on purpose");
        })),
        List.of(new CustodianScheduler.Job("counting", ran::incrementAndGet)));
    scheduler.runAllNow();
    assertThat(ran).hasValue(1);
  }

  @Test
  void evidenceVerificationJobRefreshesTheMonitor_R_EVID_1() {
    // The jobs run only when the test runs them: no background run can verify a shorter chain
    // between the test's steps.
    runner.withUserConfiguration(CustodianHealthAndMetricsTest.ClockBean.class,
        ManualTaskScheduler.Config.class).run(context -> {
      Custodian custodian = context.getBean(Custodian.class);
      CustodianMonitor monitor = context.getBean(CustodianMonitor.class);
      ManualTaskScheduler tasks = context.getBean(ManualTaskScheduler.class);
      assertThat(tasks.scheduled()).hasSize(6);
      monitor.verifyEvidenceNow();
      custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
      context.getBean(MutableClock.class).advance(Duration.ofHours(2));
      tasks.runAll();
      context.getBean(MutableClock.class).advance(Duration.ofMinutes(1));
      // The verification ran last, after the other jobs' own evidence: it covers the whole chain.
      long head = custodian.evidence().head().orElseThrow().sequence();
      assertThat(head).isGreaterThanOrEqualTo(1);
      assertThat(monitor.evidenceChain().entriesChecked()).isEqualTo(head);
      assertThat(monitor.snapshot().at()).isEqualTo(Instant.parse("2026-03-02T11:01:00Z"));
    });
  }

  @Test
  void invalidSweepZoneFailsStartUpNamingTheProperty() {
    runner.withPropertyValues("custodian.sweep.zone=Mars/Olympus_Mons").run(context -> {
      InvalidCustodianPropertyException e = CustodianAutoConfigurationTest.invalidProperty(context);
      assertThat(e.property()).isEqualTo("custodian.sweep.zone");
      assertThat(e.getMessage()).contains("custodian.sweep.zone").contains("Mars/Olympus_Mons");
    });
  }

  @Test
  void stoppingCancelsEveryScheduledJob() {
    runner.withUserConfiguration(ManualTaskScheduler.Config.class).run(context -> {
      ManualTaskScheduler tasks = context.getBean(ManualTaskScheduler.class);
      CustodianScheduler scheduler = context.getBean(CustodianScheduler.class);
      assertThat(tasks.scheduled()).hasSize(scheduler.jobs().size());
      scheduler.stop();
      assertThat(scheduler.isRunning()).isFalse();
      assertThat(tasks.scheduled()).isEmpty();
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class HostScheduler {
    final AtomicInteger scheduledWithDelay = new AtomicInteger();

    @Bean
    TaskScheduler taskScheduler() {
      ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler() {
        private static final long serialVersionUID = 1L;

        @Override
        public java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(
            Runnable task, Duration delay) {
          scheduledWithDelay.incrementAndGet();
          return super.scheduleWithFixedDelay(task, delay);
        }
      };
      s.initialize();
      return s;
    }
  }
}
