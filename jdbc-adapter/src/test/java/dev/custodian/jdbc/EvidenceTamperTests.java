package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.AnchoredHead;
import dev.custodian.evidence.ChainAlgorithm;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.ChainVerification.Problem;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.evidence.FileEvidenceAnchor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log that cannot be cut or rewritten unnoticed, on a real database (R-EVID-1, issue 16 finding
 * 5): what an attacker with SQL access but without the evidence key can do to {@code
 * custodian_evidence} and {@code custodian_evidence_head}, and what {@link EvidenceLog#verify()}
 * says about it. Each test has a database of its own.
 */
abstract class EvidenceTamperTests {
  private static final ClientId A = ClientId.of("acme");
  private static final EvidenceKey KEY = EvidenceKey.of(
      "the host's evidence key, 32 bytes".getBytes(StandardCharsets.US_ASCII));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private DataSource ds;
  private JdbcEvidenceStore store;
  private EvidenceLog log;

  abstract TestDatabase database();

  @BeforeEach
  void freshLog() {
    ds = database().freshDatabase();
    store = new JdbcEvidenceStore(ds, database().dialect());
    log = new EvidenceLog(store, CLOCK, KEY);
  }

  private void append(EvidenceLog target, int n) {
    for (int i = 0; i < n; i++) {
      target.append(EvidenceRecord.of("test.step", "system").withClient(A).withDetail("i", i));
    }
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** What an attacker who also hides the cut does: the head row is set back to entry {@code seq}. */
  private void resetRecordedHead(long seq) throws Exception {
    EvidenceEntry e = store.readAll(seq, 1).get(0);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE custodian_evidence_head SET head_seq = ?, head_hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, e.hash());
      ps.executeUpdate();
    }
  }

  @Test
  void deletingTheTailIsReported_R_EVID_1() throws Exception {
    append(log, 120);
    assertThat(log.verify().valid()).isTrue();
    sql("DELETE FROM custodian_evidence WHERE seq > 70");
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.CUT_TAIL);
    assertThat(v.firstBroken()).hasValue(71);
    assertThat(v.reason()).contains("entries 71 to 120 are missing");
  }

  @Test
  void truncatingTheLogAfterEntryTenIsReported_R_EVID_1() throws Exception {
    append(log, 40);
    sql("DELETE FROM custodian_evidence WHERE seq > 10");
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.CUT_TAIL);
    assertThat(v.entriesChecked()).isEqualTo(10);
    assertThat(v.reason()).contains("entries 11 to 40 are missing");
    assertThatThrownBy(() -> log.append(EvidenceRecord.of("test.after", "system")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut");
  }

  @Test
  void truncateTableIsReportedAsAnEmptyLog_R_EVID_1() throws Exception {
    append(log, 12);
    sql("TRUNCATE TABLE custodian_evidence");
    ChainVerification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.problem()).isEqualTo(Problem.EMPTY_LOG);
    assertThat(v.reason()).contains("the log is empty").contains("entries 1 to 12 are missing");
  }

  @Test
  void anEntryChangedAndReChainedWithoutTheKeyIsReported_R_EVID_1() throws Exception {
    append(log, 6);
    // Cut from entry 3, set the head row back, and append a changed history with another key.
    resetRecordedHead(2);
    sql("DELETE FROM custodian_evidence WHERE seq >= 3");
    EvidenceLog forger = new EvidenceLog(new JdbcEvidenceStore(ds, database().dialect()), CLOCK,
        EvidenceKey.of(new byte[32]));
    forger.append(EvidenceRecord.of("test.forged", "system").withClient(A));
    append(forger, 3);
    assertThat(store.head().orElseThrow().sequence()).isEqualTo(6);
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.CHANGED_ENTRY);
    assertThat(v.firstBroken()).hasValue(3);
    assertThat(v.reason()).contains("entry 3").contains("re-chained without the key");
  }

  @Test
  void aCutThatAlsoResetsTheHeadRowIsCaughtByTheHostAnchor_R_EVID_1() throws Exception {
    FileEvidenceAnchor anchor = new FileEvidenceAnchor(dir.resolve("evidence.head"));
    EvidenceLog anchored = new EvidenceLog(store, CLOCK, KEY, anchor);
    append(anchored, 9);
    assertThat(anchor.latest()).contains(AnchoredHead.of(store.head().orElseThrow()));
    resetRecordedHead(5);
    sql("DELETE FROM custodian_evidence WHERE seq > 5");
    // The database alone no longer shows the cut; the anchor kept outside it does.
    assertThat(log.verify().valid()).isTrue();
    ChainVerification v = anchored.verify();
    assertThat(v.problem()).isEqualTo(Problem.CUT_TAIL);
    assertThat(v.reason()).contains("the evidence anchor file evidence.head")
        .contains("entries 6 to 9 are missing");
  }

  @Test
  void aLogWrittenBeforeTheKeyedChainIsUpgradedAndContinuesKeyed() throws Exception {
    DataSource old = database().freshDatabase(false);
    String v1 = CustodianSchema.read(CustodianSchema.resourceFolder(database().dialect())
        + "/V1__custodian.sql");
    try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
      for (String statement : CustodianSchema.statements(v1)) {
        s.execute(statement);
      }
    }
    // Two entries as the previous version wrote them: SHA-256 over the version-1 encoding.
    String prev = EvidenceEntry.GENESIS;
    for (long seq = 1; seq <= 2; seq++) {
      String at = "2025-12-01T10:00:00Z";
      String hash = sha256(f("v1") + f(prev) + f(Long.toString(seq)) + f(at) + f("acme")
          + f("test.old") + f("system") + f("") + f("0"));
      try (Connection c = old.getConnection(); PreparedStatement ps = c.prepareStatement(
          "INSERT INTO custodian_evidence (seq, recorded_at, client_id, action, actor, basis,"
              + " details, previous_hash, hash) VALUES (?, ?, 'acme', 'test.old', 'system', NULL,"
              + " '{}', ?, ?)")) {
        ps.setLong(1, seq);
        database().dialect().sql().bindInstant(ps, 2, Instant.parse(at));
        ps.setString(3, prev);
        ps.setString(4, hash);
        ps.executeUpdate();
      }
      prev = hash;
    }
    CustodianSchema.createIfMissing(old, database().dialect());
    JdbcEvidenceStore upgraded = new JdbcEvidenceStore(old, database().dialect());
    List<EvidenceEntry> before = upgraded.readAll(1, 10);
    assertThat(before).extracting(EvidenceEntry::chain).containsOnly(ChainAlgorithm.SHA256);
    assertThat(before).extracting(EvidenceEntry::step).containsOnlyNulls();
    assertThat(upgraded.recordedHead()).isEmpty();
    EvidenceLog upgradedLog = new EvidenceLog(upgraded, CLOCK, KEY);
    assertThat(upgradedLog.verify().valid()).isTrue();
    EvidenceEntry next = upgradedLog.append(EvidenceRecord.of("test.new", "system").withStep("s1"));
    assertThat(next.sequence()).isEqualTo(3);
    assertThat(next.chain()).isEqualTo(ChainAlgorithm.HMAC_SHA256);
    assertThat(upgraded.recordedHead()).contains(AnchoredHead.of(next));
    ChainVerification v = upgradedLog.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(3);
  }

  private static String f(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
