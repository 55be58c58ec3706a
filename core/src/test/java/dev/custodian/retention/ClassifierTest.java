package dev.custodian.retention;

import static dev.custodian.terms.CategoryId.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The classifier against each Annex A row and the precedence rules (R-RET-1, R-RET-2, R-HOLD-1). */
class ClassifierTest {
  static final ClientId ACME = ClientId.of("acme");
  static final ZoneId PARIS = Custodian.DEFAULT_CLIENT_ZONE;
  static final PhoneNumber CALLER = PhoneNumber.of("+33 1 99 00 12 34");
  final RetentionSchedule schedule = RetentionSchedule.annexA();
  final Classifier classifier = new Classifier(schedule);

  static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
  }

  static ClientEvent event(ClientEventType type, Instant at, Set<CategoryId> cats, Set<SubjectIdentifier> subjects) {
    return new ClientEvent("e-" + type + at, ACME, type, at, cats, subjects, "test", "op", at, null, null, null);
  }

  static Hold hold(Set<SubjectIdentifier> subjects, Set<CategoryId> cats) {
    return new Hold("hold-1", ACME, subjects, cats, null, null, "court order 42", "op",
        Instant.parse("2020-01-01T00:00:00Z"), null, null, null);
  }

  ClientContext ctx(ClientEvent... events) {
    return ClientContext.of(ACME, PARIS, Map.of(), List.of(events), List.of());
  }

  Decision classify(CategoryId cat, Instant time, ClientContext c, Instant now) {
    return classifier.classify(RecordFacts.of(ACME, cat, time, Set.of(CALLER)), c, now);
  }

  @Test
  void callLogIsKeptTwelveMonthsThenDeleted_CALL_LOG_R_RET_2() {
    Instant call = paris("2024-05-10T09:00");
    Decision young = classify(CALL_LOG, call, ctx(), paris("2025-05-10T08:59"));
    assertThat(young).isInstanceOf(Decision.Keep.class);
    assertThat(((Decision.Keep) young).until()).isEqualTo(paris("2025-05-10T09:00"));
    Decision old = classify(CALL_LOG, call, ctx(), paris("2025-05-10T09:00"));
    assertThat(old).isInstanceOf(Decision.DeleteNow.class);
    assertThat(old.rule().id()).isEqualTo("CALL_LOG.cpce-ceiling");
  }

  @Test
  void clientDeletionRequestForTrafficDataIsDeferredToTwelveMonths_R_RET_2() {
    Instant call = paris("2025-01-10T09:00");
    ClientContext c = ctx(event(ClientEventType.DELETION_REQUESTED, paris("2025-02-01T00:00"), Set.of(SMS_LOG), Set.of()));
    Decision deferred = classify(SMS_LOG, call, c, paris("2025-06-01T00:00"));
    assertThat(deferred).isEqualTo(new Decision.Keep(paris("2026-01-10T09:00"), schedule.rule("SMS_LOG.cpce-floor").orElseThrow()));
    Decision due = classify(SMS_LOG, call, c, paris("2026-01-10T09:00"));
    assertThat(due).isEqualTo(new Decision.DeleteNow(schedule.rule("SMS_LOG.client-request").orElseThrow(), paris("2026-01-10T09:00")));
    // A record made after the request is not covered by it.
    assertThat(classify(SMS_LOG, paris("2025-03-01T00:00"), c, paris("2026-01-10T09:00"))).isInstanceOf(Decision.Keep.class);
  }

  @Test
  void clientDeletionRequestForContentIsImmediate_SMS_CONTENT() {
    ClientContext c = ctx(event(ClientEventType.DELETION_REQUESTED, paris("2025-02-01T00:00"), Set.of(), Set.of(CALLER)));
    Decision d = classify(SMS_CONTENT, paris("2025-01-10T09:00"), c, paris("2025-02-01T00:00"));
    assertThat(d.deletable()).isTrue();
    assertThat(d.rule().id()).isEqualTo("SMS_CONTENT.client-request");
  }

  @Test
  void contentsAtMostOneYearAndDeletedAtTermination_SMS_MMS_CONTENT() {
    assertThat(classify(MMS_CONTENT, paris("2024-01-01T00:00"), ctx(), paris("2025-01-01T00:00")).rule().id())
        .isEqualTo("MMS_CONTENT.max");
    ClientContext ended = ctx(event(ClientEventType.CONTRACT_END, paris("2024-06-30T00:00"), Set.of(), Set.of()));
    Decision d = classify(SMS_CONTENT, paris("2024-06-01T00:00"), ended, paris("2024-06-30T00:00"));
    assertThat(d).isEqualTo(new Decision.DeleteNow(schedule.rule("SMS_CONTENT.termination").orElseThrow(), paris("2024-06-30T00:00")));
  }

  @Test
  void trafficDataBecomesRestrictedArchiveAfterTerminationUntilTwelveMonths_R_TERM_5() {
    ClientContext ended = ctx(event(ClientEventType.CONTRACT_END, paris("2025-03-31T00:00"), Set.of(), Set.of()));
    Decision d = classify(FAX_LOG, paris("2025-01-15T10:00"), ended, paris("2025-04-15T00:00"));
    assertThat(d).isEqualTo(new Decision.RestrictedArchive(paris("2026-01-15T10:00"), schedule.rule("FAX_LOG.archive").orElseThrow()));
    assertThat(classify(FAX_LOG, paris("2025-01-15T10:00"), ended, paris("2026-01-15T10:00")).deletable()).isTrue();
  }

  @Test
  void companyInfoAndFaxKeptForTheContractThenOneYearArchive_COMPANY_INFO_FAX() {
    for (CategoryId cat : List.of(COMPANY_INFO, FAX)) {
      Decision during = classify(cat, paris("2015-01-01T00:00"), ctx(), paris("2025-01-01T00:00"));
      assertThat(during).isEqualTo(new Decision.Keep(null, schedule.rule(cat + ".contract").orElseThrow()));
      ClientContext ended = ctx(event(ClientEventType.CONTRACT_END, paris("2025-02-28T00:00"), Set.of(), Set.of()));
      Decision archived = classify(cat, paris("2015-01-01T00:00"), ended, paris("2025-03-01T00:00"));
      assertThat(archived).isEqualTo(new Decision.RestrictedArchive(paris("2026-02-28T00:00"), schedule.rule(cat + ".archive").orElseThrow()));
      Decision gone = classify(cat, paris("2015-01-01T00:00"), ended, paris("2026-02-28T00:00"));
      assertThat(gone).isEqualTo(new Decision.DeleteNow(schedule.rule(cat + ".delete").orElseThrow(), paris("2026-02-28T00:00")));
    }
  }

  @Test
  void recordingsFollowTheClientSettingAndWaitOtherwise_CALL_RECORDING_R_RET_3() {
    ClientContext set = ClientContext.of(ACME, PARIS, Map.of(CALL_RECORDING, Period.ofDays(90)), List.of(), List.of());
    Instant rec = paris("2025-01-01T12:00");
    assertThat(classifier.classify(RecordFacts.of(ACME, CALL_RECORDING, rec, Set.of()), set, paris("2025-04-01T11:59")))
        .isEqualTo(new Decision.Keep(paris("2025-04-01T12:00"), schedule.rule("CALL_RECORDING.client-delete").orElseThrow()));
    assertThat(classifier.classify(RecordFacts.of(ACME, CALL_RECORDING, rec, Set.of()), set, paris("2025-04-01T12:00")).deletable()).isTrue();
    Decision unset = classify(CALL_RECORDING, rec, ctx(), paris("2030-01-01T00:00"));
    assertThat(unset).isInstanceOf(Decision.Keep.class);
    assertThat(((Decision.Keep) unset).until()).isNull();
  }

  @Test
  void transcriptionsFollowTheAdministratorsSetting_TRANSCRIPTION() {
    ClientContext set = ClientContext.of(ACME, PARIS, Map.of(TRANSCRIPTION, Period.ofMonths(6)), List.of(), List.of());
    Decision d = classifier.classify(RecordFacts.of(ACME, TRANSCRIPTION, paris("2024-08-31T10:00"), Set.of()), set, paris("2025-03-01T00:00"));
    assertThat(d.deletable()).isTrue();
    assertThat(((Decision.DeleteNow) d).dueSince()).isEqualTo(paris("2025-03-01T00:00"));
  }

  @Test
  void webhookLogsOneMonth_fromThirtyFirstJanuaryIsEndOfFebruary_WEBHOOK_LOG() {
    Decision d = classify(WEBHOOK_LOG, paris("2025-01-31T18:00"), ctx(), paris("2025-02-15T00:00"));
    assertThat(d).isEqualTo(new Decision.Keep(paris("2025-03-01T00:00"), schedule.rule("WEBHOOK_LOG.max").orElseThrow()));
    assertThat(classify(WEBHOOK_LOG, paris("2025-01-31T18:00"), ctx(), paris("2025-02-28T23:59")).deletable()).isFalse();
    Decision leap = classify(WEBHOOK_LOG, paris("2024-01-31T18:00"), ctx(), paris("2024-02-15T00:00"));
    assertThat(((Decision.Keep) leap).until()).isEqualTo(paris("2024-03-01T00:00"));
    Decision plain = classify(WEBHOOK_LOG, paris("2025-01-28T18:00"), ctx(), paris("2025-02-15T00:00"));
    assertThat(((Decision.Keep) plain).until()).isEqualTo(paris("2025-02-28T18:00"));
  }

  @Test
  void transactionalEmailsAreNeverKept_TRANSACTIONAL_EMAIL_R_RET_4() {
    Instant t = paris("2025-01-01T00:00");
    assertThat(classify(TRANSACTIONAL_EMAIL, t, ctx(), t).rule().id()).isEqualTo("TRANSACTIONAL_EMAIL.never-stored");
  }

  @Test
  void crmContactThreeYearsFromLastActivity_CRM_CONTACT() {
    RecordFacts r = new RecordFacts(ACME, CRM_CONTACT, paris("2015-01-01T00:00"), paris("2022-06-01T00:00"), Set.of());
    assertThat(classifier.classify(r, ctx(), paris("2025-05-31T23:59"))).isInstanceOf(Decision.Keep.class);
    assertThat(classifier.classify(r, ctx(), paris("2025-06-01T00:00")).deletable()).isTrue();
  }

  @Test
  void manualAndWebhookContactsGoWhenTheClientDeletesThem_CONTACT_MANUAL_CONTACT_WEBHOOK() {
    Instant deletedAt = paris("2025-03-01T10:00");
    ClientContext c = ctx(event(ClientEventType.CONTACT_DELETED, deletedAt, Set.of(CONTACT_MANUAL, CONTACT_WEBHOOK), Set.of(CALLER)));
    for (CategoryId cat : List.of(CONTACT_MANUAL, CONTACT_WEBHOOK)) {
      assertThat(classify(cat, paris("2024-01-01T00:00"), ctx(), deletedAt)).isInstanceOf(Decision.Keep.class);
      Decision d = classify(cat, paris("2024-01-01T00:00"), c, deletedAt);
      assertThat(d.rule().id()).isEqualTo(cat + ".client-deleted");
      assertThat(d.deletable()).isTrue();
      // Another contact stays.
      assertThat(classifier.classify(RecordFacts.of(ACME, cat, paris("2024-01-01T00:00"), Set.of()), c, deletedAt).deletable()).isFalse();
    }
    ClientContext ended = ctx(event(ClientEventType.CONTRACT_END, deletedAt, Set.of(), Set.of()));
    assertThat(classify(CONTACT_MANUAL, paris("2024-01-01T00:00"), ended, deletedAt).deletable()).isTrue();
    assertThat(classify(CONTACT_WEBHOOK, paris("2024-01-01T00:00"), ended, deletedAt)).isInstanceOf(Decision.RestrictedArchive.class);
  }

  @Test
  void crmSyncedContactsNoneKeptOnceSyncOff_evenOnesArrivingLater_CONTACT_CRM_SYNC() {
    Instant off = paris("2025-03-01T10:00");
    ClientContext c = ctx(event(ClientEventType.CRM_SYNC_OFF, off, Set.of(), Set.of()));
    assertThat(classify(CONTACT_CRM_SYNC, paris("2025-01-01T00:00"), c, off.minusSeconds(1))).isInstanceOf(Decision.Keep.class);
    assertThat(classify(CONTACT_CRM_SYNC, paris("2025-01-01T00:00"), c, off).deletable()).isTrue();
    assertThat(classify(CONTACT_CRM_SYNC, paris("2025-04-01T00:00"), c, paris("2025-04-01T00:00")).deletable()).isTrue();
  }

  @Test
  void ssoUserIdForTheContractsDuration_SSO_USER_ID() {
    Instant end = paris("2025-06-30T23:59");
    assertThat(classify(SSO_USER_ID, paris("2020-01-01T00:00"), ctx(), end)).isInstanceOf(Decision.Keep.class);
    ClientContext ended = ctx(event(ClientEventType.CONTRACT_END, end, Set.of(), Set.of()));
    assertThat(classify(SSO_USER_ID, paris("2020-01-01T00:00"), ended, end.minusSeconds(1)))
        .isEqualTo(new Decision.Keep(end, schedule.rule("SSO_USER_ID.contract").orElseThrow()));
    assertThat(classify(SSO_USER_ID, paris("2020-01-01T00:00"), ended, end).deletable()).isTrue();
  }

  @Test
  void aHoldBlocksDeletionOfTheRecordsItCovers_R_HOLD_1() {
    ClientContext held = ClientContext.of(ACME, PARIS, Map.of(), List.of(), List.of(hold(Set.of(CALLER), Set.of(CALL_LOG))));
    Decision d = classify(CALL_LOG, paris("2020-01-01T00:00"), held, paris("2025-01-01T00:00"));
    assertThat(d).isInstanceOf(Decision.Held.class);
    assertThat(d.deletable()).isFalse();
    assertThat(classifier.classify(RecordFacts.of(ACME, CALL_LOG, paris("2020-01-01T00:00"), Set.of()), held, paris("2025-01-01T00:00")).deletable()).isTrue();
    assertThat(classify(SMS_LOG, paris("2020-01-01T00:00"), held, paris("2025-01-01T00:00")).deletable()).isTrue();
  }

  @Test
  void aClientSettingNeverExtendsRetentionPastALegalCeiling_precedence5() {
    RetentionSchedule s = schedule.toBuilder().rule(RetentionRule.of("CALL_LOG.client-retain", CALL_LOG,
        RuleSource.CLIENT_SETTING, RuleKind.RETAIN, ClockStart.RECORD_TIME, null, "host option")).build();
    ClientContext c = ClientContext.of(ACME, PARIS, Map.of(CALL_LOG, Period.ofYears(5)), List.of(), List.of());
    Decision d = new Classifier(s).classify(RecordFacts.of(ACME, CALL_LOG, paris("2024-01-01T00:00"), Set.of()), c, paris("2025-01-01T00:00"));
    assertThat(d).isEqualTo(new Decision.DeleteNow(s.rule("CALL_LOG.cpce-ceiling").orElseThrow(), paris("2025-01-01T00:00")));
  }

  @Test
  void longestRetentionWinsAndShortestDeletionWins_precedence3And4() {
    CategoryId cat = CategoryId.of("NOTES");
    RetentionSchedule s = RetentionSchedule.builder().category(new CategoryPolicy(cat, "notes", null,
        ClockStart.RECORD_TIME, AtTermination.DELETE, false, false, List.of(
            RetentionRule.of("NOTES.keep-1m", cat, RuleSource.CONTRACT, RuleKind.RETAIN, ClockStart.RECORD_TIME, Period.ofMonths(1), ""),
            RetentionRule.of("NOTES.keep-3m", cat, RuleSource.CONTRACT, RuleKind.RETAIN, ClockStart.RECORD_TIME, Period.ofMonths(3), ""),
            RetentionRule.of("NOTES.del-2m", cat, RuleSource.CONTRACT, RuleKind.DELETE, ClockStart.RECORD_TIME, Period.ofMonths(2), ""),
            RetentionRule.of("NOTES.del-6m", cat, RuleSource.CONTRACT, RuleKind.DELETE, ClockStart.RECORD_TIME, Period.ofMonths(6), ""))))
        .build();
    Classifier k = new Classifier(s);
    Instant t = paris("2025-01-15T00:00");
    RecordFacts r = RecordFacts.of(ACME, cat, t, Set.of());
    assertThat(k.classify(r, ctx(), paris("2025-03-20T00:00")))
        .isEqualTo(new Decision.Keep(paris("2025-04-15T00:00"), s.rule("NOTES.keep-3m").orElseThrow()));
    assertThat(k.classify(r, ctx(), paris("2025-04-15T00:00")))
        .isEqualTo(new Decision.DeleteNow(s.rule("NOTES.del-2m").orElseThrow(), paris("2025-04-15T00:00")));
  }

  @Test
  void legalFloorWinsOverAClashingLegalCeilingOfAnotherClock_precedence5() {
    CategoryId cat = CategoryId.of("LOGS");
    RetentionSchedule s = RetentionSchedule.builder().category(new CategoryPolicy(cat, "logs", null,
        ClockStart.RECORD_TIME, AtTermination.DELETE, true, false, List.of(
            RetentionRule.of("LOGS.floor", cat, RuleSource.LAW, RuleKind.RETAIN, ClockStart.RECORD_TIME, Period.ofYears(1), ""),
            RetentionRule.of("LOGS.ceiling", cat, RuleSource.LAW, RuleKind.DELETE, ClockStart.CONTRACT_END, Period.ZERO, ""))))
        .build();
    ClientContext ended = ctx(event(ClientEventType.CONTRACT_END, paris("2025-02-01T00:00"), Set.of(), Set.of()));
    Decision d = new Classifier(s).classify(RecordFacts.of(ACME, cat, paris("2025-01-01T00:00"), Set.of()), ended, paris("2025-06-01T00:00"));
    assertThat(d).isEqualTo(new Decision.Keep(paris("2026-01-01T00:00"), s.rule("LOGS.floor").orElseThrow()));
  }

  @Test
  void refusesUnknownCategoryAndAnotherClientsContext_R_ACC_2() {
    assertThatThrownBy(() -> classify(CategoryId.of("UNKNOWN"), paris("2025-01-01T00:00"), ctx(), paris("2025-01-01T00:00")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNKNOWN");
    ClientContext other = ClientContext.plain(ClientId.of("other"), PARIS);
    assertThatThrownBy(() -> classify(CALL_LOG, paris("2025-01-01T00:00"), other, paris("2025-01-01T00:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void usesTheClientsZoneNotTheJvmDefault() {
    assertThat(ZoneId.systemDefault()).isNotIn(ZoneId.of("UTC"), PARIS);
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    ClientContext c = ClientContext.plain(ACME, tokyo);
    Instant t = ZonedDateTime.parse("2025-01-31T23:30+09:00[Asia/Tokyo]").toInstant();
    Decision d = classifier.classify(RecordFacts.of(ACME, WEBHOOK_LOG, t, Set.of()), c, t);
    assertThat(((Decision.Keep) d).until()).isEqualTo(ZonedDateTime.parse("2025-03-01T00:00+09:00[Asia/Tokyo]").toInstant());
    Instant t2 = ZonedDateTime.parse("2025-01-20T23:30+09:00[Asia/Tokyo]").toInstant();
    Decision d2 = classifier.classify(RecordFacts.of(ACME, WEBHOOK_LOG, t2, Set.of()), c, t2);
    assertThat(((Decision.Keep) d2).until()).isEqualTo(ZonedDateTime.parse("2025-02-20T23:30+09:00[Asia/Tokyo]").toInstant());
  }
}
