package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.evidence.FileEvidenceAnchor;
import dev.custodian.examples.demo.DemoData;
import dev.custodian.examples.demo.DemoDatabase;
import dev.custodian.examples.demo.TelephonyDemo;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.JdbcEvidenceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custodian verify-evidence} on a keyed log in an embedded H2 database (R-EVID-1, issue 16
 * finding 5): a deleted tail, a truncation, an emptied table and an entry re-chained without the
 * key each exit 1 naming what broke; the key is required and never echoed.
 */
class VerifyEvidenceCommandTest {
  private static final byte[] KEY = "the host's evidence key, 32 bytes".getBytes(StandardCharsets.US_ASCII);
  private static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY);

  @TempDir Path dir;
  private DemoDatabase db;
  private Path keyFile;
  private Path anchorFile;

  @BeforeEach
  void keyedLogOfThirtyEntries() throws Exception {
    db = new DemoDatabase(dir);
    CustodianSchema.createIfMissing(db.dataSource());
    keyFile = dir.resolve("evidence.key");
    Files.writeString(keyFile, KEY_BASE64 + "\n");
    anchorFile = dir.resolve("evidence.head");
    EvidenceLog log = new EvidenceLog(new JdbcEvidenceStore(db.dataSource()),
        Clock.fixed(TelephonyDemo.START, ZoneOffset.UTC), EvidenceKey.of(KEY),
        new FileEvidenceAnchor(anchorFile));
    for (int i = 1; i <= 30; i++) {
      log.append(EvidenceRecord.of("demo.step", "test").withClient(DemoData.ATELIER).withDetail("n", i));
    }
  }

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("custodian");
  }

  private CliRun verify(String... extra) {
    List<String> args = new ArrayList<>(List.of("verify-evidence", "--jdbc-url", url(), "--user",
        "sa", "--evidence-key-file", keyFile.toString()));
    args.addAll(List.of(extra));
    return CliRun.inProcess(args.toArray(String[]::new));
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void anIntactLogExitsZeroAndNamesItsAnchoredHead() {
    CliRun run = verify("--anchor-file", anchorFile.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("30 evidence entries checked: the chain is intact")
        .contains("anchored head (entry 30)");
  }

  @Test
  void aDeletedTailExitsOneNamingTheMissingEntries_R_EVID_1() throws Exception {
    sql("DELETE FROM custodian_evidence WHERE seq > 25");
    CliRun run = verify();
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("BROKEN (CUT_TAIL):").contains("entries 26 to 30 are missing");
  }

  @Test
  void aTruncationAfterEntryTenExitsOne_R_EVID_1() throws Exception {
    sql("DELETE FROM custodian_evidence WHERE seq > 10");
    CliRun run = verify("--json");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode verdict = new ObjectMapper().readTree(run.out());
    assertThat(verdict.get("valid").asBoolean()).isFalse();
    assertThat(verdict.get("problem").asText()).isEqualTo("CUT_TAIL");
    assertThat(verdict.get("firstBroken").asLong()).isEqualTo(11);
    assertThat(verdict.get("lastSequence").asLong()).isEqualTo(10);
    assertThat(verdict.get("anchoredSequence").asLong()).isEqualTo(30);
    assertThat(verdict.get("reason").asText()).contains("entries 11 to 30 are missing");
  }

  @Test
  void anEmptiedLogExitsOneInsteadOfIntact_R_EVID_1() throws Exception {
    sql("TRUNCATE TABLE custodian_evidence");
    CliRun run = verify();
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("BROKEN (EMPTY_LOG):").contains("the log is empty")
        .doesNotContain("intact");
  }

  @Test
  void aCutHiddenFromTheHeadRowIsCaughtByTheAnchorFile_R_EVID_1() throws Exception {
    sql("DELETE FROM custodian_evidence WHERE seq > 20",
        "UPDATE custodian_evidence_head SET head_seq = 20, head_hash ="
            + " (SELECT hash FROM custodian_evidence WHERE seq = 20) WHERE id = 1");
    assertThat(verify().exitCode()).isZero();
    CliRun run = verify("--anchor-file", anchorFile.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("BROKEN (CUT_TAIL):").contains("file evidence.head")
        .contains("entries 21 to 30 are missing");
  }

  @Test
  void anEntryReChainedWithoutTheKeyExitsOne_R_EVID_1() throws Exception {
    // The attacker cuts from entry 12, sets the head row back, and appends a changed history
    // through the library with a key of its own.
    sql("DELETE FROM custodian_evidence WHERE seq >= 12",
        "UPDATE custodian_evidence_head SET head_seq = 11, head_hash ="
            + " (SELECT hash FROM custodian_evidence WHERE seq = 11) WHERE id = 1");
    EvidenceLog forger = new EvidenceLog(new JdbcEvidenceStore(db.dataSource()),
        Clock.fixed(TelephonyDemo.START, ZoneOffset.UTC), EvidenceKey.of(new byte[32]));
    for (int i = 12; i <= 30; i++) {
      forger.append(EvidenceRecord.of("demo.step", "forger").withClient(DemoData.ATELIER)
          .withDetail("n", i));
    }
    CliRun run = verify();
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("BROKEN (CHANGED_ENTRY): entry 12:")
        .contains("re-chained without the key");
  }

  @Test
  void theKeyIsRequiredAndNeverEchoed() throws Exception {
    CliRun none = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.errLines()).singleElement().asString().contains("--evidence-key-file")
        .contains(VerifyEvidenceCommand.KEY_ENV);

    Path shortKey = dir.resolve("short.key");
    Files.writeString(shortKey, Base64.getEncoder().encodeToString(new byte[16]));
    CliRun tooShort = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
        "--evidence-key-file", shortKey.toString());
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.err()).contains("shorter than 32 bytes");

    Path wrong = dir.resolve("wrong.key");
    Files.writeString(wrong, Base64.getEncoder().encodeToString(new byte[32]));
    CliRun wrongKey = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
        "--evidence-key-file", wrong.toString());
    assertThat(wrongKey.exitCode()).isEqualTo(1);
    assertThat(wrongKey.out()).contains("entry 1").contains("the key is not the log's");

    var previous = VerifyEvidenceCommand.environment;
    VerifyEvidenceCommand.environment =
        name -> VerifyEvidenceCommand.KEY_ENV.equals(name) ? KEY_BASE64 : null;
    try {
      CliRun fromEnv = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa",
          "--json");
      assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isZero();
      sql("DELETE FROM custodian_evidence WHERE seq = 30");
      CliRun broken = CliRun.inProcess("verify-evidence", "--jdbc-url", url(), "--user", "sa");
      assertThat(broken.exitCode()).isEqualTo(1);
      for (CliRun run : List.of(fromEnv, broken, wrongKey, tooShort, none)) {
        assertThat(run.out() + run.err()).doesNotContain(KEY_BASE64)
            .doesNotContain(Base64.getEncoder().encodeToString(new byte[32]));
      }
    } finally {
      VerifyEvidenceCommand.environment = previous;
    }
  }
}
