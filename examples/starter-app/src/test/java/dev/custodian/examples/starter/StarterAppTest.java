package dev.custodian.examples.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.jdbc.CustodianMigrations;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.spring.CustodianSchemaInitializer;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The application starts on the starter alone, with Custodian's tables migrated by Flyway. */
@SpringBootTest
class StarterAppTest {
  @Autowired Custodian custodian;
  @Autowired CustodianSchemaInitializer schema;
  @Autowired DataSource dataSource;

  @Test
  void startsWithCustodiansTablesMigratedByFlyway() {
    assertThat(schema.runner()).isEqualTo(CustodianSchemaInitializer.Runner.FLYWAY);
    assertThat(schema.initialized()).isTrue();
    assertThat(CustodianSchema.missingTables(dataSource, Dialect.H2)).isEmpty();

    MigrationInfo[] history = CustodianMigrations.configure(dataSource, Dialect.H2).load().info().applied();
    assertThat(Arrays.stream(history).map(MigrationInfo::getScript)).contains("V1__custodian.sql");
    assertThat(Arrays.stream(history).allMatch(i -> i.getState().isApplied() && !i.getState().isFailed())).isTrue();

    assertThat(custodian.stateStore()).isInstanceOf(JdbcStateStore.class);
    custodian.evidence().append(EvidenceRecord.of("starter.started", "system"));
    assertThat(custodian.evidence().verify().valid()).isTrue();
  }
}
