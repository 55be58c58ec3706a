package dev.custodian.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.memory.InMemoryEvidenceStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A hold may come from an authority the client may not be told of (R-AUTH-1, R-HOLD-1): its
 * evidence is processor-wide, so the client's own evidence reads never reveal it, while the log
 * still records it, naming the client in its details.
 */
class HoldEvidenceConfidentialityTest {
  private static final ClientId ACME = ClientId.of("acme");

  @Test
  void aClientsEvidenceReadsDoNotRevealItsHolds_R_AUTH_1_R_HOLD_1() {
    InMemoryEvidenceStore store = new InMemoryEvidenceStore();
    Custodian custodian = Custodian.builder()
        .evidenceStore(store)
        .clock(Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC))
        .pseudonymizationKey("a fictional pseudonymisation test key".getBytes(StandardCharsets.UTF_8))
        .build();
    ProcessorPrincipal officer = ProcessorPrincipal.of("dpo-1", ProcessorRole.DESIGNATED_OFFICER);
    Hold hold = custodian.holds().place(officer, ACME, Set.of(), Set.of(CategoryId.CALL_LOG), null,
        null, "requisition under seal, art. 60-1 CPP");
    custodian.holds().release(officer, hold.id(), "order lifted");

    ClientPrincipal admin = ClientPrincipal.of("admin-1", ACME, ClientRole.ADMINISTRATOR);
    List<EvidenceEntry> clientView = custodian.evidence().readFor(admin, ACME, 0, 1000);
    assertThat(clientView).extracting(EvidenceEntry::action)
        .noneMatch(a -> a.startsWith("hold."));

    List<EvidenceEntry> all = store.readAll(1, 1000); // the processor-wide log
    assertThat(all).filteredOn(e -> e.action().startsWith("hold."))
        .extracting(EvidenceEntry::action).containsExactly("hold.placed", "hold.released");
    assertThat(all).filteredOn(e -> e.action().startsWith("hold."))
        .allSatisfy(e -> {
          assertThat(e.client()).isNull();
          assertThat(e.details()).containsEntry("client", "acme");
        });
    assertThat(custodian.evidence().verify().valid()).isTrue();
  }
}
