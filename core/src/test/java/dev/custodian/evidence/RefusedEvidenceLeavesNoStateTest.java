package dev.custodian.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.spi.StoredState;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The evidence guard runs before any state changes: a duty whose evidence would be refused
 * (R-EVID-2) keeps nothing, so no hold, event or settings can be in force without its evidence
 * entry (R-EVID-1).
 */
class RefusedEvidenceLeavesNoStateTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("dpo-1", ProcessorRole.DESIGNATED_OFFICER);
  private static final ProcessorPrincipal OPERATOR =
      ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  private final Instant now = Instant.parse("2025-06-01T00:00:00Z");
  private final InMemoryStateStore state = new InMemoryStateStore();
  private final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
  private final Custodian custodian = Custodian.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
      .pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).stateStore(state).evidenceStore(evidence).build();

  private List<StoredState> stored(String kind) {
    return state.list(kind, ACME);
  }

  private long entries() {
    return evidence.head().map(EvidenceEntry::sequence).orElse(0L);
  }

  @Test
  void aHoldWhoseLegalBasisHoldsAPhoneNumberIsNotStored_R_EVID_2() {
    long before = entries();
    assertThatThrownBy(() -> custodian.holds().place(OFFICER, ACME, Set.of(), Set.of(), null, null,
        "requisition about 06 39 98 12 34"))
        .isInstanceOf(PersonalDataInEvidenceException.class);
    assertThat(stored("hold")).isEmpty();
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void aReleaseWhoseReasonHoldsAnEmailKeepsTheHoldActive_R_EVID_2() {
    var hold = custodian.holds().place(OFFICER, ACME, Set.of(), Set.of(), null, null,
        "CPP art. 60-1 requisition");
    long before = entries();
    assertThatThrownBy(() -> custodian.holds().release(OFFICER, hold.id(),
        "closed, see mail from clerk@example.com"))
        .isInstanceOf(PersonalDataInEvidenceException.class);
    assertThat(stored("hold")).hasSize(1).allSatisfy(s -> assertThat(s.version()).isEqualTo(1));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void aContractEndWhoseBasisHoldsAPhoneNumberIsNotStoredNorSupersedesTheLastOne_R_EVID_2() {
    var first = custodian.retention().events().contractEnded(OPERATOR, ACME,
        Instant.parse("2025-06-30T22:00:00Z"), "termination letter 2025-02");
    long before = entries();
    assertThatThrownBy(() -> custodian.retention().events().contractEnded(OPERATOR, ACME,
        Instant.parse("2025-09-30T22:00:00Z"), "call back on +33 (0)6 39 98 12 34"))
        .isInstanceOf(PersonalDataInEvidenceException.class);
    assertThat(stored("retention-event"))
        .hasSize(1).allSatisfy(s -> assertThat(s.version()).isEqualTo(1));
    assertThat(custodian.retention().events().contractEnd(OPERATOR, ACME)).contains(first);
    assertThat(entries()).isEqualTo(before);
  }
}
