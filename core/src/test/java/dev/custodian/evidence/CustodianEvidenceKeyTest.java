package dev.custodian.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.memory.InMemoryEvidenceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence key and anchor a host gives {@code Custodian.builder()} (R-EVID-1). */
class CustodianEvidenceKeyTest {
  private static final byte[] PSEUDONYMIZATION_KEY =
      "a pseudonymisation key, 32 bytes".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVIDENCE_KEY =
      "the host's evidence key, 32 bytes".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void theHostsKeyChainsTheLogAndTheAnchorReceivesItsHead() {
    InMemoryEvidenceStore store = new InMemoryEvidenceStore();
    FileEvidenceAnchor anchor = new FileEvidenceAnchor(dir.resolve("head"));
    Custodian custodian = Custodian.builder().evidenceStore(store)
        .pseudonymizationKey(PSEUDONYMIZATION_KEY).evidenceKey(EVIDENCE_KEY)
        .evidenceAnchor(anchor).build();
    EvidenceEntry e = custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
    assertThat(anchor.latest()).contains(AnchoredHead.of(e));
    assertThat(EvidenceLog.verify(store, EvidenceKey.of(EVIDENCE_KEY), anchor).valid()).isTrue();
    assertThat(EvidenceLog.verify(store, EvidenceKey.derivedFrom(PSEUDONYMIZATION_KEY)).valid())
        .isFalse();
    store.cutAfter(0);
    assertThat(custodian.evidence().verify().problem())
        .isEqualTo(ChainVerification.Problem.EMPTY_LOG);
  }

  @Test
  void withoutAKeyOfItsOwnTheLogIsKeyedWithTheDerivedKey() {
    InMemoryEvidenceStore store = new InMemoryEvidenceStore();
    Custodian custodian = Custodian.builder().evidenceStore(store)
        .pseudonymizationKey(PSEUDONYMIZATION_KEY).build();
    custodian.evidence().append(EvidenceRecord.of("test.fact", "system"));
    assertThat(EvidenceLog.verify(store, EvidenceKey.derivedFrom(PSEUDONYMIZATION_KEY)).valid())
        .isTrue();
    assertThat(EvidenceLog.verify(store, EvidenceKey.of(PSEUDONYMIZATION_KEY)).valid()).isFalse();
  }

  @Test
  void aShortEvidenceKeyIsRefused() {
    assertThatThrownBy(() -> Custodian.builder().evidenceKey(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
  }
}
