package dev.custodian.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.ChainVerification.Problem;
import dev.custodian.memory.InMemoryEvidenceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log that cannot be cut or rewritten unnoticed (R-EVID-1, issue 16 finding 5): each way an
 * attacker with write access to the entries (but not the key) could hide or alter evidence is
 * named by {@link EvidenceLog#verify()}.
 */
class EvidenceLogTamperTest {
  private static final ClientId A = ClientId.of("acme");
  private static final EvidenceKey KEY = EvidenceKey.of(
      "the host's evidence key, 32 bytes".getBytes(StandardCharsets.US_ASCII));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final InMemoryEvidenceStore store = new InMemoryEvidenceStore();
  private final EvidenceLog log = new EvidenceLog(store, CLOCK, KEY);

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      log.append(EvidenceRecord.of("test.step", "system").withClient(A).withDetail("i", i));
    }
  }

  @Test
  void deletingTheTailIsReportedAsACutTail_R_EVID_1() {
    append(120);
    assertThat(log.verify().valid()).isTrue();
    store.cutAfter(70);
    ChainVerification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.problem()).isEqualTo(Problem.CUT_TAIL);
    assertThat(v.firstBroken()).hasValue(71);
    assertThat(v.lastSequence()).isEqualTo(70);
    assertThat(v.anchoredSequence()).hasValue(120);
    assertThat(v.reason()).contains("ends at entry 70").contains("entries 71 to 120 are missing")
        .contains("the store's recorded head");
  }

  @Test
  void truncatingTheLogAfterEntryTenIsReported_R_EVID_1() {
    append(40);
    store.cutAfter(10);
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.CUT_TAIL);
    assertThat(v.entriesChecked()).isEqualTo(10);
    assertThat(v.reason()).contains("entries 11 to 40 are missing");
  }

  @Test
  void anEmptiedLogIsReportedAsEmptyNotIntact_R_EVID_1() {
    append(5);
    store.cutAfter(0);
    ChainVerification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.problem()).isEqualTo(Problem.EMPTY_LOG);
    assertThat(v.firstBroken()).hasValue(1);
    assertThat(v.reason()).contains("the log is empty").contains("entries 1 to 5 are missing");
  }

  @Test
  void aNewLogThatWasNeverWrittenIsIntact() {
    ChainVerification v = log.verify();
    assertThat(v.valid()).isTrue();
    assertThat(v.entriesChecked()).isZero();
    assertThat(v.anchoredSequence()).isEmpty();
  }

  @Test
  void anEntryChangedAndReChainedWithAnotherKeyIsReported_R_EVID_1() {
    append(6);
    EvidenceKey guessed = EvidenceKey.of(new byte[32]);
    // The attacker changes entry 3 and re-chains 3..6 with the only key it has.
    for (long s = 3; s <= 6; s++) {
      long seq = s;
      store.tamper(seq, e -> {
        String prev = seq == 3 ? e.previousHash() : store.readAll(seq - 1, 1).get(0).hash();
        EvidenceEntry forged = new EvidenceEntry(e.sequence(), e.at(), e.client(),
            seq == 3 ? "test.forged" : e.action(), e.actor(), e.basis(), e.details(), e.step(),
            e.chain(), prev, EvidenceEntry.GENESIS);
        return withHash(forged, Canonical.hash(forged, guessed));
      });
    }
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.CHANGED_ENTRY);
    assertThat(v.firstBroken()).hasValue(3);
    assertThat(v.reason()).contains("entry 3").contains("re-chained without the key");
  }

  @Test
  void anEntryChangedAndReChainedUnkeyedIsReported_R_EVID_1() {
    append(6);
    // What the old public computeHash() allowed: plain SHA-256, anyone can compute it.
    for (long s = 4; s <= 6; s++) {
      long seq = s;
      store.tamper(seq, e -> {
        String prev = store.readAll(seq - 1, 1).get(0).hash();
        EvidenceEntry forged = new EvidenceEntry(e.sequence(), e.at(), e.client(), e.action(),
            seq == 4 ? "someone-else" : e.actor(), e.basis(), e.details(), null,
            ChainAlgorithm.SHA256, prev, EvidenceEntry.GENESIS);
        return withHash(forged, Canonical.hash(forged, null));
      });
    }
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.UNKEYED_AFTER_KEYED);
    assertThat(v.firstBroken()).hasValue(4);
    assertThat(v.reason()).contains("re-chained without the key");
  }

  @Test
  void aWholeLogRewrittenUnkeyedDiffersFromItsAnchoredHead_R_EVID_1() {
    append(4);
    for (long s = 1; s <= 4; s++) {
      long seq = s;
      store.tamper(seq, e -> {
        String prev = seq == 1 ? EvidenceEntry.GENESIS : store.readAll(seq - 1, 1).get(0).hash();
        EvidenceEntry forged = new EvidenceEntry(e.sequence(), e.at(), e.client(), e.action(),
            "someone-else", e.basis(), e.details(), null, ChainAlgorithm.SHA256, prev,
            EvidenceEntry.GENESIS);
        return withHash(forged, Canonical.hash(forged, null));
      });
    }
    ChainVerification v = log.verify();
    assertThat(v.problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
    assertThat(v.firstBroken()).hasValue(4);
    assertThat(v.reason()).contains("entry 4 does not carry the hash");
  }

  @Test
  void theWrongKeyReadsEveryKeyedEntryAsChanged() {
    append(2);
    ChainVerification v = EvidenceLog.verify(store, EvidenceKey.of(new byte[32]));
    assertThat(v.problem()).isEqualTo(Problem.CHANGED_ENTRY);
    assertThat(v.firstBroken()).hasValue(1);
  }

  @Test
  void theStepIsCoveredByTheHash_R_EVID_1() {
    log.append(EvidenceRecord.of("test.step", "system").withStep("case-1/a"));
    store.tamper(1, e -> new EvidenceEntry(e.sequence(), e.at(), e.client(), e.action(),
        e.actor(), e.basis(), e.details(), "case-1/b", e.chain(), e.previousHash(), e.hash()));
    assertThat(log.verify().problem()).isEqualTo(Problem.CHANGED_ENTRY);
  }

  @Test
  void aLogWrittenBeforeTheKeyedChainVerifiesAndContinuesKeyed() {
    // Three entries as the previous version wrote them: plain SHA-256, no step.
    String prev = EvidenceEntry.GENESIS;
    for (long s = 1; s <= 3; s++) {
      EvidenceEntry old = new EvidenceEntry(s, Instant.parse("2025-12-01T10:00:00Z"), A,
          "test.old", "system", null, java.util.Map.of("i", Long.toString(s)), null,
          ChainAlgorithm.SHA256, prev, EvidenceEntry.GENESIS);
      EvidenceEntry stored = withHash(old, Canonical.hash(old, null));
      store.append(head -> stored);
      prev = stored.hash();
    }
    assertThat(log.verify().valid()).isTrue();
    EvidenceEntry next = log.append(EvidenceRecord.of("test.new", "system"));
    assertThat(next.sequence()).isEqualTo(4);
    assertThat(next.chain()).isEqualTo(ChainAlgorithm.HMAC_SHA256);
    assertThat(next.previousHash()).isEqualTo(prev);
    ChainVerification v = log.verify();
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(4);
  }

  @Test
  void appendsStopOnALogCutBehindItsRecordedHead() {
    append(5);
    store.cutAfter(3);
    assertThatThrownBy(() -> log.append(EvidenceRecord.of("test.after", "system")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut");
    assertThat(store.head().orElseThrow().sequence()).isEqualTo(3);
  }

  @Test
  void aHostAnchorCatchesACutThatAlsoResetTheStoresHead_R_EVID_1() {
    FileEvidenceAnchor anchor = new FileEvidenceAnchor(dir.resolve("evidence.head"));
    EvidenceLog anchored = new EvidenceLog(store, CLOCK, KEY, anchor);
    for (int i = 0; i < 8; i++) {
      anchored.append(EvidenceRecord.of("test.step", "system").withDetail("i", i));
    }
    assertThat(anchor.latest()).contains(AnchoredHead.of(store.head().orElseThrow()));
    // The attacker rebuilds the store from the first 5 entries: its own recorded head agrees.
    InMemoryEvidenceStore rebuilt = new InMemoryEvidenceStore();
    store.readAll(1, 5).forEach(e -> rebuilt.append(head -> e));
    assertThat(EvidenceLog.verify(rebuilt, KEY).valid()).isTrue();
    ChainVerification v = EvidenceLog.verify(rebuilt, KEY, anchor);
    assertThat(v.problem()).isEqualTo(Problem.CUT_TAIL);
    assertThat(v.reason()).contains("the evidence anchor file evidence.head")
        .contains("entries 6 to 8 are missing");
    assertThat(new EvidenceLog(rebuilt, CLOCK, KEY, anchor).verify().problem())
        .isEqualTo(Problem.CUT_TAIL);
  }

  @Test
  void anUnreadableAnchorFailsTheVerification() {
    append(1);
    EvidenceAnchor broken = new EvidenceAnchor() {
      @Override
      public void publish(long sequence, String hash, Instant at) {
        throw new IllegalStateException("down");
      }

      @Override
      public Optional<AnchoredHead> latest() {
        throw new IllegalStateException("down");
      }
    };
    // A failing publication does not undo the append.
    EvidenceEntry e = new EvidenceLog(store, CLOCK, KEY, broken)
        .append(EvidenceRecord.of("test.more", "system"));
    assertThat(store.head()).contains(e);
    assertThat(EvidenceLog.verify(store, KEY, broken).problem()).isEqualTo(Problem.ANCHOR_UNREADABLE);
  }

  @Test
  void theFileAnchorKeepsTheHighestHeadAndOwnerOnlyPermissions() throws Exception {
    Path file = dir.resolve("head");
    FileEvidenceAnchor anchor = new FileEvidenceAnchor(file);
    assertThat(anchor.latest()).isEmpty();
    String h = "a".repeat(64);
    anchor.publish(7, h, Instant.parse("2026-03-02T08:00:00Z"));
    anchor.publish(5, "b".repeat(64), Instant.parse("2026-03-02T07:00:00Z"));
    assertThat(anchor.latest()).contains(new AnchoredHead(7, h, Instant.parse("2026-03-02T08:00:00Z")));
    assertThat(new FileEvidenceAnchor(file).latest().orElseThrow().sequence()).isEqualTo(7);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    Files.writeString(file, "not a head");
    assertThatThrownBy(anchor::latest).hasMessageContaining("evidence anchor file");
  }

  @Test
  void theDerivedKeyIsStableDistinctAndNeverPrinted() {
    byte[] pseudonymizationKey = "a pseudonymisation key, 32 bytes".getBytes(StandardCharsets.US_ASCII);
    InMemoryEvidenceStore s = new InMemoryEvidenceStore();
    new EvidenceLog(s, CLOCK, EvidenceKey.derivedFrom(pseudonymizationKey))
        .append(EvidenceRecord.of("test.step", "system"));
    assertThat(EvidenceLog.verify(s, EvidenceKey.derivedFrom(pseudonymizationKey)).valid()).isTrue();
    // The pseudonymisation key itself does not verify: the derived key is a distinct one.
    assertThat(EvidenceLog.verify(s, EvidenceKey.of(pseudonymizationKey)).valid()).isFalse();
    assertThat(EvidenceKey.of(pseudonymizationKey).toString()).doesNotContain("pseudonym")
        .isEqualTo("EvidenceKey[hidden]");
    assertThatThrownBy(() -> EvidenceKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  private static EvidenceEntry withHash(EvidenceEntry e, String hash) {
    return new EvidenceEntry(e.sequence(), e.at(), e.client(), e.action(), e.actor(), e.basis(),
        e.details(), e.step(), e.chain(), e.previousHash(), hash);
  }
}
