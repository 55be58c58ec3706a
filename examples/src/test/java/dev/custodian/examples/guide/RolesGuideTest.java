package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.CategoryId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/guide/roles.md, between the GUIDE markers (checked by {@code GuideTest}): who
 * may do what (R-ACC-1, R-ACC-2).
 */
class RolesGuideTest {
  private static final byte[] KEY =
      "guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);

  @Test
  void eachKindOfUserBecomesAPrincipal_R_ACC_1() {
    // GUIDE:begin
    ClientId atelier = ClientId.of("atelier-nord");
    // a user of a client: its own account id, the client, its roles
    ClientPrincipal user = ClientPrincipal.of("u-1042", atelier, ClientRole.USER);
    ClientPrincipal admin = ClientPrincipal.of("u-1001", atelier, ClientRole.ADMINISTRATOR);
    // the contact the client named in its contract, with or without a role
    ClientPrincipal contact = ClientPrincipal.designatedContact("u-1007", atelier);
    // the processor's staff
    ProcessorPrincipal operator = ProcessorPrincipal.of("ops-12", ProcessorRole.OPERATOR);
    // the host's own scheduled jobs, never a person
    Principal jobs = Principal.system();
    // GUIDE:end
    assertThat(user.mayActFor(atelier)).isTrue();
    assertThat(user.mayActFor(ClientId.of("boulangerie-sud"))).isFalse();
    assertThat(contact.designatedContact()).isTrue();
    assertThat(admin.hasRole(ClientRole.ADMINISTRATOR)).isTrue();
    assertThat(operator.hasRole(ProcessorRole.OPERATOR)).isTrue();
    assertThat(jobs.id()).isNotBlank();
  }

  @Test
  void aUserIsRefusedADeletionRequestAndNothingChanges_R_ACC_1() {
    Custodian custodian = Custodian.builder().clock(CLOCK).pseudonymizationKey(KEY).build();
    ClientId atelier = ClientId.of("atelier-nord");
    ClientPrincipal user = ClientPrincipal.of("u-1042", atelier, ClientRole.USER);
    ClientPrincipal admin = ClientPrincipal.of("u-1001", atelier, ClientRole.ADMINISTRATOR);
    // GUIDE:begin
    long before = custodian.evidence().head().map(e -> e.sequence()).orElse(0L);

    assertThatThrownBy(() -> custodian.retention().requestDeletion(user, atelier,
        Set.of(CategoryId.SMS_CONTENT), Set.of(), "client ticket 8812"))
        .isInstanceOf(SecurityException.class)
        .hasMessageContaining("may not RETENTION_DELETION_REQUEST");
    assertThat(custodian.evidence().head().map(e -> e.sequence()).orElse(0L))
        .isEqualTo(before);                                   // nothing recorded, nothing changed

    custodian.retention().requestDeletion(admin, atelier,   // an administrator instructs: allowed
        Set.of(CategoryId.SMS_CONTENT), Set.of(), "client ticket 8812");
    // GUIDE:end
    assertThat(custodian.retention().events().all(admin, atelier)).hasSize(1);
    // R-ACC-2: an administrator of another client is refused for this one.
    ClientPrincipal otherAdmin = ClientPrincipal.of("u-2001", ClientId.of("boulangerie-sud"),
        ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> custodian.retention().requestDeletion(otherAdmin, atelier,
        Set.of(CategoryId.SMS_CONTENT), Set.of(), "not theirs"))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void theProcessorConfiguresWhoInstructs_R_ACC_1() {
    ClientId atelier = ClientId.of("atelier-nord");
    ClientPrincipal supervisor = ClientPrincipal.of("u-1010", atelier, ClientRole.SUPERVISOR);
    ClientPrincipal contact = ClientPrincipal.designatedContact("u-1007", atelier);
    // GUIDE:begin
    Custodian custodian = Custodian.builder()
        .clock(CLOCK)
        .pseudonymizationKey(KEY)
        .instructingRoles(new InstructingRoles(
            EnumSet.of(ClientRole.ADMINISTRATOR, ClientRole.SUPERVISOR), // roles that instruct
            false))                                                     // designated contact: no
        .build();

    assertThat(custodian.access().allows(supervisor, Operation.RETENTION_DELETION_REQUEST, atelier))
        .isTrue();
    assertThat(custodian.access().allows(contact, Operation.RETENTION_DELETION_REQUEST, atelier))
        .isFalse();
    // GUIDE:end
    custodian.retention().requestDeletion(supervisor, atelier, Set.of(CategoryId.SMS_CONTENT),
        Set.of(), "client ticket 8813");
    assertThatThrownBy(() -> custodian.retention().requestDeletion(contact, atelier,
        Set.of(CategoryId.SMS_CONTENT), Set.of(), "client ticket 8814"))
        .isInstanceOf(SecurityException.class);
    assertThat(InstructingRoles.DEFAULT.mayInstruct(contact, atelier)).isTrue();
  }
}
