package dev.custodian.retention;

import static dev.custodian.terms.CategoryId.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.internal.Json;
import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each row of the RET table of REQUIREMENTS.md (DPA Annex A) against the shipped schedule: its
 * retention, what it is counted from, its behaviour at termination, and the rule that carries it.
 */
class AnnexAScheduleTest {
  private final RetentionSchedule schedule = RetentionSchedule.annexA();

  private void row(CategoryId id, Period retention, ClockStart from, AtTermination atTermination) {
    CategoryPolicy p = schedule.policy(id);
    assertThat(p.retention()).as(id + " retention").isEqualTo(retention);
    assertThat(p.countedFrom()).as(id + " counted from").isEqualTo(from);
    assertThat(p.atTermination()).as(id + " at termination").isEqualTo(atTermination);
  }

  private RetentionRule rule(String id) {
    return schedule.rule(id).orElseThrow(() -> new AssertionError("no rule " + id));
  }

  @Test
  void shipsEveryAnnexACategoryInOrder() {
    assertThat(schedule.categories()).extracting(CategoryPolicy::id).containsExactlyElementsOf(CategoryId.ANNEX_A);
    assertThat(schedule.categories()).hasSize(17);
  }

  @Test
  void companyInfo_contractThenOneYearFromContractEnd_thenDeleted_R_TERM_5() {
    row(COMPANY_INFO, Period.ofYears(1), ClockStart.CONTRACT_END, AtTermination.LEGAL_ARCHIVE_THEN_DELETE);
    assertThat(rule("COMPANY_INFO.contract")).extracting(RetentionRule::kind, RetentionRule::clock, RetentionRule::period)
        .containsExactly(RuleKind.RETAIN, ClockStart.CONTRACT_END, Period.ZERO);
    assertThat(rule("COMPANY_INFO.requisitions").period()).isEqualTo(Period.ofYears(1));
    assertThat(rule("COMPANY_INFO.archive").kind()).isEqualTo(RuleKind.RESTRICT);
    assertThat(rule("COMPANY_INFO.delete")).extracting(RetentionRule::kind, RetentionRule::clock, RetentionRule::period)
        .containsExactly(RuleKind.DELETE, ClockStart.CONTRACT_END, Period.ofYears(1));
  }

  @Test
  void callAndFaxLogs_oneYearFromTheCall_legalMinimumAndContractualMaximum_R_RET_2() {
    for (CategoryId id : List.of(CALL_LOG, FAX_LOG)) {
      row(id, Period.ofYears(1), ClockStart.RECORD_TIME, AtTermination.LEGAL_ARCHIVE_THEN_DELETE);
      assertThat(schedule.policy(id).trafficData()).isTrue();
      RetentionRule floor = rule(id + ".cpce-floor");
      RetentionRule ceiling = rule(id + ".cpce-ceiling");
      assertThat(floor.isLegalFloor()).isTrue();
      assertThat(floor.period()).isEqualTo(Period.ofYears(1));
      assertThat(floor.basis()).contains("L.34-1");
      assertThat(ceiling.isLegalCeiling()).isTrue();
      assertThat(ceiling.period()).isEqualTo(Period.ofYears(1));
      assertThat(ceiling.clock()).isEqualTo(ClockStart.RECORD_TIME);
    }
  }

  @Test
  void callRecordings_asSetByTheClient_returnedOrDeleted_R_RET_3() {
    row(CALL_RECORDING, null, ClockStart.RECORD_TIME, AtTermination.RETURN_OR_DELETE);
    assertThat(schedule.policy(CALL_RECORDING).clientSettable()).isTrue();
    assertThat(rule("CALL_RECORDING.client-retain").isClientSetting()).isTrue();
    assertThat(rule("CALL_RECORDING.client-delete").source()).isEqualTo(RuleSource.CLIENT_SETTING);
  }

  @Test
  void smsAndMmsLogs_oneYearLegal_keptToTheEndOfTwelveMonths() {
    for (CategoryId id : List.of(SMS_LOG, MMS_LOG)) {
      row(id, Period.ofYears(1), ClockStart.RECORD_TIME, AtTermination.LEGAL_ARCHIVE_THEN_DELETE);
      assertThat(schedule.policy(id).trafficData()).isTrue();
      assertThat(rule(id + ".cpce-floor").isLegalFloor()).isTrue();
    }
  }

  @Test
  void smsAndMmsContents_atMostOneYear_deletedAtTermination() {
    for (CategoryId id : List.of(SMS_CONTENT, MMS_CONTENT)) {
      row(id, Period.ofYears(1), ClockStart.RECORD_TIME, AtTermination.DELETE);
      assertThat(schedule.policy(id).trafficData()).isFalse();
      assertThat(rule(id + ".max")).extracting(RetentionRule::kind, RetentionRule::period)
          .containsExactly(RuleKind.DELETE, Period.ofYears(1));
      assertThat(rule(id + ".termination").clock()).isEqualTo(ClockStart.CONTRACT_END);
    }
  }

  @Test
  void webhookLogs_oneMonthFromTheCall_deleted() {
    row(WEBHOOK_LOG, Period.ofMonths(1), ClockStart.RECORD_TIME, AtTermination.DELETE);
    assertThat(rule("WEBHOOK_LOG.max").period()).isEqualTo(Period.ofMonths(1));
  }

  @Test
  void faxes_contractThenOneYear_thenDeleted() {
    row(FAX, Period.ofYears(1), ClockStart.CONTRACT_END, AtTermination.LEGAL_ARCHIVE_THEN_DELETE);
    assertThat(rule("FAX.delete").period()).isEqualTo(Period.ofYears(1));
  }

  @Test
  void transactionalEmails_neverStored_R_RET_4() {
    row(TRANSACTIONAL_EMAIL, null, null, AtTermination.NOT_STORED);
    assertThat(schedule.policy(TRANSACTIONAL_EMAIL).neverStored()).isTrue();
    assertThat(schedule.policy(TRANSACTIONAL_EMAIL).rules()).allMatch(r -> r.kind() == RuleKind.DELETE);
  }

  @Test
  void crmContact_threeYearsFromLastActiveExchange_notClientData() {
    row(CRM_CONTACT, Period.ofYears(3), ClockStart.LAST_ACTIVITY, AtTermination.NOT_CLIENT_DATA);
    assertThat(rule("CRM_CONTACT.inactivity").period()).isEqualTo(Period.ofYears(3));
  }

  @Test
  void manualContacts_untilTheClientDeletesThem_deleted() {
    row(CONTACT_MANUAL, null, ClockStart.CONTACT_DELETED, AtTermination.DELETE);
    assertThat(rule("CONTACT_MANUAL.client-deleted").clock()).isEqualTo(ClockStart.CONTACT_DELETED);
  }

  @Test
  void crmSyncedContacts_noneKeptOnceSyncTurnedOff_deleted() {
    row(CONTACT_CRM_SYNC, null, ClockStart.CRM_SYNC_OFF, AtTermination.DELETE);
    assertThat(rule("CONTACT_CRM_SYNC.sync-off")).extracting(RetentionRule::clock, RetentionRule::period)
        .containsExactly(ClockStart.CRM_SYNC_OFF, Period.ZERO);
  }

  @Test
  void webhookContacts_untilTheClientDeletesThem_deletedOrReturned() {
    row(CONTACT_WEBHOOK, null, ClockStart.CONTACT_DELETED, AtTermination.RETURN_OR_DELETE);
  }

  @Test
  void transcriptions_asSetByTheAdministrator_returnedOrDeleted_R_RET_3() {
    row(TRANSCRIPTION, null, ClockStart.RECORD_TIME, AtTermination.RETURN_OR_DELETE);
    assertThat(schedule.policy(TRANSCRIPTION).clientSettable()).isTrue();
  }

  @Test
  void ssoUserId_contractDuration_deleted() {
    row(SSO_USER_ID, null, ClockStart.CONTRACT_END, AtTermination.DELETE);
    assertThat(rule("SSO_USER_ID.contract")).extracting(RetentionRule::kind, RetentionRule::period)
        .containsExactly(RuleKind.DELETE, Period.ZERO);
  }

  @Test
  void ruleIdsAreStableAndPrefixedByTheirCategory() {
    for (CategoryPolicy p : schedule.categories()) {
      assertThat(p.rules()).isNotEmpty().allMatch(r -> r.id().startsWith(p.id().value() + "."));
    }
  }

  @Test
  void floorAboveCeilingIsRejectedAtBuildNamingBothRules() {
    RetentionSchedule.Builder b = schedule.toBuilder()
        .rule(RetentionRule.of("CALL_LOG.cpce-floor", CALL_LOG, RuleSource.LAW, RuleKind.RETAIN,
            ClockStart.RECORD_TIME, Period.ofMonths(13), "too long"));
    assertThatThrownBy(b::build).isInstanceOf(ScheduleConflictException.class)
        .hasMessageContaining("CALL_LOG.cpce-floor").hasMessageContaining("CALL_LOG.cpce-ceiling");
  }

  @Test
  void floorAboveCeilingOnSomeDaysOnlyIsStillRejected() {
    // 12 months vs 365 days: from 1 March 2023, 12 months end a day after 365 days (2024 is leap).
    RetentionSchedule.Builder b = schedule.toBuilder()
        .rule(RetentionRule.of("CALL_LOG.cpce-ceiling", CALL_LOG, RuleSource.LAW, RuleKind.DELETE,
            ClockStart.RECORD_TIME, Period.ofDays(365), "365 days"));
    assertThatThrownBy(b::build).isInstanceOf(ScheduleConflictException.class);
  }

  @Test
  void hostAddsACategoryAndOverridesARule() {
    CategoryId voicemail = CategoryId.of("VOICEMAIL");
    RetentionSchedule custom = schedule.toBuilder()
        .category(new CategoryPolicy(voicemail, "Voicemail audio", Period.ofDays(90),
            ClockStart.RECORD_TIME, AtTermination.RETURN_OR_DELETE, false, false, List.of(
                RetentionRule.of("VOICEMAIL.max", voicemail, RuleSource.CONTRACT, RuleKind.DELETE,
                    ClockStart.RECORD_TIME, Period.ofDays(90), "host policy"))))
        .rule(RetentionRule.of("WEBHOOK_LOG.max", WEBHOOK_LOG, RuleSource.CONTRACT, RuleKind.DELETE,
            ClockStart.RECORD_TIME, Period.ofDays(14), "shorter"))
        .build();
    assertThat(custom.policy(voicemail).rules()).hasSize(1);
    assertThat(custom.rule("WEBHOOK_LOG.max").orElseThrow().period()).isEqualTo(Period.ofDays(14));
    assertThat(schedule.rule("WEBHOOK_LOG.max").orElseThrow().period()).isEqualTo(Period.ofMonths(1));
  }

  @Test
  void aContractualPeriodChangesTheRulesAndTheStatedRetentionTogether() {
    RetentionSchedule custom = schedule.toBuilder()
        .contractualPeriod(WEBHOOK_LOG, Period.ofDays(14))
        .contractualPeriod(COMPANY_INFO, Period.ofMonths(6))
        .build();
    assertThat(custom.policy(WEBHOOK_LOG).retention()).isEqualTo(Period.ofDays(14));
    assertThat(custom.rule("WEBHOOK_LOG.max").orElseThrow().period()).isEqualTo(Period.ofDays(14));
    assertThat(custom.rule("WEBHOOK_LOG.max").orElseThrow().basis())
        .contains("period set by the processor: P14D");
    // A rule acting at an event keeps its zero period.
    assertThat(custom.rule("WEBHOOK_LOG.termination").orElseThrow().period()).isEqualTo(Period.ZERO);
    assertThat(custom.policy(COMPANY_INFO).retention()).isEqualTo(Period.ofMonths(6));
    assertThat(custom.rule("COMPANY_INFO.requisitions").orElseThrow().period())
        .isEqualTo(Period.ofMonths(6));
    assertThat(custom.rule("COMPANY_INFO.delete").orElseThrow().period())
        .isEqualTo(Period.ofMonths(6));
    assertThat(custom.rule("COMPANY_INFO.contract").orElseThrow().period()).isEqualTo(Period.ZERO);
    assertThat(schedule.policy(WEBHOOK_LOG).retention()).isEqualTo(Period.ofMonths(1));
  }

  @Test
  void legalPeriodsAndClientSetDurationsAreNotContractual_R_RET_2_R_RET_3() {
    for (CategoryId id : List.of(CALL_LOG, SMS_LOG, CALL_RECORDING, TRANSCRIPTION)) {
      assertThatThrownBy(() -> schedule.toBuilder().contractualPeriod(id, Period.ofMonths(3)))
          .as(id.value()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(id.value()).hasMessageContaining("no contractual period");
    }
    assertThatThrownBy(() -> schedule.toBuilder().contractualPeriod(WEBHOOK_LOG, Period.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> schedule.toBuilder()
        .contractualPeriod(CategoryId.of("PIGEON_POST"), Period.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the schedule");
  }

  @Test
  void ruleOnAnUnknownCategoryIsRefused() {
    assertThatThrownBy(() -> RetentionSchedule.builder().rule(RetentionRule.of("X.y", CategoryId.of("X"),
        RuleSource.CONTRACT, RuleKind.DELETE, ClockStart.RECORD_TIME, Period.ZERO, "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add the category first");
  }

  @Test
  void neverStoredCategoryCannotHaveARetainRule() {
    RetentionSchedule.Builder b = schedule.toBuilder().rule(RetentionRule.of("TRANSACTIONAL_EMAIL.keep",
        TRANSACTIONAL_EMAIL, RuleSource.CONTRACT, RuleKind.RETAIN, ClockStart.RECORD_TIME, Period.ofDays(1), ""));
    assertThatThrownBy(b::build).isInstanceOf(ScheduleConflictException.class)
        .hasMessageContaining("TRANSACTIONAL_EMAIL.keep");
  }

  @Test
  void policiesRenderAsJsonWithIsoPeriodsAndEnums() {
    String json = Json.write(schedule.policy(CALL_LOG));
    assertThat(json).contains("\"retention\":\"P1Y\"").contains("\"countedFrom\":\"RECORD_TIME\"")
        .contains("\"atTermination\":\"LEGAL_ARCHIVE_THEN_DELETE\"").contains("\"id\":\"CALL_LOG\"");
    assertThat(Json.read(json, CategoryPolicy.class)).isEqualTo(schedule.policy(CALL_LOG));
  }
}
