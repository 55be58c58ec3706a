package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.hold.Hold;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.subject.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/guide/holds.md, between the GUIDE markers (checked by {@code GuideTest}). */
class HoldsGuideTest {
  private static final ClientId ATELIER = ClientId.of("atelier-nord");
  private static final PhoneNumber CALLER = PhoneNumber.of("+33 6 39 98 12 34");
  private static final PhoneNumber OTHER = PhoneNumber.of("+33 6 39 98 56 78");

  private final InMemoryHostData host = new InMemoryHostData();
  private final Custodian custodian = Custodian.builder()
      .clock(Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC))
      .hostData(host)
      .pseudonymizationKey("guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8))
      .build();
  private final ProcessorPrincipal officer = ProcessorPrincipal.of("dpo-1", ProcessorRole.DESIGNATED_OFFICER);

  private void call(String id, String at, PhoneNumber subject) {
    host.put(new HostRecord(CategoryId.CALL_LOG, ATELIER, id, Instant.parse(at), Set.of(subject),
        Map.of("direction", "in")));
  }

  @Test
  void aHoldSparesItsScopeFromEverySweep_R_HOLD_2() {
    call("c-1", "2025-03-10T08:00:00Z", CALLER); // expired (more than a year old)
    call("c-2", "2025-03-10T09:00:00Z", OTHER);  // expired
    call("c-3", "2025-06-01T09:00:00Z", CALLER); // expired, but after the hold's range
    // GUIDE:begin
    Hold hold = custodian.holds().place(officer, ClientId.of("atelier-nord"),
        Set.of(PhoneNumber.of("+33 6 39 98 12 34")),  // subjects: empty = every subject
        Set.of(CategoryId.CALL_LOG),                   // categories: empty = every category
        Instant.parse("2025-01-01T00:00:00Z"),         // from (inclusive), or null
        Instant.parse("2025-04-01T00:00:00Z"),         // before (exclusive), or null
        "Réquisition judiciaire 2026/117, art. 60-2 CPP");

    custodian.retention().sweep();

    assertThat(host.contains(CategoryId.CALL_LOG, "c-1")).isTrue();  // held: kept
    assertThat(host.contains(CategoryId.CALL_LOG, "c-2")).isFalse(); // another subject: swept
    assertThat(host.contains(CategoryId.CALL_LOG, "c-3")).isFalse(); // outside [from, before): swept
    // GUIDE:end
    assertThat(hold.active()).isTrue();
  }

  @Test
  void onlyProcessorStaffPlaceAndReleaseHolds_R_HOLD_1() {
    call("c-1", "2025-03-10T08:00:00Z", CALLER);
    Hold hold = custodian.holds().place(officer, ATELIER, Set.of(), Set.of(), null, null,
        "Conservation ordonnée par la CNIL, contrôle 2026-44");
    // GUIDE:begin
    Hold released = custodian.holds().release(officer, hold.id(), "order lifted on 2026-12-01");
    assertThat(released.active()).isFalse();   // kept, with who released it and why
    custodian.retention().sweep();             // the next sweep may delete what it protected
    // GUIDE:end
    assertThat(host.contains(CategoryId.CALL_LOG, "c-1")).isFalse();
    ClientPrincipal clientAdmin = ClientPrincipal.of("admin-1", ATELIER, ClientRole.ADMINISTRATOR);
    assertThat(clientAdmin.mayActFor(ATELIER)).isTrue();
    assertThatThrownBy(() -> custodian.holds().place(
        ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM), ATELIER, Set.of(), Set.of(),
        null, null, "not allowed")).isInstanceOf(SecurityException.class);
  }
}
