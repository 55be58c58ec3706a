package dev.custodian.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.memory.InMemoryEvidenceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The evidence guard against each common writing of a phone number (R-EVID-2): refused in a
 * detail, a basis or an actor, with a message naming the field and never the number, and nothing
 * appended.
 */
class EvidenceGuardTest {
  private final InMemoryEvidenceStore store = new InMemoryEvidenceStore();
  private final EvidenceLog log =
      new EvidenceLog(store, Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC));

  private void refused(String phone) {
    assertThatThrownBy(() -> log.append(EvidenceRecord.of("test.x", "system")
        .withClient(ClientId.of("acme")).withDetail("note", "called " + phone + " twice")))
        .isInstanceOf(PersonalDataInEvidenceException.class)
        .hasMessageContaining("'note'")
        .hasMessageNotContaining("39 98").hasMessageNotContaining("3998");
    assertThatThrownBy(() -> EvidenceRecord.of("test.x", "system").withBasis(phone))
        .isInstanceOf(PersonalDataInEvidenceException.class).hasMessageContaining("'basis'");
    assertThatThrownBy(() -> EvidenceRecord.of("test.x", phone))
        .isInstanceOf(PersonalDataInEvidenceException.class).hasMessageContaining("'actor'");
    assertThat(store.head()).isEmpty();
  }

  @Test
  void refusesInternationalWithTrunkInBrackets_R_EVID_2() {
    refused("+33 (0)6 39 98 12 34");
  }

  @Test
  void refusesInternationalCallPrefix_R_EVID_2() {
    refused("0033 6 39 98 12 34");
  }

  @Test
  void refusesNationalWithSpaces_R_EVID_2() {
    refused("06 39 98 12 34");
  }

  @Test
  void refusesNationalWithDots_R_EVID_2() {
    refused("06.39.98.12.34");
  }

  @Test
  void refusesNationalRun_R_EVID_2() {
    refused("0639981234");
  }

  @Test
  void refusesCountryCodeInBrackets_R_EVID_2() {
    refused("(+33) 6 39 98 12 34");
  }

  @Test
  void refusesE164_R_EVID_2() {
    refused("+33639981234");
  }

  @Test
  void refusesInternationalWithSpaces_R_EVID_2() {
    refused("+33 6 39 98 12 34");
  }

  @Test
  void refusesADetailKeyHoldingANumber_R_EVID_2() {
    assertThatThrownBy(() -> EvidenceRecord.of("test.x", "system").withDetail("06 39 98 12 34", 1))
        .isInstanceOf(PersonalDataInEvidenceException.class);
  }

  @Test
  void acceptsOrdinaryDetails() {
    EvidenceEntry e = log.append(EvidenceRecord.of("retention.sweep.unit", "system")
        .withClient(ClientId.of("acme")).withBasis("R-RET-3")
        .withDetail("plan", "plan-550e8400-e29b-41d4-a716-446655440000")
        .withDetail("deleted", 215000000).withDetail("at", "2026-12-02T22:43:17.123456Z")
        .withDetail("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        .withDetail("category", "CALL_RECORDING").withDetail("subjects", "[phone:4f0c2a9d]"));
    assertThat(e.sequence()).isEqualTo(1);
  }
}
