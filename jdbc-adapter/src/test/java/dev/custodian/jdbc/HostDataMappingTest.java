package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.terms.CategoryId;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mappings: built in code or loaded from a file, and never a way to inject SQL. */
class HostDataMappingTest {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  private static TableMapping.Builder callLog() {
    return TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id").client("client_id")
        .time("started_at").subject("caller", SubjectKind.PHONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "call_log; DROP TABLE custodian_evidence; --",
      "call_log\" OR 1=1 --",
      "call_log` --",
      "call log",
      "call_log)",
      "1call_log",
      "",
      "a.b.c",
      "call_log/*x*/",
      "café",
      "call_log\n"})
  void hostileTableNamesAreRefusedWithAClearError(String hostile) {
    assertThatThrownBy(() -> callLog().table(hostile).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CALL_LOG")
        .hasMessageContaining("table")
        .hasMessageContaining("is refused")
        .hasMessageContaining("letters, digits and '_' only");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "id; DELETE FROM call_log",
      "started_at < now() OR 1=1",
      "caller'--",
      "x\" = \"x",
      "`id`",
      "id,client_id",
      "a123456789b123456789c123456789d123456789e123456789f123456789g1234"})
  void hostileColumnNamesAreRefusedWhateverTheirRole(String hostile) {
    List<Runnable> roles = List.of(
        () -> callLog().id(hostile).build(),
        () -> callLog().client(hostile).build(),
        () -> callLog().time(hostile).build(),
        () -> callLog().subject(hostile, SubjectKind.EMAIL).build(),
        () -> callLog().restricted(hostile).build());
    for (Runnable role : roles) {
      assertThatThrownBy(role::run)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is refused")
          .hasMessageContaining("column name must be letters, digits and '_' only");
    }
  }

  @Test
  void hostileNamesInAMappingFileAreRefusedToo() {
    String json = """
        {"categories": [{"category": "CALL_LOG", "table": "call_log", "id": "id",
          "client": "client_id", "time": "started_at",
          "subjects": {"caller; DROP TABLE call_log": "phone"}}]}""";
    assertThatThrownBy(() -> HostDataMapping.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject column")
        .hasMessageContaining("is refused");
    Properties p = new Properties();
    p.setProperty("CALL_LOG.table", "call_log where 1=1");
    p.setProperty("CALL_LOG.id", "id");
    p.setProperty("CALL_LOG.client", "client_id");
    p.setProperty("CALL_LOG.time", "started_at");
    assertThatThrownBy(() -> HostDataMapping.fromProperties(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table \"call_log where 1=1\" is refused");
  }

  @Test
  void controlCharactersInARefusedNameAreEscapedInTheMessage() {
    assertThatThrownBy(() -> callLog().table("call\u001b[2Jlog").build())
        .hasMessageContaining("call\\u001b[2Jlog");
  }

  @Test
  void aColumnNamedTwiceIsRefused() {
    assertThatThrownBy(() -> callLog().subject("CLIENT_ID", SubjectKind.USER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("named twice");
  }

  @Test
  void aMissingTableOrColumnFailsWhenTheHostDataIsBuilt() {
    db.execute("CREATE TABLE IF NOT EXISTS sms_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64),"
        + " sent_at TIMESTAMP, sender VARCHAR(32), note VARCHAR(20))");
    HostDataMapping noTable = HostDataMapping.builder().table(callLog().table("no_such_table").build())
        .build();
    assertThatThrownBy(() -> JdbcHostData.builder(db.dataSource(), noTable).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table \"no_such_table\" does not exist");
    HostDataMapping noColumn = HostDataMapping.builder().table(TableMapping.builder(CategoryId.SMS_LOG)
        .table("sms_log").id("id").client("client_id").time("sent_at")
        .subject("recipient", SubjectKind.PHONE).build()).build();
    assertThatThrownBy(() -> JdbcHostData.builder(db.dataSource(), noColumn).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no subject column \"recipient\"");
    HostDataMapping badTime = HostDataMapping.builder().table(TableMapping.builder(CategoryId.SMS_LOG)
        .table("sms_log").id("id").client("client_id").time("note").build()).build();
    assertThatThrownBy(() -> JdbcHostData.builder(db.dataSource(), badTime).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a timestamp");
  }

  @Test
  void loadsTheJsonForm(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mapping.json");
    Files.writeString(file, """
        {"categories": [
          {"category": "CALL_LOG", "table": "call_log", "id": "id", "client": "client_id",
           "time": "started_at", "subjects": {"caller": "phone", "callee": "phone"},
           "restricted": "restricted"},
          {"category": "CONTACT_MANUAL", "table": "crm.contact", "id": "contact_id",
           "client": "account", "time": "updated_at", "subjects": {"email": "email", "login": "user"}}
        ]}""");
    HostDataMapping m = HostDataMapping.load(file);
    TableMapping calls = m.table(CategoryId.CALL_LOG).orElseThrow();
    assertThat(calls).isEqualTo(callLog().subject("callee", SubjectKind.PHONE)
        .restricted("restricted").build());
    TableMapping contacts = m.table(CategoryId.CONTACT_MANUAL).orElseThrow();
    assertThat(contacts.table()).isEqualTo("crm.contact");
    assertThat(contacts.subjectColumns()).containsExactly(
        new TableMapping.SubjectColumn("email", SubjectKind.EMAIL),
        new TableMapping.SubjectColumn("login", SubjectKind.USER));
    assertThat(contacts.restrictedColumn()).isNull();
    assertThat(m.tables()).extracting(TableMapping::category)
        .containsExactly(CategoryId.CALL_LOG, CategoryId.CONTACT_MANUAL);
  }

  @Test
  void loadsThePropertiesForm(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mapping.properties");
    Files.writeString(file, """
        CALL_LOG.table=call_log
        CALL_LOG.id=id
        CALL_LOG.client=client_id
        CALL_LOG.time=started_at
        CALL_LOG.subjects=caller:phone, callee:phone
        CALL_LOG.restricted=restricted
        """);
    assertThat(HostDataMapping.load(file).table(CategoryId.CALL_LOG)).contains(
        callLog().subject("callee", SubjectKind.PHONE).restricted("restricted").build());
  }

  @Test
  void malformedFilesSayWhatIsWrong() throws IOException {
    assertThatThrownBy(() -> HostDataMapping.fromJson("{"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> HostDataMapping.fromJson("{\"tables\": []}"))
        .hasMessageContaining("\"categories\" array");
    assertThatThrownBy(() -> HostDataMapping.fromJson(
        "{\"categories\": [{\"category\": \"CALL_LOG\", \"table\": \"t\"}]}"))
        .hasMessageContaining("lacks \"id\"");
    assertThatThrownBy(() -> HostDataMapping.fromJson("{\"categories\": [{\"category\": \"CALL_LOG\","
        + " \"table\": \"t\", \"id\": \"i\", \"client\": \"c\", \"time\": \"t\","
        + " \"subjects\": {\"a\": \"fax\"}}]}"))
        .hasMessageContaining("unknown subject kind 'fax'");
    Properties p = new Properties();
    p.load(new StringReader("CALL_LOG.table=t\nCALL_LOG.id=i\nCALL_LOG.client=c\nCALL_LOG.time=x\n"
        + "CALL_LOG.colour=blue\n"));
    assertThatThrownBy(() -> HostDataMapping.fromProperties(p))
        .hasMessageContaining("'CALL_LOG.colour' is unknown");
    assertThatThrownBy(() -> HostDataMapping.builder().build())
        .hasMessageContaining("at least one category");
    assertThatThrownBy(() -> HostDataMapping.builder().table(callLog().build()).table(callLog().build()))
        .hasMessageContaining("mapped twice");
  }
}
