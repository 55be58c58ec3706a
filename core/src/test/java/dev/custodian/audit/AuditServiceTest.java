package dev.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.audit.AuditAssessment.Refusal;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AuditServiceTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientPrincipal ACME_ADMIN =
      ClientPrincipal.of("acme-admin", ACME, ClientRole.ADMINISTRATOR);
  private static final ProcessorPrincipal SECURITY = ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM);
  private static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  private static final String PLAN = "Scope: call recording storage; interviews; evidence sampling";

  // Monday 1 June 2026, 10:00 in Paris.
  private final MutableClock clock = MutableClock.atParis("2026-06-01T10:00");
  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final AuditService audits = new AuditService(new InMemoryStateStore(),
      new EvidenceLog(evidenceStore, clock), clock, ZoneId.of("Europe/Paris"),
      BusinessHours.FRANCE_DEFAULT, InstructingRoles.DEFAULT);

  private static LocalDateTime at(String local) {
    return LocalDateTime.parse(local);
  }

  /** Tuesday 15 September 2026, 09:30 to 17:00: a valid audit date for a request made today. */
  private AuditRequestDraft valid() {
    return AuditRequestDraft.of(ACME, at("2026-09-15T09:30"), at("2026-09-16T17:00"))
        .withAuditPlan(PLAN);
  }

  private AuditRequest submitAndApprove(AuditRequestDraft draft) {
    AuditRequest r = audits.submit(ACME_ADMIN, draft);
    return audits.approvePlan(SECURITY, r.id());
  }

  private static void assertOnlyRule(AuditAssessment a, AuditRule rule, String reasonPart) {
    assertThat(a.valid()).isFalse();
    assertThat(a.refusals()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(rule);
      assertThat(r.reason()).contains(reasonPart);
    });
  }

  @Test
  void aRequestMeetingEveryRuleIsValidAndAccepted_R_AUD_2() {
    AuditRequest r = submitAndApprove(valid());
    assertThat(audits.assess(r.id()).valid()).isTrue();
    AuditRequest decided = audits.decide(OPERATOR, r.id());
    assertThat(decided.status()).isEqualTo(AuditRequest.Status.ACCEPTED);
    assertThat(decided.refusals()).isEmpty();
    assertThatThrownBy(() -> audits.decide(OPERATOR, r.id()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ACCEPTED");
    assertThat(evidenceStore.head()).get()
        .satisfies(e -> assertThat(e.action()).isEqualTo("audit.request.accepted"));
  }

  @Test
  void aSecondAuditWithinAYearAloneMakesItInvalid_R_AUD_2() {
    clock.setParis("2025-12-01T10:00");
    AuditRequest earlier = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-03-10T09:00"), at("2026-03-10T17:00")).withAuditPlan(PLAN));
    audits.decide(OPERATOR, earlier.id());
    clock.setParis("2026-06-01T10:00");

    AuditRequest r = submitAndApprove(valid());
    assertOnlyRule(audits.assess(r.id()), AuditRule.ONE_PER_YEAR, "from 2027-03-10");
    // One year after the accepted one is fine again.
    AuditRequest later = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2027-03-10T09:00"), at("2027-03-10T17:00")).withAuditPlan(PLAN));
    assertThat(audits.assess(later.id()).valid()).isTrue();
  }

  @Test
  void aRequestNotInWritingAloneMakesItInvalid_R_AUD_2() {
    // Staff record a request the client made by telephone.
    AuditRequest r = audits.submit(OPERATOR, valid());
    audits.approvePlan(SECURITY, r.id());
    assertOnlyRule(audits.assess(r.id()), AuditRule.WRITTEN_REQUEST, "not made in writing");
    AuditRequest letter = audits.submit(OPERATOR, valid().withWrittenDocument("letter ref. 2026-117"));
    audits.approvePlan(SECURITY, letter.id());
    assertThat(audits.assess(letter.id()).valid()).isTrue();
  }

  @Test
  void lessThanSixtyDaysNoticeAloneMakesItInvalid_R_AUD_2() {
    // Received Monday 1 June; Thursday 30 July is 59 days later, Friday 31 July 60.
    AuditRequest r = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-07-30T09:00"), at("2026-07-30T17:00")).withAuditPlan(PLAN));
    assertOnlyRule(audits.assess(r.id()), AuditRule.SIXTY_DAYS_NOTICE,
        "59 days before the proposed date 2026-07-30; the earliest date for this request is 2026-07-31");
    AuditRequest ok = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-07-31T09:00"), at("2026-07-31T17:00")).withAuditPlan(PLAN));
    assertThat(audits.assess(ok.id()).valid()).isTrue();
  }

  @Test
  void theNoticeCountsFromReceptionNotFromSubmission_R_AUD_2() {
    // Staff record a letter received on 10 June: 15 September is still far enough, 5 August not.
    Instant received = MutableClock.atParis("2026-06-10T09:00").instant();
    clock.setParis("2026-06-12T09:00");
    AuditRequest r = audits.submit(OPERATOR, AuditRequestDraft.of(ACME, at("2026-08-05T09:00"),
        at("2026-08-05T12:00")).withAuditPlan(PLAN).withReceivedAt(received)
        .withWrittenDocument("registered letter"));
    audits.approvePlan(SECURITY, r.id());
    assertOnlyRule(audits.assess(r.id()), AuditRule.SIXTY_DAYS_NOTICE, "received on 2026-06-10");
  }

  @Test
  void anUnapprovedOrMissingPlanAloneMakesItInvalid_R_AUD_2() {
    AuditRequest noPlan = audits.submit(ACME_ADMIN,
        AuditRequestDraft.of(ACME, at("2026-09-15T09:30"), at("2026-09-15T17:00")));
    assertOnlyRule(audits.assess(noPlan.id()), AuditRule.APPROVED_AUDIT_PLAN, "no detailed audit plan");
    assertThatThrownBy(() -> audits.approvePlan(SECURITY, noPlan.id()))
        .isInstanceOf(IllegalStateException.class);

    AuditRequest unapproved = audits.submit(ACME_ADMIN, valid());
    assertOnlyRule(audits.assess(unapproved.id()), AuditRule.APPROVED_AUDIT_PLAN, "not approved");
    assertThatThrownBy(() -> audits.approvePlan(OPERATOR, unapproved.id()))
        .isInstanceOf(SecurityException.class).hasMessageContaining("security team");

    audits.approvePlan(SECURITY, unapproved.id());
    audits.submitPlan(ACME_ADMIN, unapproved.id(), PLAN + "; plus the office network");
    assertOnlyRule(audits.assess(unapproved.id()), AuditRule.APPROVED_AUDIT_PLAN, "not approved");
  }

  @Test
  void outsideBusinessHoursAloneMakesItInvalid_R_AUD_2() {
    AuditRequest early = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-09-15T07:30"), at("2026-09-15T12:00")).withAuditPlan(PLAN));
    assertOnlyRule(audits.assess(early.id()), AuditRule.BUSINESS_HOURS, "outside business hours");

    AuditRequest late = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-09-15T14:00"), at("2026-09-15T19:00")).withAuditPlan(PLAN));
    assertOnlyRule(audits.assess(late.id()), AuditRule.BUSINESS_HOURS, "outside business hours");

    // Armistice Day, Wednesday 11 November 2026.
    AuditRequest holiday = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-11-10T09:00"), at("2026-11-11T17:00")).withAuditPlan(PLAN));
    assertOnlyRule(audits.assess(holiday.id()), AuditRule.BUSINESS_HOURS, "2026-11-11 is not a business day");

    AuditRequest saturday = submitAndApprove(
        AuditRequestDraft.of(ACME, at("2026-09-19T10:00"), at("2026-09-19T12:00")).withAuditPlan(PLAN));
    assertOnlyRule(audits.assess(saturday.id()), AuditRule.BUSINESS_HOURS, "not a business day");
  }

  @Test
  void aCompetitorOrItsAffiliateAloneMakesItInvalid_R_AUD_2() {
    AuditRequest r = submitAndApprove(valid());
    audits.declareCompetitor(OPERATOR, ACME, CompetitorDeclaration.Relation.AFFILIATE_OF_COMPETITOR,
        "subsidiary of a cloud-telephony operator");
    assertOnlyRule(audits.assess(r.id()), AuditRule.NOT_A_COMPETITOR, "affiliate of a competitor");
    audits.declareCompetitor(OPERATOR, ACME, CompetitorDeclaration.Relation.COMPETITOR, "operator");
    assertOnlyRule(audits.assess(r.id()), AuditRule.NOT_A_COMPETITOR, "is a competitor");
    audits.withdrawCompetitorDeclaration(OPERATOR, ACME);
    assertThat(audits.assess(r.id()).valid()).isTrue();
  }

  @Test
  void aRefusalNamesEveryFailedRuleInOrder_R_AUD_2() {
    audits.declareCompetitor(OPERATOR, ACME, CompetitorDeclaration.Relation.COMPETITOR, "operator");
    AuditRequest r = audits.submit(OPERATOR,
        AuditRequestDraft.of(ACME, at("2026-06-06T08:00"), at("2026-06-06T20:00")));
    AuditRequest decided = audits.decide(OPERATOR, r.id());
    assertThat(decided.status()).isEqualTo(AuditRequest.Status.REFUSED);
    assertThat(decided.refusals()).extracting(Refusal::rule).containsExactly(
        AuditRule.WRITTEN_REQUEST, AuditRule.SIXTY_DAYS_NOTICE, AuditRule.APPROVED_AUDIT_PLAN,
        AuditRule.BUSINESS_HOURS, AuditRule.NOT_A_COMPETITOR);
    assertThat(evidenceStore.head()).get().satisfies(e -> {
      assertThat(e.action()).isEqualTo("audit.request.refused");
      assertThat(e.details().get("failed_rules")).isEqualTo(
          "WRITTEN_REQUEST,SIXTY_DAYS_NOTICE,APPROVED_AUDIT_PLAN,BUSINESS_HOURS,NOT_A_COMPETITOR");
    });
    assertThatThrownBy(() -> audits.submitPlan(ACME_ADMIN, r.id(), PLAN))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void whoMayRequestAndRead_R_ACC_1_R_ACC_2() {
    ClientPrincipal user = ClientPrincipal.of("u", ACME, ClientRole.USER);
    assertThatThrownBy(() -> audits.submit(user, valid())).isInstanceOf(SecurityException.class);
    ClientPrincipal other = ClientPrincipal.of("g", ClientId.of("globex"), ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> audits.submit(other, valid())).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> audits.submit(ACME_ADMIN, valid().withReceivedAt(Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class);
    audits.submit(ACME_ADMIN, valid());
    assertThat(audits.requests(ACME_ADMIN, ACME)).hasSize(1);
    assertThatThrownBy(() -> audits.requests(other, ACME)).isInstanceOf(SecurityException.class);
  }
}
