package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Client notices as Spring events, and an overdue one in health and metrics (R-DSR-2). */
class CustodianOverdueNotificationTest {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final ClientId ACME = ClientId.of("acme");
  static final PhoneNumber CALLER = PhoneNumber.of("+33199000101");
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class,
              CustodianHealthAutoConfiguration.class, CustodianMetricsAutoConfiguration.class))
          .withPropertyValues(CustodianAutoConfigurationTest.KEY,
              "custodian.subject-requests.notification-delay=24h")
          // The jobs run only when the test runs them, never concurrently in the background.
          .withUserConfiguration(Host.class, CustodianHealthAndMetricsTest.Registry.class,
              ManualTaskScheduler.Config.class);

  @Test
  void clientNoticeIsPublishedAsASpringEvent_R_DSR_2() {
    runner.run(context -> {
      Custodian custodian = context.getBean(Custodian.class);
      custodian.subjectRequests().receive(OPERATOR, intake());
      Host host = context.getBean(Host.class);
      assertThat(host.notices).singleElement()
          .isInstanceOfSatisfying(ClientNotice.SubjectRequest.class, n -> {
            assertThat(n.client()).isEqualTo(ACME);
            assertThat(n.right()).isEqualTo(SubjectRight.ACCESS);
            assertThat(n.located()).containsEntry(CategoryId.CALL_LOG, 1L);
          });
      assertThat(context.getBean(CustodianMonitor.class).overdueClientNotifications()).isZero();
    });
  }

  @Test
  void overdueNotificationShowsInHealthAndMetricsOnceTheClockPassesTheDeadline_R_DSR_2() {
    runner.run(context -> {
      Host host = context.getBean(Host.class);
      host.clientChannelDown.set(true);
      context.getBean(Custodian.class).subjectRequests().receive(OPERATOR, intake());
      assertThat(host.notices).isEmpty();

      MeterRegistry registry = context.getBean(MeterRegistry.class);
      CustodianHealthIndicator health = context.getBean(CustodianHealthIndicator.class);
      MutableClock clock = context.getBean(MutableClock.class);

      clock.advance(Duration.ofHours(24).minusSeconds(1));
      assertThat(overdue(health)).isEqualTo(0L);
      assertThat(registry.get("custodian.subject.notifications.overdue").gauge().value()).isZero();

      clock.advance(Duration.ofSeconds(2));
      Health h = health.health(true);
      assertThat(h.getStatus()).isEqualTo(Status.UP);
      assertThat(h.getDetails()).containsEntry("overdueClientNotifications", 1L);
      assertThat(registry.get("custodian.subject.notifications.overdue").gauge().value())
          .isEqualTo(1.0);

      // The scheduled escalation tells the privacy contact, as a Spring event, once.
      CustodianScheduler scheduler = context.getBean(CustodianScheduler.class);
      scheduler.runAllNow();
      scheduler.runAllNow();
      assertThat(host.escalations).singleElement().satisfies(e -> {
        assertThat(e.reason()).isEqualTo(Escalation.Reason.CLIENT_NOTIFICATION_OVERDUE);
        assertThat(e.client()).isEqualTo(ACME);
      });

      // Once the client's channel is back, the next run delivers the notice: no longer overdue.
      host.clientChannelDown.set(false);
      scheduler.runAllNow();
      assertThat(host.notices).hasSize(1);
      assertThat(overdue(health)).isEqualTo(0L);
      assertThat(registry.get("custodian.subject.notifications.overdue").gauge().value()).isZero();
    });
  }

  @Test
  void theScheduledEscalationWaitsForTheEscalationDelay_R_DSR_2() {
    runner.withPropertyValues("custodian.subject-requests.escalation-delay=2h").run(context -> {
      Host host = context.getBean(Host.class);
      host.clientChannelDown.set(true);
      context.getBean(Custodian.class).subjectRequests().receive(OPERATOR, intake());
      MutableClock clock = context.getBean(MutableClock.class);
      CustodianScheduler scheduler = context.getBean(CustodianScheduler.class);
      CustodianMonitor monitor = context.getBean(CustodianMonitor.class);

      // Overdue from the deadline on, but not escalated before two more hours.
      clock.advance(Duration.ofHours(24).plusSeconds(1));
      scheduler.runAllNow();
      assertThat(monitor.overdueClientNotifications()).isEqualTo(1);
      clock.advance(Duration.ofHours(2).minusSeconds(2));
      scheduler.runAllNow();
      assertThat(host.escalations).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      scheduler.runAllNow();
      scheduler.runAllNow();
      assertThat(host.escalations).singleElement().satisfies(e -> {
        assertThat(e.reason()).isEqualTo(Escalation.Reason.CLIENT_NOTIFICATION_OVERDUE);
        assertThat(e.due()).isEqualTo(START.plus(Duration.ofHours(24)));
      });
    });
  }

  @Test
  void overdueBreachNoticeShowsInHealthAndMetrics_R_BR_1() {
    runner.run(context -> {
      Custodian custodian = context.getBean(Custodian.class);
      ProcessorPrincipal security = ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM);
      custodian.breaches().recordAwareness(security, ACME, START, "lost backup tape");
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      CustodianHealthIndicator health = context.getBean(CustodianHealthIndicator.class);
      assertThat(health.health(true).getDetails()).containsEntry("overdueBreachNotices", 0L);

      context.getBean(MutableClock.class).advance(Duration.ofHours(72).plusMinutes(1));
      assertThat(health.health(true).getDetails()).containsEntry("overdueBreachNotices", 1L);
      assertThat(registry.get("custodian.breach.notices.overdue").gauge().value()).isEqualTo(1.0);
    });
  }

  private static Object overdue(CustodianHealthIndicator health) {
    return health.health(true).getDetails().get("overdueClientNotifications");
  }

  private static SubjectRequestIntake intake() {
    return SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.WEB_FORM, START, CALLER);
  }

  @Configuration(proxyBeanMethods = false)
  static class Host {
    final List<ClientNotice> notices = new CopyOnWriteArrayList<>();
    final List<Escalation> escalations = new CopyOnWriteArrayList<>();
    final AtomicBoolean clientChannelDown = new AtomicBoolean();

    @Bean
    MutableClock clock() {
      return new MutableClock(START);
    }

    @Bean
    HostData hostData() {
      InMemoryHostData data = new InMemoryHostData();
      data.put(new HostRecord(CategoryId.CALL_LOG, ACME, "call-1",
          START.minus(Duration.ofDays(3)), Set.of(CALLER), Map.of("duration_s", 42)));
      return data;
    }

    @EventListener
    void on(ClientNotice notice) {
      if (clientChannelDown.get()) {
        throw new IllegalStateException("client channel unavailable");
      }
      notices.add(notice);
    }

    @EventListener
    void on(Escalation escalation) {
      escalations.add(escalation);
    }
  }
}
