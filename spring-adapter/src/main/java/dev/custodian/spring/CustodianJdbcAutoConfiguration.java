package dev.custodian.spring;

import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import dev.custodian.memory.InMemoryHostData;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Custodian's state, evidence and work queue in the host's database, when {@code custodian-jdbc} is
 * on the classpath and the context has one {@link DataSource} (or one marked primary). Runs before
 * {@link CustodianAutoConfiguration}, whose in-memory stores then only fill what is still missing.
 * The dialect is detected from the database; a host's own {@link Dialect} bean overrides it.
 */
@AutoConfiguration(
    before = CustodianAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "custodian.enabled", matchIfMissing = true)
@ConditionalOnClass(JdbcStateStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(CustodianProperties.class)
public class CustodianJdbcAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CustodianJdbcAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Dialect custodianDialect(DataSource dataSource) {
    return Dialect.detect(dataSource);
  }

  /**
   * Custodian's tables, after the host's own database initialisation (Boot's Flyway or Liquibase
   * for the host's schema, {@code spring.sql.init}): a host's Flyway that meets a schema with no
   * history of its own but Custodian's tables would refuse to baseline it, so the host's history
   * comes first. With Flyway on the classpath Custodian's scripts run through their own history.
   */
  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  CustodianSchemaInitializer custodianSchemaInitializer(
      DataSource dataSource, Dialect dialect, CustodianProperties properties, ResourceLoader resources) {
    CustodianProperties.SchemaInitialization mode = properties.getSchema().getInitialize();
    if (mode == null) {
      throw CustodianSettings.invalid("schema.initialize", "must be one of never, embedded, always");
    }
    return new CustodianSchemaInitializer(dataSource, dialect, mode,
        CustodianSchemaInitializer.Runner.detect(resources.getClassLoader()));
  }

  @Bean
  @ConditionalOnMissingBean
  StateStore custodianStateStore(
      DataSource dataSource, Dialect dialect, CustodianSchemaInitializer schema) {
    return new JdbcStateStore(dataSource, dialect);
  }

  @Bean
  @ConditionalOnMissingBean
  EvidenceStore custodianEvidenceStore(
      DataSource dataSource, Dialect dialect, CustodianSchemaInitializer schema) {
    return new JdbcEvidenceStore(dataSource, dialect);
  }

  /**
   * The host's own tables, from {@code custodian.host-data}. Built after Boot's SQL
   * initialisation, since it checks every mapped table and column against the database. With no
   * mapping at all, an empty in-memory stand-in, with a warning.
   */
  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  HostData custodianHostData(DataSource dataSource, Dialect dialect, CustodianSettings settings) {
    if (settings.hostData().isEmpty()) {
      LOG.warn("custodian.host-data maps none of the host's tables: Custodian finds no subject,"
          + " sweeps nothing and returns nothing; map each category's table");
      return new InMemoryHostData();
    }
    return HostDataMappings.jdbcHostData(dataSource, dialect, settings);
  }

  @Bean
  @ConditionalOnMissingBean
  WorkQueue custodianWorkQueue(
      DataSource dataSource, Dialect dialect, CustodianSchemaInitializer schema) {
    return new JdbcWorkQueue(dataSource, dialect, JdbcWorkQueue.ClaimStrategy.AUTO);
  }
}
