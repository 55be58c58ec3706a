package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.jdbc.CustodianMigrations;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Custodian's tables at start-up: through Flyway with a history of their own beside the host's
 * Flyway (Boot's auto-configuration, the host at version 57), through the plain scripts without
 * Flyway, and a start-up that stops when they are missing.
 */
class CustodianSchemaMigrationTest {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            FlywayAutoConfiguration.class, CustodianJdbcAutoConfiguration.class,
            CustodianAutoConfiguration.class))
        .withUserConfiguration(ManualTaskScheduler.Config.class)
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=sa",
            "spring.flyway.locations=classpath:host-db/migration", CustodianAutoConfigurationTest.KEY);
  }

  private DataSource direct() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    return ds;
  }

  @Test
  void theHostsFlywayAtVersion57AndCustodiansMigrationsKeepTheirOwnHistories() {
    runner().run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(Custodian.class);
      CustodianSchemaInitializer schema = context.getBean(CustodianSchemaInitializer.class);
      assertThat(schema.runner()).isEqualTo(CustodianSchemaInitializer.Runner.FLYWAY);
      assertThat(schema.initialized()).isTrue();

      // The host's history: its three scripts up to 57, and nothing of Custodian's. Had Custodian's
      // tables come first, the host's Flyway would have refused the non-empty schema.
      Flyway host = context.getBean(Flyway.class);
      MigrationInfo[] hostHistory = host.info().applied();
      assertThat(Arrays.stream(hostHistory).map(i -> i.getVersion().getVersion()))
          .containsExactly("1", "2", "57");
      assertThat(host.info().current().getVersion().getVersion()).isEqualTo("57");
      assertThat(host.validateWithResult().validationSuccessful).isTrue();

      // Custodian's history: a baseline at 0 over the host's tables, then every Custodian script.
      MigrationInfo[] ours = CustodianMigrations.configure(direct(), Dialect.H2).load().info().applied();
      assertThat(ours[0].getVersion().getVersion()).isEqualTo("0");
      assertThat(Arrays.stream(ours).skip(1).map(MigrationInfo::getScript))
          .allMatch(s -> s.matches("V\\d+__.*\\.sql"))
          .hasSize(CustodianSchema.scripts(Dialect.H2).size());
      assertThat(CustodianSchema.missingTables(direct(), Dialect.H2)).isEmpty();
      assertThat(count("SELECT COUNT(*) FROM host_account")).isEqualTo(1);
    });
  }

  @Test
  void neverWithoutTheTablesStopsStartUpNamingTheScriptsAndTheProperty() {
    runner().withPropertyValues("custodian.schema.initialize=never").run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      Throwable cause = failure;
      while (cause != null && !(cause instanceof CustodianSchemaMissingException)) {
        cause = cause.getCause();
      }
      assertThat(cause).isInstanceOf(CustodianSchemaMissingException.class);
      CustodianSchemaMissingException missing = (CustodianSchemaMissingException) cause;
      assertThat(missing.missingTables()).containsExactlyElementsOf(CustodianSchema.tables(Dialect.H2));
      assertThat(missing.getMessage()).contains("V1__custodian.sql", "custodian.schema.initialize=never",
          "classpath:dev/custodian/jdbc/schema/h2");

      FailureAnalysis analysis = new CustodianSchemaMissingFailureAnalyzer().analyze(failure);
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("custodian_state", "custodian.schema.initialize=never");
      assertThat(analysis.getAction()).contains("custodian.schema.initialize=always",
          "classpath:dev/custodian/jdbc/schema/h2", "custodian_schema_history");
    });
  }

  @Test
  void withoutFlywayTheScriptsRunAndKeepNoHistory() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            CustodianJdbcAutoConfiguration.class, CustodianAutoConfiguration.class))
        .withUserConfiguration(ManualTaskScheduler.Config.class)
        .withClassLoader(new FilteredClassLoader("org.flywaydb"))
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=sa",
            CustodianAutoConfigurationTest.KEY)
        .run(context -> {
          assertThat(context).hasNotFailed();
          CustodianSchemaInitializer schema = context.getBean(CustodianSchemaInitializer.class);
          assertThat(schema.runner()).isEqualTo(CustodianSchemaInitializer.Runner.SCRIPTS);
          assertThat(schema.initialized()).isTrue();
          assertThat(CustodianSchema.missingTables(direct(), Dialect.H2)).isEmpty();
          assertThat(tableExists(CustodianMigrations.HISTORY_TABLE)).isFalse();
        });
  }

  private long count(String sql) throws SQLException {
    try (Connection c = direct().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private boolean tableExists(String table) throws SQLException {
    try (Connection c = direct().getConnection();
         var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
      return false;
    }
  }
}
