package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.terms.CategoryId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientEventsTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  private final Instant now = Instant.parse("2025-03-01T10:00:00Z");
  private final Custodian custodian = Custodian.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
      .pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
  private final ClientEvents events = custodian.retention().events();

  @Test
  void contractEndIsAStoredFactWithItsOwnTimeAndEvidence() {
    Instant end = Instant.parse("2025-06-30T22:00:00Z");
    ClientEvent e = events.contractEnded(OPERATOR, ACME, end, "termination letter 2025-02");
    assertThat(e.at()).isEqualTo(end);
    assertThat(e.recordedAt()).isEqualTo(now);
    assertThat(events.contractEnd(OPERATOR, ACME)).contains(e);
    List<EvidenceEntry> log = custodian.evidence().readFor(OPERATOR, ACME, 1, 10);
    assertThat(log).extracting(EvidenceEntry::action).containsExactly("retention.event.recorded");
    assertThat(log.get(0).details()).containsEntry("type", "CONTRACT_END").containsEntry("at", end.toString());
  }

  @Test
  void aNewClientWideEventSupersedesThePreviousOfTheSameType() {
    ClientEvent first = events.contractEnded(OPERATOR, ACME, Instant.parse("2025-06-30T22:00:00Z"), "a");
    ClientEvent second = events.contractEnded(OPERATOR, ACME, Instant.parse("2025-09-30T22:00:00Z"), "b");
    assertThat(events.contractEnd(OPERATOR, ACME)).contains(second);
    assertThat(events.all(OPERATOR, ACME)).hasSize(2);
    assertThat(events.all(OPERATOR, ACME).stream().filter(x -> x.id().equals(first.id())).findFirst().orElseThrow().active()).isFalse();
  }

  @Test
  void withdrawKeepsTheEventAndRefusesTwice() {
    ClientEvent e = events.crmSyncTurnedOff(OPERATOR, ACME, now, "dashboard");
    ClientEvent w = events.withdraw(OPERATOR, e.id(), "turned on again");
    assertThat(w.active()).isFalse();
    assertThat(events.active(OPERATOR, ACME)).isEmpty();
    assertThatThrownBy(() -> events.withdraw(OPERATOR, e.id(), "again")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anotherClientsUserCannotRecordEvents_R_ACC_2() {
    ClientPrincipal other = ClientPrincipal.of("u-9", ClientId.of("other"), ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> events.crmSyncTurnedOff(other, ACME, now, "x")).isInstanceOf(SecurityException.class);
  }

  @Test
  void contactDeletionIsScopedToSubjectsAndEarlierRecords_andEvidencePseudonymises() {
    PhoneNumber phone = PhoneNumber.of("+33 1 99 00 12 34");
    ClientPrincipal admin = ClientPrincipal.of("u-1", ACME, ClientRole.ADMINISTRATOR);
    ClientEvent e = events.contactsDeleted(admin, ACME, CategoryId.CONTACT_MANUAL, Set.of(phone), now, "dashboard");
    assertThat(e.appliesTo(CategoryId.CONTACT_MANUAL, now.minusSeconds(1), Set.of(phone))).isTrue();
    assertThat(e.appliesTo(CategoryId.CONTACT_MANUAL, now.plusSeconds(1), Set.of(phone))).isFalse();
    assertThat(e.appliesTo(CategoryId.CONTACT_MANUAL, now.minusSeconds(1), Set.of())).isFalse();
    assertThat(e.appliesTo(CategoryId.CALL_LOG, now.minusSeconds(1), Set.of(phone))).isFalse();
    String details = custodian.evidence().readFor(admin, ACME, 1, 10).get(0).details().toString();
    assertThat(details).doesNotContain("99 00").doesNotContain("+33199001234");
  }

  @Test
  void contractEndAlsoCoversRecordsCreatedAfterIt() {
    ClientEvent e = events.contractEnded(OPERATOR, ACME, now, "x");
    assertThat(e.appliesTo(CategoryId.CALL_LOG, now.plusSeconds(3600), Set.of())).isTrue();
  }
}
