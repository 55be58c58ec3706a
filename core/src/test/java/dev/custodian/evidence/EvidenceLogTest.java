package dev.custodian.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.memory.InMemoryEvidenceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceLogTest {
  private static final ClientId A = ClientId.of("acme");
  private static final ClientId B = ClientId.of("globex");
  private final InMemoryEvidenceStore store = new InMemoryEvidenceStore();
  private static final EvidenceKey KEY = EvidenceKey.of(new byte[32]);
  private final EvidenceLog log = new EvidenceLog(store,
      Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC), KEY);

  @Test
  void verifierNamesTheTamperedEntry_R_EVID_1() {
    for (int i = 0; i < 5; i++) {
      log.append(EvidenceRecord.of("test.step", "system").withClient(A).withDetail("i", i));
    }
    assertThat(log.verify().valid()).isTrue();
    store.tamper(3, e -> {
      Map<String, String> d = new HashMap<>(e.details());
      d.put("i", "99");
      return new EvidenceEntry(e.sequence(), e.at(), e.client(), e.action(), e.actor(), e.basis(),
          d, e.previousHash(), e.hash());
    });
    ChainVerification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBroken()).hasValue(3);
    assertThat(v.reason()).contains("hash");
  }

  @Test
  void rehashingATamperedEntryBreaksTheNextLink_R_EVID_1() {
    for (int i = 0; i < 4; i++) {
      log.append(EvidenceRecord.of("test.step", "system").withDetail("i", i));
    }
    store.tamper(2, e -> {
      EvidenceEntry forged = new EvidenceEntry(e.sequence(), e.at(), e.client(), "test.forged",
          e.actor(), e.basis(), e.details(), e.previousHash(), e.hash());
      return new EvidenceEntry(e.sequence(), e.at(), e.client(), "test.forged", e.actor(),
          e.basis(), e.details(), e.previousHash(), Canonical.hash(forged, KEY));
    });
    ChainVerification v = log.verify();
    assertThat(v.firstBroken()).hasValue(3);
    assertThat(v.reason()).contains("link");
  }

  @Test
  void refusesPhoneNumbersAndEmailsInClear_R_EVID_2() {
    assertThatThrownBy(() -> log.append(EvidenceRecord.of("test.x", "system")
        .withDetail("subject", "+33 1 99 00 12 34")))
        .isInstanceOf(PersonalDataInEvidenceException.class)
        .hasMessageNotContaining("99 00");
    assertThatThrownBy(() -> log.append(EvidenceRecord.of("test.x", "system")
        .withBasis("mail from jane.doe@example.com")))
        .isInstanceOf(PersonalDataInEvidenceException.class);
    assertThat(store.head()).isEmpty();
  }

  @Test
  void aClientReadsOnlyItsOwnEvidence_R_ACC_2() {
    log.append(EvidenceRecord.of("test.a", "system").withClient(A));
    log.append(EvidenceRecord.of("test.b", "system").withClient(B));
    ClientPrincipal adminOfA = ClientPrincipal.of("admin-a", A, ClientRole.ADMINISTRATOR);
    assertThat(log.readFor(adminOfA, A, 1, 10)).extracting(EvidenceEntry::action)
        .containsExactly("test.a");
    assertThatThrownBy(() -> log.readFor(adminOfA, B, 1, 10)).isInstanceOf(SecurityException.class);
    ProcessorPrincipal officer = ProcessorPrincipal.of("dpo", ProcessorRole.PRIVACY_CONTACT);
    assertThat(log.readFor(officer, B, 1, 10)).hasSize(1);
  }
}
