package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring Boot start-up stops on configuration that would start and then fail, or never fail
 * (issue 15, finding 5): an unknown category under {@code custodian.host-data}, a placeholder
 * key, a key other than the recorded one; and each failure's advice fits its setting.
 */
class CustodianStartUpChecksTest {
  static final String KEY_A = "custodian.pseudonymization-key=a fictional test key, the first of two";
  static final String KEY_B = "custodian.pseudonymization-key=a fictional test key, the second of two";
  private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceInitializationAutoConfiguration.class,
            CustodianJdbcAutoConfiguration.class, CustodianAutoConfiguration.class))
        .withUserConfiguration(ManualTaskScheduler.Config.class)
        .withPropertyValues("spring.datasource.url=" + database, "spring.datasource.username=sa");
  }

  private static String[] mapping(String category) {
    List<String> out = new ArrayList<>();
    for (String p : CustodianJdbcAutoConfigurationTest.CALLS_MAPPING) {
      out.add(p.replace("host-data.CALL_LOG.", "host-data." + category + "."));
    }
    return out.toArray(String[]::new);
  }

  @Test
  void anUnknownCategoryStopsStartUpNamingTheValidOnes_R_RET_1() {
    runner().withPropertyValues(KEY_A).withPropertyValues(mapping("voicemail")).run(context -> {
      InvalidCustodianPropertyException e =
          CustodianAutoConfigurationTest.invalidProperty(context);
      assertThat(e.property()).isEqualTo("custodian.host-data.VOICEMAIL");
      assertThat(e.reason()).contains("[VOICEMAIL]").contains("CALL_LOG").contains("SMS_CONTENT");
      var analysis = new InvalidCustodianPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getAction()).contains("custodian.host-data.<CATEGORY>")
          .doesNotContain("to use the default");
    });
  }

  @Test
  void aCaseInsensitiveClientColumnStopsStartUpNamingTheColumn() {
    runner().withPropertyValues(KEY_A).withPropertyValues(mapping("CALL_LOG"))
        .withPropertyValues("spring.sql.init.schema-locations=classpath:host-schema-ignorecase.sql")
        .run(context -> {
          InvalidCustodianPropertyException e =
              CustodianAutoConfigurationTest.invalidProperty(context);
          assertThat(e.property()).isEqualTo("custodian.host-data");
          assertThat(e.reason()).contains("client column \"ACCOUNT_ID\"")
              .contains("VARCHAR_IGNORECASE");
          var analysis =
              new InvalidCustodianPropertyFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis.getAction()).contains("or the table it names")
              .doesNotContain("to use the default");
        });
  }

  @Test
  void aMappingOfCustodiansOwnTableStopsStartUp() {
    runner().withPropertyValues(KEY_A).withPropertyValues(mapping("CALL_LOG"))
        .withPropertyValues("custodian.host-data.CALL_LOG.table=custodian_evidence")
        .run(context -> {
          InvalidCustodianPropertyException e =
              CustodianAutoConfigurationTest.invalidProperty(context);
          assertThat(e.property()).isEqualTo("custodian.host-data.CALL_LOG");
          assertThat(e.reason()).contains("Custodian's own");
        });
  }

  @Test
  void anUnresolvedPlaceholderKeyStopsStartUpWithoutEchoingIt() {
    runner().withPropertyValues(
        "custodian.pseudonymization-key=${CUSTODIAN_KEY_NEVER_SET_IN_THIS_TEST}").run(context -> {
          InvalidCustodianPropertyException e =
              CustodianAutoConfigurationTest.invalidProperty(context);
          assertThat(e.property()).isEqualTo("custodian.pseudonymization-key");
          assertThat(e.reason()).contains("unresolved configuration placeholder");
          assertThat(e.getMessage()).doesNotContain("NEVER_SET");
          var analysis =
              new InvalidCustodianPropertyFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis.getAction()).contains("32 random bytes")
              .doesNotContain("to use the default");
        });
  }

  @Test
  void aChangedKeyStopsStartUpAndARotationFromTheOldOneStarts_R_EVID_2() {
    runner().withPropertyValues(KEY_A).run(context -> assertThat(context).hasNotFailed());
    runner().withPropertyValues(KEY_B).run(context -> {
      InvalidCustodianPropertyException e =
          CustodianAutoConfigurationTest.invalidProperty(context);
      assertThat(e.property()).isEqualTo("custodian.pseudonymization-key");
      assertThat(e.getMessage()).doesNotContain("first of two", "second of two");
      var analysis = new InvalidCustodianPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getAction())
          .contains("custodian.pseudonymization-key-rotation.previous")
          .doesNotContain("to use the default");
    });
    runner().withPropertyValues(KEY_B,
        "custodian.pseudonymization-key-rotation.previous=a fictional test key, the first of two")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Custodian c = context.getBean(Custodian.class);
          List<EvidenceEntry> entries = c.evidence().head().stream().toList();
          assertThat(entries).extracting(EvidenceEntry::action)
              .containsExactly("pseudonymization.key.rotated");
        });
    runner().withPropertyValues(KEY_B).run(context -> assertThat(context).hasNotFailed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"custodian.client-zone", "custodian.sweep.batch-size",
      "custodian.sweep.cron", "custodian.schema.initialize", "custodian.instructing-roles.roles",
      "custodian.subject-requests.notification-delay",
      "custodian.health.evidence-verification-interval"})
  void settingsWithADefaultMayBeRemoved(String property) {
    assertThat(InvalidCustodianPropertyFailureAnalyzer.action(property))
        .contains(property).contains("remove it to use the default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"custodian.pseudonymization-key",
      "custodian.pseudonymization-key-rotation.previous", "custodian.host-data",
      "custodian.host-data.CALL_LOG.table", "custodian.retention.categories.SMS_CONTENT.period",
      "custodian.retention.categories"})
  void settingsWithoutADefaultAreNeverToldToUseIt(String property) {
    assertThat(InvalidCustodianPropertyFailureAnalyzer.action(property))
        .contains(property).doesNotContain("use the default");
  }

  /** Every property the settings can refuse gets advice that fits: checked on the real failures. */
  @Test
  void theFailuresOfSettingsWithoutDefaultGiveFittingAdvice() {
    runner().withPropertyValues(KEY_A, "custodian.retention.categories.SMS_CONTENT.period=P0D")
        .run(context -> {
          var analysis =
              new InvalidCustodianPropertyFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis.getAction()).contains("shipped schedule")
              .doesNotContain("to use the default");
        });
  }
}
