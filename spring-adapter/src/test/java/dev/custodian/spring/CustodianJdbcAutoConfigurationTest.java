package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostData;
import dev.custodian.subject.PhoneNumber;
import java.util.List;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import dev.custodian.memory.InMemoryStateStore;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CustodianJdbcAutoConfigurationTest {

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, CustodianJdbcAutoConfiguration.class,
            CustodianAutoConfiguration.class))
        // No background job appends evidence while a test counts entries.
        .withUserConfiguration(ManualTaskScheduler.Config.class)
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa");
  }

  @Test
  void withDataSourceUsesJdbcStoresAndCreatesTablesOnEmbedded() {
    runner().withPropertyValues(CustodianAutoConfigurationTest.KEY).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(DataSource.class);
      assertThat(context).getBean(StateStore.class).isInstanceOf(JdbcStateStore.class);
      assertThat(context).getBean(EvidenceStore.class).isInstanceOf(JdbcEvidenceStore.class);
      assertThat(context).getBean(WorkQueue.class).isInstanceOf(JdbcWorkQueue.class);
      assertThat(context.getBean(Dialect.class)).isEqualTo(Dialect.H2);
      assertThat(context.getBean(CustodianSchemaInitializer.class).initialized()).isTrue();

      Custodian custodian = context.getBean(Custodian.class);
      custodian.stateStore().insert("sample", "s-1", new ClientId("acme"), null, "{}");
      assertThat(custodian.stateStore().find("sample", "s-1")).isPresent();
      custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
      assertThat(custodian.evidence().verify().entriesChecked()).isEqualTo(1);
    });
  }

  @Test
  void withDataSourceTheKeyIsRequired() {
    runner().run(context -> {
      InvalidCustodianPropertyException e =
          CustodianAutoConfigurationTest.invalidProperty(context);
      assertThat(e.property()).isEqualTo("custodian.pseudonymization-key");
    });
  }

  @Test
  void schemaNeverLeavesTheDatabaseAlone() {
    // The host made Custodian's tables itself; with "never" Custodian runs nothing, not even its
    // migration history. (Without the tables, start-up stops: CustodianSchemaMigrationTest.)
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    org.h2.jdbcx.JdbcDataSource hostMade = new org.h2.jdbcx.JdbcDataSource();
    hostMade.setURL(url);
    hostMade.setUser("sa");
    dev.custodian.jdbc.CustodianSchema.createIfMissing(hostMade, Dialect.H2);
    runner()
        .withPropertyValues(CustodianAutoConfigurationTest.KEY, "custodian.schema.initialize=never",
            "spring.datasource.url=" + url)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(CustodianSchemaInitializer.class).initialized()).isFalse();
          try (var c = hostMade.getConnection();
               var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
              tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(tables).contains("custodian_state")
                .doesNotContain(dev.custodian.jdbc.CustodianMigrations.HISTORY_TABLE);
          }
        });
  }

  @Test
  void withoutTheJdbcModuleFallsBackToMemory() {
    runner()
        .withPropertyValues(CustodianAutoConfigurationTest.KEY)
        .withClassLoader(new FilteredClassLoader("dev.custodian.jdbc"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).getBean(StateStore.class).isInstanceOf(InMemoryStateStore.class);
        });
  }

  static final String[] CALLS_MAPPING = {
    "spring.sql.init.mode=always",
    "spring.sql.init.schema-locations=classpath:host-schema.sql",
    "custodian.host-data.CALL_LOG.table=calls",
    "custodian.host-data.CALL_LOG.client-column=account_id",
    "custodian.host-data.CALL_LOG.id-column=id",
    "custodian.host-data.CALL_LOG.time-column=started_at",
    "custodian.host-data.CALL_LOG.restricted-column=restricted",
    "custodian.host-data.CALL_LOG.subject-columns.caller=phone",
    "custodian.host-data.CALL_LOG.subject-columns.callee=phone"
  };

  @Test
  void mappedTablesBecomeTheHostData_R_DSR_2() {
    runner()
        .withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
        .withPropertyValues(CustodianAutoConfigurationTest.KEY)
        .withPropertyValues(CALLS_MAPPING)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).getBean(HostData.class).isInstanceOf(JdbcHostData.class);
          HostData data = context.getBean(Custodian.class).hostData();
          assertThat(data.categories()).containsExactly(CategoryId.CALL_LOG);
          assertThat(data.clientsHolding(List.of(PhoneNumber.of("+33639980202"))))
              .containsExactly(ClientId.of("acme"));
          assertThat(data.findSubject(ClientId.of("acme"), List.of(PhoneNumber.of("+33199000101"))))
              .singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("1"));
        });
  }

  @Test
  void aMappingTheDatabaseLacksFailsStartUpNamingTheProperty() {
    runner()
        .withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
        .withPropertyValues(CustodianAutoConfigurationTest.KEY)
        .withPropertyValues(CALLS_MAPPING)
        .withPropertyValues("custodian.host-data.CALL_LOG.time-column=answered_at")
        .run(context -> {
          InvalidCustodianPropertyException e =
              CustodianAutoConfigurationTest.invalidProperty(context);
          assertThat(e.property()).startsWith("custodian.host-data");
          assertThat(e.getMessage()).contains("answered_at");
        });
  }

  @Test
  void anUnknownSubjectKindFailsStartUpNamingTheProperty() {
    runner()
        .withPropertyValues(CustodianAutoConfigurationTest.KEY)
        .withPropertyValues(CALLS_MAPPING)
        .withPropertyValues("custodian.host-data.CALL_LOG.subject-columns.callee=fax")
        .run(context -> assertThat(CustodianAutoConfigurationTest.invalidProperty(context)
            .property()).isEqualTo("custodian.host-data.CALL_LOG.subject-columns.callee"));
  }

  @Test
  void disabledLeavesNoBeanEvenWithADataSource() {
    runner().withPropertyValues("custodian.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(DataSource.class);
      assertThat(context).doesNotHaveBean(StateStore.class);
      assertThat(context).doesNotHaveBean(CustodianSchemaInitializer.class);
      assertThat(context).doesNotHaveBean(Custodian.class);
    });
  }

  @Test
  void aHostDialectOverridesDetection() {
    runner()
        .withPropertyValues(CustodianAutoConfigurationTest.KEY)
        .withBean(Dialect.class, () -> Dialect.H2)
        .run(context -> assertThat(context).hasSingleBean(Dialect.class));
  }
}
