package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.evidence.FileEvidenceAnchor;
import dev.custodian.evidence.PersonalDataInEvidenceException;
import dev.custodian.terms.CategoryId;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.subject.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/guide/evidence.md, between the GUIDE markers (checked by {@code GuideTest}):
 * reading a client's evidence, pseudonyms, and verifying the keyed chain against its anchors
 * (R-EVID-1, R-EVID-2).
 */
class EvidenceGuideTest {
  private static final ClientId ATELIER = ClientId.of("atelier-nord");
  private static final byte[] EVIDENCE_KEY =
      "guide-evidence-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);

  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final ClientPrincipal admin = ClientPrincipal.of("u-1001", ATELIER, ClientRole.ADMINISTRATOR);

  private Custodian custodian(FileEvidenceAnchor anchor) {
    Custodian.Builder b = Custodian.builder()
        .clock(CLOCK)
        .hostData(new InMemoryHostData())
        .stateStore(new InMemoryStateStore())
        .evidenceStore(evidenceStore)
        .evidenceKey(EVIDENCE_KEY)
        .pseudonymizationKey("guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8));
    return anchor == null ? b.build() : b.evidenceAnchor(anchor).build();
  }

  @Test
  void aClientReadsItsEvidenceWhichNamesSubjectsOnlyByPseudonym_R_EVID_1_R_EVID_2() {
    Custodian custodian = custodian(null);
    // GUIDE:begin
    custodian.retention().requestDeletion(admin, ClientId.of("atelier-nord"),
        Set.of(CategoryId.SMS_CONTENT), Set.of(PhoneNumber.of("+33 6 39 98 12 34")),
        "client ticket 8812");

    List<EvidenceEntry> entries =
        custodian.evidence().readFor(admin, ClientId.of("atelier-nord"), 1, 100); // from, limit
    EvidenceEntry recorded = entries.stream()
        .filter(e -> e.action().equals("retention.event.recorded")).findFirst().orElseThrow();
    assertThat(recorded.actor()).isEqualTo("u-1001");
    assertThat(recorded.basis()).isEqualTo("client ticket 8812");
    assertThat(recorded.details().get("subjects"))   // a keyed pseudonym, never the number
        .isEqualTo("[" + custodian.pseudonymizer().pseudonym(PhoneNumber.of("+33 6 39 98 12 34")) + "]")
        .doesNotContain("39 98");
    // GUIDE:end
    assertThat(recorded.sequence()).isPositive();
    assertThat(recorded.hash()).hasSize(64);
    assertThat(entries).allMatch(e -> ATELIER.equals(e.client()));
    // R-ACC-1, R-ACC-2: a client's USER and another client's administrator are refused.
    assertThatThrownBy(() -> custodian.evidence().readFor(
        ClientPrincipal.of("u-1042", ATELIER, ClientRole.USER), ATELIER, 1, 100))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> custodian.evidence().readFor(
        ClientPrincipal.of("u-2001", ClientId.of("boulangerie-sud"), ClientRole.ADMINISTRATOR),
        ATELIER, 1, 100)).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> custodian.evidence().readFor(
        ProcessorPrincipal.of("sec-3", ProcessorRole.SECURITY_TEAM), ATELIER, 1, 100))
        .isInstanceOf(SecurityException.class);
    // GUIDE:begin
    assertThatThrownBy(() -> EvidenceRecord.of("note.added", "ops-12")
        .withDetail("caller", "+33 6 39 98 12 34"))  // a number in clear: refused
        .isInstanceOf(PersonalDataInEvidenceException.class)
        .hasMessageNotContaining("39 98");
    // GUIDE:end
  }

  @Test
  void theVerifierReportsACutTail_R_EVID_1(@TempDir Path dir) {
    byte[] evidenceKey = EVIDENCE_KEY;
    byte[] pseudonymizationKey =
        "guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    // GUIDE:begin
    FileEvidenceAnchor anchor = new FileEvidenceAnchor(dir.resolve("evidence-head.txt"));
    Custodian custodian = Custodian.builder()
        .clock(CLOCK).hostData(new InMemoryHostData()).stateStore(new InMemoryStateStore())
        .evidenceStore(evidenceStore)
        .pseudonymizationKey(pseudonymizationKey)
        .evidenceKey(evidenceKey)              // from the secret store, never beside the log
        .evidenceAnchor(anchor)                // the head, published after each append
        .build();
    // GUIDE:end
    custodian.retention().requestDeletion(admin, ATELIER, Set.of(CategoryId.SMS_CONTENT), Set.of(),
        "client ticket 8812");
    custodian.retention().requestDeletion(admin, ATELIER, Set.of(CategoryId.MMS_CONTENT), Set.of(),
        "client ticket 8813");
    long head = custodian.evidence().head().orElseThrow().sequence();
    assertThat(anchor.latest().orElseThrow().sequence()).isEqualTo(head);

    // GUIDE:begin
    assertThat(custodian.evidence().verify().valid()).isTrue();

    evidenceStore.cutAfter(head - 1);          // an attacker deletes the last entry

    ChainVerification v = EvidenceLog.verify(evidenceStore, EvidenceKey.of(evidenceKey), anchor);
    assertThat(v.problem()).isEqualTo(ChainVerification.Problem.CUT_TAIL);
    assertThat(v.firstBroken()).hasValue(head); // the first missing entry
    // GUIDE:end
    assertThat(v.reason()).isNotBlank();
    assertThat(custodian.evidence().verify().valid()).isFalse();
    // With the wrong key every keyed entry reads as changed.
    assertThat(EvidenceLog.verify(evidenceStore, EvidenceKey.of(new byte[32])).valid()).isFalse();
    // Without a key of its own, the chain's key is derived from the pseudonymisation key.
    InMemoryEvidenceStore other = new InMemoryEvidenceStore();
    byte[] otherKey = "another-guide-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    Custodian derived = Custodian.builder().clock(CLOCK).hostData(new InMemoryHostData())
        .stateStore(new InMemoryStateStore()).evidenceStore(other)
        .pseudonymizationKey(otherKey).build();
    derived.retention().requestDeletion(admin, ATELIER, Set.of(CategoryId.SMS_CONTENT), Set.of(),
        "client ticket 8814");
    assertThat(EvidenceLog.verify(other, EvidenceKey.derivedFrom(otherKey)).valid())
        .isTrue();
  }

  @Test
  void aStepIsLoggedOnce_R_EVID_1() {
    Custodian custodian = custodian(null);
    // GUIDE:begin
    EvidenceRecord step = EvidenceRecord.of("export.delivered", "system").withClient(ATELIER)
        .withStep("export/2026-12-02/atelier-nord");  // the same id on every retry
    EvidenceEntry first = custodian.evidence().append(step);
    EvidenceEntry again = custodian.evidence().append(step); // a retry after a crash
    assertThat(again.sequence()).isEqualTo(first.sequence()); // logged once
    // GUIDE:end
    assertThat(custodian.evidence().findStep("export/2026-12-02/atelier-nord")).contains(first);
  }
}
