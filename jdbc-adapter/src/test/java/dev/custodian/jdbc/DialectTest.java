package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DialectTest {
  @Test
  void dialectFollowsTheJdbcProductName() {
    assertThat(Dialect.ofProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.ofProductName("MariaDB")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.ofProductName("MySQL")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.ofProductName("H2")).isEqualTo(Dialect.H2);
    assertThatThrownBy(() -> Dialect.ofProductName("Oracle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported database 'Oracle'");
  }

  @Test
  void everyDialectShipsItsVersionedScript() {
    for (Dialect d : Dialect.values()) {
      assertThat(CustodianSchema.scripts(d))
          .containsExactly("dev/custodian/jdbc/schema/" + d.folder() + "/V1__custodian.sql",
              "dev/custodian/jdbc/schema/" + d.folder() + "/V2__evidence_integrity.sql");
      assertThat(CustodianSchema.flywayLocation(d))
          .isEqualTo("classpath:dev/custodian/jdbc/schema/" + d.folder());
      for (String resource : CustodianSchema.scripts(d)) {
        List<String> statements = CustodianSchema.statements(CustodianSchema.read(resource));
        assertThat(statements).as(resource).isNotEmpty().allSatisfy(s -> assertThat(s)
            .as("every statement is idempotent").satisfiesAnyOf(
                x -> assertThat(x).contains("IF NOT EXISTS"),
                x -> assertThat(x).containsIgnoringCase("INSERT")));
      }
    }
  }

  @Test
  void statementsAreSplitAtLineEndSemicolonsWithoutComments() {
    assertThat(CustodianSchema.statements("-- a comment\nCREATE TABLE a (x INT);\n\n"
        + "INSERT INTO a VALUES (1);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)");
  }
}
