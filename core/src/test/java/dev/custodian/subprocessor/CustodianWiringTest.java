package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.custodian.Custodian;
import dev.custodian.audit.AuditRequestDraft;
import dev.custodian.audit.AuditRule;
import dev.custodian.audit.ProcessorIdentity;
import dev.custodian.audit.RetentionRow;
import dev.custodian.spi.BreachNotification;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.breach.IncompleteNotificationException;
import dev.custodian.spi.Incident;
import dev.custodian.spi.NotificationContent;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.spi.TransferMechanism;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.testing.MutableClock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four duties as a host reaches them through {@link Custodian}. */
class CustodianWiringTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ProcessorPrincipal OPERATOR =
      ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR, ProcessorRole.SECURITY_TEAM);

  private final MutableClock clock = MutableClock.atParis("2026-04-28T10:00");
  private final SubprocessorNoticeSender notices = mock(SubprocessorNoticeSender.class);
  private final BreachNotificationSender breachSender = mock(BreachNotificationSender.class);

  private Custodian.Builder builder() {
    return Custodian.builder().clock(clock).pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void theDutiesAreWiredWithTheContractsDefaults() {
    when(notices.clientsUnderContract()).thenReturn(List.of(ACME));
    Custodian c = builder().subprocessorNoticeSender(notices).breachNotificationSender(breachSender)
        .processorIdentity(new ProcessorIdentity("Example Telecom SAS", "Paris", "DPO"))
        .build();

    assertThat(c.subprocessors().inForce(OPERATOR)).hasSize(26);
    assertThatThrownBy(() -> c.subprocessors().announceAddition(OPERATOR,
        new Subprocessor("newco", "NEWCO", "x", "DE", TransferMechanism.NONE_INSIDE_EEA, null, "DPA-1"),
        LocalDate.parse("2026-05-15")))
        .isInstanceOfSatisfying(NoticeTooShortException.class,
            e -> assertThat(e.earliestAllowed()).isEqualTo(LocalDate.parse("2026-05-16")));

    // The default validator (Hibernate Validator, a runtime dependency) checks R-BR-3.
    Incident i = c.breaches().recordAwareness(OPERATOR, ACME, clock.instant(), "leak");
    assertThatThrownBy(() -> c.breaches().notifyClient(OPERATOR, i.id(),
        BreachNotification.Kind.FINAL, NotificationContent.initial("leak")))
        .isInstanceOf(IncompleteNotificationException.class);
    assertThat(c.breaches().deadline(i.id()).getZone().getId()).isEqualTo("Europe/Paris");

    var r = c.audits().submit(ClientPrincipal.of("a", ACME, ClientRole.ADMINISTRATOR),
        AuditRequestDraft.of(ACME, LocalDateTime.parse("2026-05-14T10:00"),
            LocalDateTime.parse("2026-05-14T12:00")));
    assertThat(c.audits().assess(r.id()).failedRules()).contains(AuditRule.BUSINESS_HOURS);

    assertThat(c.compliancePack().generate(OPERATOR, ACME).processor().name())
        .isEqualTo("Example Telecom SAS");
    assertThat(c.evidence().verify().valid()).isTrue();
  }

  @Test
  void aHostChangesTheCalendarTheRegistryAndTheSchedule() {
    BusinessCalendar everyWeekday = BusinessCalendar.weekdays("XX", y -> java.util.Set.of());
    Custodian c = builder().businessCalendar(everyWeekday).initialSubprocessors(List.of())
        .retentionSchedule(RetentionSchedule.builder()
            .category(RetentionSchedule.annexA().policy(CategoryId.CALL_LOG)).build())
        .build();
    assertThat(c.subprocessors().inForce(OPERATOR)).isEmpty();
    // Without holidays, ten business days after Tuesday 28 April end on Tuesday 12 May.
    assertThat(c.subprocessors().earliestEffectiveDate()).isEqualTo(LocalDate.parse("2026-05-13"));
    assertThat(c.compliancePack().generate(OPERATOR, ACME).retentionSchedule())
        .extracting(RetentionRow::category).containsExactly("CALL_LOG");
  }

  @Test
  void aBadInitialRegistryFailsTheBuild_R_SUB_4() {
    Subprocessor bad = new Subprocessor("usco", "USCO", "x", "US", TransferMechanism.NONE_INSIDE_EEA,
        null, "DPA-1");
    assertThatThrownBy(() -> builder().initialSubprocessors(List.of(bad)).build())
        .isInstanceOf(TransferNotCoveredException.class);
  }
}
