package dev.custodian.retention;

import static dev.custodian.retention.SweepFixture.ACME;
import static dev.custodian.retention.SweepFixture.GLOBEX;
import static dev.custodian.retention.SweepFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionServiceTest {
  final SweepFixture f = new SweepFixture();
  final Custodian custodian = f.node(100);
  final RetentionService retention = custodian.retention();
  final ClientPrincipal admin = ClientPrincipal.of("u-1", ACME, ClientRole.ADMINISTRATOR);

  List<EvidenceEntry> evidence(String action) {
    return f.evidenceStore.readAll(1, 10_000).stream().filter(e -> e.action().equals(action)).toList();
  }

  @Test
  void clientSetsRecordingDurationWithinBoundsAndEachChangeIsEvidence_R_RET_3() {
    retention.setDuration(admin, ACME, CategoryId.CALL_RECORDING, Period.ofDays(90));
    retention.setDuration(admin, ACME, CategoryId.CALL_RECORDING, Period.ofMonths(6));
    assertThat(retention.settings(OPERATOR, ACME).duration(CategoryId.CALL_RECORDING)).isEqualTo(Period.ofMonths(6));
    List<EvidenceEntry> changes = evidence("retention.setting.changed");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(1).details()).containsEntry("old", "P90D").containsEntry("new", "P6M")
        .containsEntry("category", "CALL_RECORDING");
    assertThat(changes.get(1).actor()).isEqualTo("u-1");
    assertThat(retention.context(OPERATOR, ACME).settings()).containsEntry(CategoryId.CALL_RECORDING, Period.ofMonths(6));
  }

  @Test
  void durationsOutsideTheProcessorsBoundsAreRefusedAndNotRecorded_R_RET_3() {
    Custodian narrow = Custodian.builder().clock(f.clock).pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .retentionBounds(RetentionBounds.none().with(CategoryId.TRANSCRIPTION, Period.ofDays(7), Period.ofYears(1)))
        .build();
    RetentionService r = narrow.retention();
    assertThatThrownBy(() -> r.setDuration(admin, ACME, CategoryId.TRANSCRIPTION, Period.ofYears(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above the maximum P1Y");
    assertThatThrownBy(() -> r.setDuration(admin, ACME, CategoryId.TRANSCRIPTION, Period.ofDays(1)))
        .hasMessageContaining("below the minimum P7D");
    assertThatThrownBy(() -> r.setDuration(admin, ACME, CategoryId.CALL_RECORDING, Period.ofDays(30)))
        .hasMessageContaining("lets no client set");
    assertThatThrownBy(() -> r.setDuration(admin, ACME, CategoryId.CALL_LOG, Period.ofDays(30)))
        .hasMessageContaining("no client-set rule");
    assertThat(r.settings(OPERATOR, ACME).durations()).isEmpty();
  }

  @Test
  void onlyAdministratorsOfTheClientOrOperatorsChangeSettings() {
    ClientPrincipal user = ClientPrincipal.of("u-2", ACME, ClientRole.USER);
    ClientPrincipal otherAdmin = ClientPrincipal.of("u-3", GLOBEX, ClientRole.SUPER_ADMINISTRATOR);
    assertThatThrownBy(() -> retention.setDuration(user, ACME, CategoryId.CALL_RECORDING, Period.ofDays(30)))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> retention.setDuration(otherAdmin, ACME, CategoryId.CALL_RECORDING, Period.ofDays(30)))
        .isInstanceOf(SecurityException.class);
    assertThat(retention.setDuration(OPERATOR, ACME, CategoryId.CALL_RECORDING, Period.ofDays(30)).duration(CategoryId.CALL_RECORDING))
        .isEqualTo(Period.ofDays(30));
  }

  @Test
  void theClientsZoneDecidesItsCalendar() {
    assertThat(retention.settings(OPERATOR, ACME).zone()).isEqualTo(Custodian.DEFAULT_CLIENT_ZONE);
    retention.setZone(admin, ACME, ZoneId.of("America/Martinique"));
    assertThat(retention.context(OPERATOR, ACME).zone()).isEqualTo(ZoneId.of("America/Martinique"));
    assertThat(evidence("retention.setting.zone").get(0).details()).containsEntry("new", "America/Martinique");
  }

  @Test
  void neverStoredCategoriesAreRejectedBeforeWriting_R_RET_4() {
    assertThatThrownBy(() -> retention.checkStorable(ACME, CategoryId.TRANSACTIONAL_EMAIL))
        .isInstanceOf(NeverStoredException.class).hasMessageContaining("TRANSACTIONAL_EMAIL");
    assertThat(evidence("retention.store.refused")).hasSize(1);
    retention.checkStorable(ACME, CategoryId.CALL_LOG);
    assertThatThrownBy(() -> retention.checkStorable(ACME, CategoryId.of("UNSCHEDULED")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDeletionRequestForTrafficDataIsDeferredAndRecorded_R_RET_2() {
    RetentionService.DeletionRequest request = retention.requestDeletion(admin, ACME,
        Set.of(CategoryId.CALL_LOG, CategoryId.SMS_CONTENT), Set.of(), "ticket 881");
    Instant now = f.clock.instant();
    Instant expected = LocalDateTime.ofInstant(now, Custodian.DEFAULT_CLIENT_ZONE).plusYears(1)
        .atZone(Custodian.DEFAULT_CLIENT_ZONE).toInstant();
    assertThat(request.deferredUntil()).containsEntry(CategoryId.CALL_LOG, expected).containsEntry(CategoryId.SMS_CONTENT, null);
    List<EvidenceEntry> deferred = evidence("retention.deletion.deferred");
    assertThat(deferred).hasSize(1);
    assertThat(deferred.get(0).basis()).isEqualTo("CALL_LOG.cpce-floor");
    assertThat(deferred.get(0).details()).containsEntry("category", "CALL_LOG").containsEntry("until", expected.toString());
    assertThat(retention.events().active(OPERATOR, ACME)).extracting(ClientEvent::type).containsExactly(ClientEventType.DELETION_REQUESTED);
    // A young call log stays until its 12 months; an SMS content goes now.
    Instant young = now.minusSeconds(86_400);
    assertThat(retention.classify(RecordFacts.of(ACME, CategoryId.CALL_LOG, young, Set.of())).deletable()).isFalse();
    assertThat(retention.classify(RecordFacts.of(ACME, CategoryId.SMS_CONTENT, young, Set.of())).deletable()).isTrue();
  }

  @Test
  void custodianHandsOutOneScheduleHoldsAndGate() {
    assertThat(custodian.retention().schedule()).isSameAs(RetentionSchedule.annexA());
    assertThat(custodian.holds()).isNotNull();
    assertThat(custodian.deletionGate()).isNotNull();
    RetentionSchedule custom = RetentionSchedule.annexA().toBuilder().rule(RetentionRule.of("WEBHOOK_LOG.max",
        CategoryId.WEBHOOK_LOG, RuleSource.CONTRACT, RuleKind.DELETE, ClockStart.RECORD_TIME, Period.ofDays(7), "")).build();
    Custodian c = Custodian.builder().pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).retentionSchedule(custom).sweepBatchSize(50).build();
    assertThat(c.retention().schedule().rule("WEBHOOK_LOG.max").orElseThrow().period()).isEqualTo(Period.ofDays(7));
  }
}
