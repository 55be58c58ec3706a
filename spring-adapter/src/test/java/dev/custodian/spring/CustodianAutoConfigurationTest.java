package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientRole;
import dev.custodian.terms.CategoryId;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import dev.custodian.memory.InMemoryStateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.PropertySource;

class CustodianAutoConfigurationTest {
  static final String KEY = "custodian.pseudonymization-key=a fictional test key of at least 32 bytes";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class))
          // The scheduler's jobs stay in the test's hands: nothing runs in the background.
          .withUserConfiguration(ManualTaskScheduler.Config.class)
          .withPropertyValues(KEY);

  @Test
  void withoutDataSourceUsesInMemoryStores() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(Custodian.class);
      assertThat(context).hasSingleBean(CustodianMonitor.class);
      assertThat(context).getBean(StateStore.class).isInstanceOf(InMemoryStateStore.class);
      assertThat(context).hasSingleBean(EvidenceStore.class);
      assertThat(context).hasSingleBean(HostData.class);
      assertThat(context).hasSingleBean(WorkQueue.class);
      Custodian custodian = context.getBean(Custodian.class);
      assertThat(custodian.stateStore()).isSameAs(context.getBean(StateStore.class));
      assertThat(custodian.defaultClientZone()).isEqualTo(Custodian.DEFAULT_CLIENT_ZONE);
      assertThat(custodian.evidence().verify().valid()).isTrue();
    });
  }

  @Test
  void withoutKeyInMemoryGetsAnEphemeralKey() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(Custodian.class);
        });
  }

  @Test
  void hostBeansReplaceOurs() {
    runner.withUserConfiguration(HostStores.class).run(context -> {
      assertThat(context).hasSingleBean(StateStore.class);
      assertThat(context.getBean(StateStore.class)).isSameAs(HostStores.STATE);
      assertThat(context.getBean(Custodian.class).stateStore()).isSameAs(HostStores.STATE);
      assertThat(context.getBean(Custodian.class).clock()).isSameAs(HostStores.CLOCK);
    });
  }

  @Test
  void hostNotifierReplacesTheEventPublisher() {
    dev.custodian.spi.RequestNotifier own = notice -> {};
    runner.withBean(dev.custodian.spi.RequestNotifier.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(dev.custodian.spi.RequestNotifier.class);
      assertThat(context.getBean(dev.custodian.spi.RequestNotifier.class)).isSameAs(own);
      assertThat(context).getBean(dev.custodian.spi.EscalationChannel.class)
          .isInstanceOf(ApplicationEventEscalationChannel.class);
    });
  }

  @Test
  void hostCustodianReplacesOurs() {
    runner.withUserConfiguration(HostCustodian.class).run(context -> {
      assertThat(context).hasSingleBean(Custodian.class);
      assertThat(context).getBean("hostCustodian").isSameAs(context.getBean(Custodian.class));
    });
  }

  @Test
  void customizersRunInOrderBeforeBuild() {
    runner.withUserConfiguration(Customizers.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Customizers.class).calls).hasValue(2);
      assertThat(context.getBean(Custodian.class).defaultClientZone())
          .isEqualTo(ZoneId.of("Europe/Lisbon"));
    });
  }

  @Test
  void propertiesBindFromYaml() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class))
        .withInitializer(CustodianAutoConfigurationTest::loadYaml)
        .run(context -> {
          assertThat(context).hasNotFailed();
          CustodianProperties p = context.getBean(CustodianProperties.class);
          assertThat(p.getSweep().getBatchSize()).isEqualTo(250);
          assertThat(p.getSweep().getLease()).isEqualTo(Duration.ofMinutes(2));
          assertThat(p.getSweep().getCron()).isEqualTo("0 30 2 * * *");
          assertThat(p.getSchema().getInitialize())
              .isEqualTo(CustodianProperties.SchemaInitialization.ALWAYS);
          assertThat(p.getSubjectRequests().getNotificationDelay()).isEqualTo(Duration.ofHours(24));
          assertThat(p.getSubjectRequests().getEscalationDelay()).isEqualTo(Duration.ofHours(2));

          CustodianSettings s = context.getBean(CustodianSettings.class);
          assertThat(s.hostData()).containsOnlyKeys(CategoryId.CALL_LOG, CategoryId.SMS_LOG);
          CustodianProperties.TableMapping calls = s.hostData().get(CategoryId.CALL_LOG);
          assertThat(calls.getTable()).isEqualTo("telephony.calls");
          assertThat(calls.getClientColumn()).isEqualTo("account_id");
          assertThat(calls.getIdColumn()).isEqualTo("call_id");
          assertThat(calls.getTimeColumn()).isEqualTo("started_at");
          assertThat(calls.getRestrictedColumn()).isEqualTo("restricted");
          assertThat(calls.getSubjectColumns())
              .containsEntry("caller", "phone").containsEntry("callee", "phone");
          assertThat(s.hostData().get(CategoryId.SMS_LOG).getSubjectColumns())
              .containsOnlyKeys("recipient");
          assertThat(s.retention().get(CategoryId.CALL_RECORDING).getMax())
              .isEqualTo(Period.ofYears(1));

          Custodian custodian = context.getBean(Custodian.class);
          assertThat(custodian.defaultClientZone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
          assertThat(custodian.instructingRoles().roles())
              .containsExactly(ClientRole.SUPER_ADMINISTRATOR);
          assertThat(custodian.instructingRoles().designatedContact()).isFalse();
          assertThat(custodian.retention().schedule().rule("SMS_CONTENT.max").orElseThrow()
              .period()).isEqualTo(Period.ofMonths(6));
        });
  }

  @Test
  void badBatchSizeFailsStartUpNamingTheProperty() {
    assertFailsNaming("custodian.sweep.batch-size=0", "custodian.sweep.batch-size");
  }

  @Test
  void badZoneFailsStartUpNamingTheProperty() {
    assertFailsNaming("custodian.client-zone=Mars/Olympus_Mons", "custodian.client-zone");
  }

  @Test
  void negativeEscalationDelayFailsStartUpNamingTheProperty_R_DSR_2() {
    assertFailsNaming("custodian.subject-requests.escalation-delay=-5m",
        "custodian.subject-requests.escalation-delay");
  }

  @Test
  void badCronFailsStartUpNamingTheProperty() {
    assertFailsNaming("custodian.sweep.cron=every night", "custodian.sweep.cron");
  }

  @Test
  void shortKeyFailsStartUpWithoutEchoingIt() {
    runner.withPropertyValues("custodian.pseudonymization-key=short-secret").run(context -> {
      InvalidCustodianPropertyException e = invalidProperty(context);
      assertThat(e.property()).isEqualTo("custodian.pseudonymization-key");
      assertThat(e.getMessage()).doesNotContain("short-secret");
    });
  }

  @Test
  void retentionBoundsOutOfOrderFailStartUp() {
    assertFailsNaming(
        List.of("custodian.retention.categories.CALL_RECORDING.min=P2Y",
            "custodian.retention.categories.CALL_RECORDING.max=P1Y"),
        "custodian.retention.categories.CALL_RECORDING.min");
  }

  @Test
  void legalPeriodsCannotBeOverridden_R_RET_2() {
    assertFailsNaming("custodian.retention.categories.CALL_LOG.period=P3M",
        "custodian.retention.categories.CALL_LOG.period");
  }

  @Test
  void unknownCategoryOverrideFailsStartUp() {
    assertFailsNaming("custodian.retention.categories.PIGEON_POST.period=P3M",
        "custodian.retention.categories.PIGEON_POST.period");
  }

  @Test
  void contractualPeriodOverrideReachesTheScheduleAndTheCompliancePack_R_ASSIST_1() {
    runner.withPropertyValues("custodian.retention.categories.webhook-log.period=P14D")
        .run(context -> {
          Custodian custodian = context.getBean(Custodian.class);
          var schedule = custodian.retention().schedule();
          assertThat(schedule.rule("WEBHOOK_LOG.max").orElseThrow().period())
              .isEqualTo(Period.ofDays(14));
          assertThat(schedule.policy(CategoryId.WEBHOOK_LOG).retention())
              .isEqualTo(Period.ofDays(14));
          var pack = custodian.compliancePack().generate(
              dev.custodian.client.ProcessorPrincipal.of("op-1",
                  dev.custodian.client.ProcessorRole.OPERATOR),
              dev.custodian.client.ClientId.of("acme"));
          assertThat(pack.retentionSchedule())
              .filteredOn(r -> r.category().equals("WEBHOOK_LOG"))
              .singleElement()
              .satisfies(r -> assertThat(r.retention()).isEqualTo("14 days"));
        });
  }

  @Test
  void boundsOnClientSetDurationsReachTheLibrary_R_RET_3() {
    runner.withPropertyValues("custodian.retention.categories.CALL_RECORDING.max=P2Y",
            "custodian.retention.categories.TRANSCRIPTION.min=P7D")
        .run(context -> {
          var bounds = context.getBean(Custodian.class).retention().bounds();
          assertThat(bounds.bound(CategoryId.CALL_RECORDING).orElseThrow().max())
              .isEqualTo(Period.ofYears(2));
          assertThat(bounds.bound(CategoryId.TRANSCRIPTION).orElseThrow().min())
              .isEqualTo(Period.ofDays(7));
        });
  }

  @Test
  void boundsOnACategoryClientsDoNotSetFailStartUp() {
    assertFailsNaming("custodian.retention.categories.CALL_LOG.max=P2Y",
        "custodian.retention.categories.CALL_LOG.max");
  }

  @Test
  void mappingWithoutSubjectColumnsFailsStartUp() {
    assertFailsNaming(
        List.of("custodian.host-data.CALL_LOG.table=calls",
            "custodian.host-data.CALL_LOG.client-column=account_id",
            "custodian.host-data.CALL_LOG.id-column=id",
            "custodian.host-data.CALL_LOG.time-column=started_at"),
        "custodian.host-data.CALL_LOG.subject-columns");
  }

  @Test
  void mappingWithInjectedSqlFailsStartUp() {
    assertFailsNaming(
        List.of("custodian.host-data.CALL_LOG.table=calls; drop table calls",
            "custodian.host-data.CALL_LOG.client-column=account_id",
            "custodian.host-data.CALL_LOG.id-column=id",
            "custodian.host-data.CALL_LOG.time-column=started_at",
            "custodian.host-data.CALL_LOG.subject-columns.caller=phone"),
        "custodian.host-data.CALL_LOG.table");
  }

  @Test
  void nobodyMayInstructFailsStartUp() {
    assertFailsNaming(
        List.of("custodian.instructing-roles.roles=",
            "custodian.instructing-roles.designated-contact=false"),
        "custodian.instructing-roles.roles");
  }

  @Test
  void failureAnalyzerNamesThePropertyAndTheAction() {
    runner.withPropertyValues("custodian.sweep.batch-size=-3").run(context -> {
      InvalidCustodianPropertyException e = invalidProperty(context);
      var analysis = new InvalidCustodianPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("custodian.sweep.batch-size").contains("-3");
      assertThat(analysis.getAction()).contains("custodian.sweep.batch-size");
      assertThat(analysis.getCause()).isSameAs(e);
    });
  }

  @Test
  void failureAnalyzerIsRegistered() throws IOException {
    var factories = new ClassPathResource("META-INF/spring.factories").getContentAsString(
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(factories).contains(InvalidCustodianPropertyFailureAnalyzer.class.getName());
  }

  @Test
  void disabledLeavesNoBean() {
    runner.withPropertyValues("custodian.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(Custodian.class);
      assertThat(context).doesNotHaveBean(CustodianProperties.class);
      assertThat(context).doesNotHaveBean(StateStore.class);
      assertThat(context).doesNotHaveBean(CustodianMonitor.class);
    });
  }

  @Test
  void startsWithoutActuatorOrMicrometer() {
    runner
        .withClassLoader(new FilteredClassLoader(
            "org.springframework.boot.health", "io.micrometer", "org.springframework.boot.actuate"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(Custodian.class);
        });
  }

  @Test
  void configurationMetadataDescribesEverySetting() throws IOException {
    String json = new ClassPathResource("META-INF/spring-configuration-metadata.json")
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"custodian.sweep.batch-size\"")
        .contains("How many records one deletion batch removes")
        .contains("\"custodian.pseudonymization-key\"")
        .contains("\"custodian.subject-requests.escalation-delay\"")
        .contains("How long past its deadline an overdue client notification waits")
        .contains("\"custodian.schema.initialize\"")
        .contains("\"custodian.host-data\"");
  }

  @Test
  void metadataDefaultsAreTheCoreConstants() throws IOException {
    var metadata = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
    java.util.Map<String, String> defaults = new java.util.HashMap<>();
    metadata.get("properties").forEach(p -> {
      if (p.has("defaultValue")) {
        defaults.put(p.get("name").asText(), p.get("defaultValue").toString());
      }
    });
    assertThat(defaults.get("custodian.client-zone"))
        .isEqualTo("\"" + Custodian.DEFAULT_CLIENT_ZONE.getId() + "\"");
    assertThat(defaults.get("custodian.sweep.zone"))
        .isEqualTo("\"" + Custodian.DEFAULT_CLIENT_ZONE.getId() + "\"");
    assertThat(Duration.parse("PT" + defaults.get("custodian.subject-requests.notification-delay")
            .replace("\"", "").toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(dev.custodian.dsr.SubjectRequestService.DEFAULT_NOTIFICATION_DEADLINE);
    assertThat(Duration.parse("PT" + defaults.get("custodian.subject-requests.escalation-delay")
            .replace("\"", "").toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(dev.custodian.dsr.SubjectRequestService.DEFAULT_ESCALATION_DELAY);
    assertThat(defaults.get("custodian.instructing-roles.roles")).isEqualTo(
        "[\"ADMINISTRATOR\",\"SUPER_ADMINISTRATOR\"]");
    assertThat(dev.custodian.client.InstructingRoles.DEFAULT.roles())
        .containsExactlyInAnyOrder(ClientRole.ADMINISTRATOR, ClientRole.SUPER_ADMINISTRATOR);
    assertThat(defaults.get("custodian.instructing-roles.designated-contact"))
        .isEqualTo(String.valueOf(dev.custodian.client.InstructingRoles.DEFAULT.designatedContact()));
    assertThat(defaults.get("custodian.sweep.batch-size"))
        .isEqualTo(String.valueOf(dev.custodian.retention.SweepOptions.DEFAULT_BATCH_SIZE));
    assertThat(defaults.get("custodian.sweep.lease")).isEqualTo("\"5m\"");
    assertThat(dev.custodian.retention.SweepOptions.DEFAULT_LEASE).isEqualTo(Duration.ofMinutes(5));
  }

  private void assertFailsNaming(String property, String name) {
    assertFailsNaming(List.of(property), name);
  }

  private void assertFailsNaming(List<String> properties, String name) {
    runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
      InvalidCustodianPropertyException e = invalidProperty(context);
      assertThat(e.property()).isEqualTo(name);
      assertThat(e.getMessage()).contains(name);
    });
  }

  static InvalidCustodianPropertyException invalidProperty(ConfigurableApplicationContext context) {
    assertThat(context).isInstanceOf(
        org.springframework.boot.test.context.assertj.AssertableApplicationContext.class);
    Throwable failure =
        ((org.springframework.boot.test.context.assertj.AssertableApplicationContext) context)
            .getStartupFailure();
    assertThat(failure).as("start-up must fail").isNotNull();
    Throwable t = failure;
    while (t != null && !(t instanceof InvalidCustodianPropertyException)) {
      t = t.getCause();
    }
    assertThat(t).as("cause chain of %s", failure).isInstanceOf(InvalidCustodianPropertyException.class);
    return (InvalidCustodianPropertyException) t;
  }

  private static void loadYaml(ConfigurableApplicationContext context) {
    try {
      List<PropertySource<?>> sources = new YamlPropertySourceLoader()
          .load("custodian-mappings", new ClassPathResource("custodian-mappings.yml"));
      sources.forEach(s -> context.getEnvironment().getPropertySources().addFirst(s));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostStores {
    static final StateStore STATE = new InMemoryStateStore();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @Bean
    StateStore hostStateStore() {
      return STATE;
    }

    @Bean
    Clock hostClock() {
      return CLOCK;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostCustodian {
    @Bean
    Custodian hostCustodian() {
      return Custodian.builder().pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final AtomicInteger calls = new AtomicInteger();

    @Bean
    @org.springframework.core.annotation.Order(1)
    CustodianBuilderCustomizer first() {
      return b -> {
        calls.incrementAndGet();
        b.defaultClientZone(ZoneId.of("Europe/Berlin"));
      };
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    CustodianBuilderCustomizer second() {
      return b -> {
        calls.incrementAndGet();
        b.defaultClientZone(ZoneId.of("Europe/Lisbon"));
      };
    }
  }
}
