package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.examples.demo.DemoData;
import dev.custodian.examples.demo.DemoDatabase;
import dev.custodian.examples.demo.TelephonyDemo;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.terms.CategoryId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} and {@code verify-evidence} on an embedded H2 database made for each test. */
class DatabaseCommandsTest {
  @TempDir Path dir;

  /** The demo operator's tables and data, without Custodian's own tables; returns the mapping. */
  private Path telephonyDatabase() throws Exception {
    DemoDatabase db = new DemoDatabase(dir);
    db.createTelephonyTables();
    db.insert(new DemoData(TelephonyDemo.START).records());
    Path mapping = dir.resolve("mapping.json");
    try (InputStream in = TelephonyDemo.class.getResourceAsStream("telephony-mapping.json")) {
      Files.copy(in, mapping);
    }
    return mapping;
  }

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("custodian");
  }

  @Test
  void planCountsWhatExpiredPerClientAndCategoryWithItsRule_R_RET_5() throws Exception {
    Path mapping = telephonyDatabase();
    CliRun run = CliRun.inProcess("plan", "--jdbc-url", url(), "--user", "sa", "--mapping",
        mapping.toString(), "--at", "2026-06-15T08:00:00Z", "--json", "--progress", "never");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode plan = new ObjectMapper().readTree(run.out());
    Map<String, JsonNode> byUnit = new HashMap<>();
    plan.get("entries").forEach(e -> byUnit.put(e.get("client").asText() + "/"
        + e.get("category").asText(), e));
    // Call logs: one year old or more, by the traffic-data rule; webhook logs: a month or more.
    Instant yearAgo = Instant.parse("2025-06-15T08:00:00Z");
    Instant monthAgo = Instant.parse("2026-05-15T08:00:00Z");
    for (ClientId client : DemoData.CLIENTS) {
      long oldCalls = expired(client, CategoryId.CALL_LOG, yearAgo);
      JsonNode calls = byUnit.get(client + "/CALL_LOG");
      assertThat(calls.get("deletable").asLong()).as(client + " calls").isEqualTo(oldCalls).isPositive();
      assertThat(calls.get("rules").toString()).contains("CALL_LOG");
    }
    assertThat(byUnit.get("studio-est/WEBHOOK_LOG").get("deletable").asLong())
        .isEqualTo(expired(DemoData.STUDIO, CategoryId.WEBHOOK_LOG, monthAgo)).isPositive();
    // Without Custodian's tables no client setting is known: recordings are kept.
    assertThat(byUnit.get("atelier-nord/CALL_RECORDING").get("deletable").asLong()).isZero();
    assertThat(plan.get("deletable").asLong()).isEqualTo(sum(plan, "deletable"));
    // A dry run: nothing was deleted.
    assertThat(new DemoDatabase(dir).rows("call_log"))
        .isEqualTo(new DemoData(TelephonyDemo.START).records().stream()
            .filter(r -> r.category().equals(CategoryId.CALL_LOG)).count());
  }

  @Test
  void planPrintsATableAndAProgressBar() throws Exception {
    Path mapping = telephonyDatabase();
    CliRun run = CliRun.inProcess("plan", "--jdbc-url", url(), "--user", "sa", "--mapping",
        mapping.toString(), "--at", "2026-06-15", "--progress", "always");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("dry run: nothing is deleted")
        .containsPattern("client +category +to delete +held +restricted +rule")
        .containsPattern("atelier-nord +CALL_LOG +\\d+ +0 +0 +CALL_LOG\\.")
        .contains("No Custodian tables in this database");
    assertThat(run.err()).contains("[##############################] 100%");
  }

  @Test
  void planRefusesBadInputWithOneLineAndExitCode2() throws Exception {
    Path mapping = telephonyDatabase();
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"categories\": [{\"category\": \"CALL_LOG\", \"table\": \"call_log; DROP TABLE x\"}]}");
    String[][] cases = {
      {"plan", "--jdbc-url", url()},
      {"plan", "--mapping", mapping.toString()},
      {"plan", "--jdbc-url", url(), "--user", "sa", "--mapping", dir.resolve("none.json").toString()},
      {"plan", "--jdbc-url", url(), "--user", "sa", "--mapping", broken.toString()},
      {"plan", "--jdbc-url", "jdbc:nosuchdb://x", "--mapping", mapping.toString()},
      {"plan", "--jdbc-url", url(), "--mapping", mapping.toString(), "--at", "next week"},
      {"plan", "--jdbc-url", url(), "--mapping", mapping.toString(), "--progress", "sometimes"},
    };
    for (String[] args : cases) {
      CliRun run = CliRun.inProcess(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
      assertThat(run.errLines()).as(run.toString()).hasSize(1);
      assertThat(run.errLines().get(0)).startsWith("custodian plan: ");
    }
  }

  @Test
  void planOnAMissingDatabaseFailsWithOneLineAndCreatesNothing() throws Exception {
    Path mapping = telephonyDatabase();
    Path elsewhere = dir.resolve("elsewhere");
    CliRun run = CliRun.inProcess("plan", "--jdbc-url", "jdbc:h2:file:" + elsewhere.resolve("db"),
        "--mapping", mapping.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).contains("cannot connect");
    assertThat(elsewhere).doesNotExist();
  }

  @Test
  void verifyEvidenceNamesTheFirstTamperedEntry_R_EVID_1() throws Exception {
    DemoDatabase db = new DemoDatabase(dir);
    CustodianSchema.createIfMissing(db.dataSource());
    EvidenceLog log = new EvidenceLog(new JdbcEvidenceStore(db.dataSource()),
        Clock.fixed(TelephonyDemo.START, ZoneOffset.UTC), EvidenceKey.of(EVIDENCE_KEY));
    for (int i = 1; i <= 3; i++) {
      log.append(EvidenceRecord.of("demo.step", "test").withClient(DemoData.ATELIER).withDetail("n", i));
    }
    String keyFile = keyFile().toString();
    CliRun ok = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
        "--evidence-key-file", keyFile);
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("3 evidence entries checked: the chain is intact");

    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE custodian_evidence SET actor = 'someone-else' WHERE seq = 2");
    }
    CliRun broken = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
        "--evidence-key-file", keyFile);
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
    assertThat(broken.out()).startsWith("BROKEN (CHANGED_ENTRY): entry 2:");
    CliRun json = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
        "--evidence-key-file", keyFile, "--json");
    JsonNode verdict = new ObjectMapper().readTree(json.out());
    assertThat(verdict.get("valid").asBoolean()).isFalse();
    assertThat(verdict.get("firstBroken").asLong()).isEqualTo(2);
    assertThat(verdict.get("problem").asText()).isEqualTo("CHANGED_ENTRY");
  }

  private static final byte[] EVIDENCE_KEY =
      "a test evidence key of 32+ bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Path keyFile() throws Exception {
    Path file = dir.resolve("evidence.key");
    java.nio.file.Files.writeString(file,
        java.util.Base64.getEncoder().encodeToString(EVIDENCE_KEY) + "\n");
    return file;
  }

  @Test
  void verifyEvidenceWithoutEvidenceTableOrWithBadArgumentsFails() throws Exception {
    telephonyDatabase();
    CliRun none = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
        "--evidence-key-file", keyFile().toString());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.errLines()).singleElement().asString().contains("no Custodian evidence log");
    CliRun missing = CliRun.inProcess("verify-evidence");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errLines()).singleElement().asString()
        .startsWith("custodian verify-evidence: ").contains("--jdbc-url");
  }

  private static long expired(ClientId client, CategoryId category, Instant cutoff) {
    return new DemoData(TelephonyDemo.START).records(client).stream()
        .filter(r -> r.category().equals(category) && !r.time().isAfter(cutoff)).count();
  }

  private static long sum(JsonNode plan, String field) {
    long n = 0;
    for (JsonNode e : plan.get("entries")) {
      n += e.get(field).asLong();
    }
    return n;
  }
}
