package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.terms.CategoryId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A mapping never names Custodian's own tables nor a system schema (issue 15, finding 4): a sweep
 * over {@code custodian_evidence} would delete the evidence and break its chain.
 */
class ReservedTablesTest {
  private static TableMapping mapping(String table) {
    return TableMapping.builder(CategoryId.CALL_LOG).table(table).id("id").client("client_id")
        .time("started_at").subject("caller", SubjectKind.PHONE).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"custodian_evidence", "custodian_state", "CUSTODIAN_EVIDENCE_HEAD",
      "Custodian_Work_Unit", "public.custodian_state", "app.CUSTODIAN_EVIDENCE"})
  void custodiansOwnTablesAreRefused(String table) {
    assertThatThrownBy(() -> mapping(table)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CALL_LOG")
        .hasMessageContaining("Custodian's own");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg_catalog.pg_authid", "PG_CATALOG.pg_authid", "pg_authid",
      "pg_toast.pg_toast_1", "information_schema.tables", "INFORMATION_SCHEMA.TABLES",
      "mysql.user", "MySQL.user", "performance_schema.threads", "sys.sys_config"})
  void systemSchemasAreRefused(String table) {
    assertThatThrownBy(() -> mapping(table)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("system schema");
  }

  @ParameterizedTest
  @ValueSource(strings = {"call_log", "public.call_log", "custodians", "my_custodian_state",
      "telephony.sys_log", "app.pg"})
  void hostTablesAreAccepted(String table) {
    assertThat(mapping(table).table()).isEqualTo(table);
  }

  @Test
  void mappingFilesAreCheckedToo() {
    assertThatThrownBy(() -> HostDataMapping.fromJson("{\"categories\": [{\"category\":"
        + " \"CALL_LOG\", \"table\": \"custodian_evidence\", \"id\": \"seq\", \"client\":"
        + " \"client_id\", \"time\": \"recorded_at\"}]}"))
        .hasMessageContaining("\"custodian_evidence\" is refused");
    java.util.Properties p = new java.util.Properties();
    p.setProperty("CALL_LOG.table", "information_schema.tables");
    p.setProperty("CALL_LOG.id", "id");
    p.setProperty("CALL_LOG.client", "client_id");
    p.setProperty("CALL_LOG.time", "started_at");
    assertThatThrownBy(() -> HostDataMapping.fromProperties(p))
        .hasMessageContaining("\"information_schema.tables\" is refused");
  }

  /** An unqualified name the database resolves into a system schema is refused at binding. */
  @Test
  void bindingRefusesATableResolvedInASystemSchema() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://" + System.getProperty("custodian.test.postgres", "127.0.0.1:5432")
        + "/test?user=postgres&currentSchema=information_schema");
    HostDataMapping m = HostDataMapping.builder().table(TableMapping.builder(CategoryId.CALL_LOG)
        .table("tables").id("table_name").client("table_schema").time("table_catalog")
        .subject("table_type", SubjectKind.USER).build()).build();
    assertThatThrownBy(() -> JdbcHostData.builder(ds, m).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"information_schema.tables\" is refused");
  }
}
