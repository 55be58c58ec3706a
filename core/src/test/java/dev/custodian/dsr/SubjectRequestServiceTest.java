package dev.custodian.dsr;

import static dev.custodian.dsr.World.ACME;
import static dev.custodian.dsr.World.GLOBEX;
import static dev.custodian.dsr.World.JANE_EMAIL;
import static dev.custodian.dsr.World.JANE_PHONE;
import static dev.custodian.dsr.World.NOBODY;
import static dev.custodian.dsr.World.OFFICER;
import static dev.custodian.dsr.World.OPERATOR;
import static dev.custodian.dsr.World.PRIVACY;
import static dev.custodian.dsr.World.SECURITY;
import static dev.custodian.dsr.World.admin;
import static dev.custodian.dsr.World.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.instruction.Condition;
import dev.custodian.instruction.VerifiedInstruction;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.Verification;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.SubjectResponse;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectRequestServiceTest {
  private final World w = new World();

  private SubjectCase openCase(SubjectRight right) {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(ACME, CategoryId.CALL_RECORDING, JANE_PHONE);
    SubjectRequest r = w.dsr().receive(OPERATOR,
        SubjectRequestIntake.of(right, RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE));
    return w.dsr().findCase(OPERATOR, r.cases().get(0).caseId()).orElseThrow();
  }

  private List<String> actions() {
    return w.evidenceStore.readAll(1, 10_000).stream().map(EvidenceEntry::action).toList();
  }

  @Test
  void intakeRoutesToTheClientAndNotifiesItPromptly_R_DSR_1_R_DSR_2() {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    SubjectRequest r = w.dsr().receive(OPERATOR,
        SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.WEB_FORM, w.clock.instant(),
            JANE_PHONE, JANE_EMAIL).withReference("TCK-1"));

    assertThat(r.state()).isEqualTo(SubjectRequest.State.ROUTED);
    assertThat(r.cases()).extracting(SubjectRequest.CaseRef::client).containsExactly(ACME);
    SubjectCase c = w.dsr().findCase(OPERATOR, r.cases().get(0).caseId()).orElseThrow();
    assertThat(c.state()).isEqualTo(SubjectCase.State.OPEN);
    assertThat(c.subjects()).containsExactly(JANE_PHONE); // the e-mail is not in ACME's data
    assertThat(c.located()).containsEntry(CategoryId.CALL_LOG, 1L);
    ClientNotice.SubjectRequest notice = (ClientNotice.SubjectRequest) w.notifier.notices().get(0);
    assertThat(notice.client()).isEqualTo(ACME);
    assertThat(notice.caseId()).isEqualTo(c.id());
    assertThat(notice.right()).isEqualTo(SubjectRight.ACCESS);
    assertThat(notice.legalDueDate()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(actions()).containsSubsequence("dsr.request.received", "dsr.request.routed",
        "dsr.case.opened", "dsr.case.notified");
  }

  @Test
  void intakeNeedsProcessorStaffAndValidInput_R_DSR_1() {
    assertThatThrownBy(() -> w.dsr().receive(SECURITY, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE)))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> w.dsr().receive(OPERATOR, new SubjectRequestIntake(
        SubjectRight.ACCESS, Set.of(), RequestChannel.EMAIL, w.clock.instant(), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifiers");
    assertThatThrownBy(() -> w.dsr().receive(OPERATOR, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE)
        .withReference("call back jane.doe@example.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference")
        .hasMessageNotContaining("jane");
    assertThatThrownBy(() -> w.dsr().receive(OPERATOR, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, w.clock.instant().plusSeconds(60), JANE_PHONE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
    assertThat(w.stateStore.list("dsr.request", null)).isEmpty();
  }

  @Test
  void unmatchedRequestIsRecordedAndEscalatedWithNothingDisclosed_R_DSR_7() {
    SubjectRequest r = w.dsr().receive(PRIVACY, SubjectRequestIntake.of(
        SubjectRight.ERASURE, RequestChannel.POSTAL_MAIL, w.clock.instant(), NOBODY));

    assertThat(r.state()).isEqualTo(SubjectRequest.State.UNMATCHED);
    assertThat(r.escalatedAt()).isEqualTo(w.clock.instant());
    assertThat(r.cases()).isEmpty();
    assertThat(w.notifier.notices()).isEmpty();
    assertThat(w.notifier.escalations()).containsExactly(new Escalation(
        Escalation.Reason.UNMATCHED_SUBJECT_REQUEST, r.id(), null, r.receivedAt()));
    assertThat(actions()).containsSubsequence("dsr.request.received", "dsr.request.unmatched",
        "dsr.request.escalated");
    assertThat(w.stateStore.list("dsr.case", null)).isEmpty();
  }

  @Test
  void failedEscalationOfAnUnmatchedRequestIsRetried_R_DSR_7() {
    w.notifier.failNext(1);
    SubjectRequest r = w.dsr().receive(PRIVACY, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, w.clock.instant(), NOBODY));
    assertThat(r.escalatedAt()).isNull();

    List<Escalation> sent = w.dsr().escalateOverdue();

    assertThat(sent).extracting(Escalation::reference).containsExactly(r.id());
    assertThat(w.dsr().request(PRIVACY, r.id()).orElseThrow().escalatedAt()).isNotNull();
    assertThat(w.dsr().escalateOverdue()).isEmpty();
  }

  @Test
  void aFailedNotificationStaysPendingThenIsOverdueVisibleAndEscalatedOnce_R_DSR_2() {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.notifier.failNext(1);
    SubjectRequest r = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE));
    String caseId = r.cases().get(0).caseId();
    assertThat(w.dsr().findCase(OPERATOR, caseId).orElseThrow().state())
        .isEqualTo(SubjectCase.State.AWAITING_NOTIFICATION);
    assertThat(w.dsr().overdueNotifications(PRIVACY)).isEmpty();

    w.advance(Duration.ofHours(25));
    assertThat(w.dsr().overdueNotifications(PRIVACY)).extracting(SubjectCase::id)
        .containsExactly(caseId);
    w.notifier.failNext(1); // the retry fails too
    assertThat(w.dsr().notifyPending()).isZero();
    List<Escalation> escalated = w.dsr().escalateOverdue();
    assertThat(escalated).containsExactly(new Escalation(
        Escalation.Reason.CLIENT_NOTIFICATION_OVERDUE, caseId, ACME, r.receivedAt().plus(
            Duration.ofHours(24))));
    assertThat(w.dsr().escalateOverdue()).isEmpty();

    assertThat(w.dsr().notifyPending()).isEqualTo(1);
    assertThat(w.dsr().overdueNotifications(PRIVACY)).isEmpty();
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action().equals("dsr.case.notified"))
        .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("late", "true"));
    assertThatThrownBy(() -> w.dsr().overdueNotifications(SECURITY))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void anOverdueNotificationIsEscalatedOnlyOnceTheEscalationDelayHasPassed_R_DSR_2() {
    World late = new World(Duration.ofHours(24), Duration.ofHours(2));
    late.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    late.notifier.failNext(1);
    SubjectRequest r = late.dsr().receive(OPERATOR, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, late.clock.instant(), JANE_PHONE));
    String caseId = r.cases().get(0).caseId();
    Instant notifyBy = r.receivedAt().plus(Duration.ofHours(24));

    // Overdue, and shown as such, from the deadline on...
    late.clock.set(notifyBy.plusSeconds(1));
    assertThat(late.dsr().overdueNotifications(PRIVACY)).extracting(SubjectCase::id)
        .containsExactly(caseId);
    // ...but escalated only once it is late by the delay.
    assertThat(late.dsr().escalateOverdue()).isEmpty();
    late.clock.set(notifyBy.plus(Duration.ofHours(2)).minusSeconds(1));
    assertThat(late.dsr().escalateOverdue()).isEmpty();
    assertThat(late.notifier.escalations()).isEmpty();

    late.clock.set(notifyBy.plus(Duration.ofHours(2)));
    assertThat(late.dsr().escalateOverdue()).containsExactly(new Escalation(
        Escalation.Reason.CLIENT_NOTIFICATION_OVERDUE, caseId, ACME, notifyBy));
    assertThat(late.dsr().escalateOverdue()).isEmpty();
    assertThat(late.notifier.escalations()).hasSize(1);
    assertThat(late.evidenceStore.readAll(1, 1000))
        .filteredOn(e -> e.action().equals("dsr.case.notification_escalated"))
        .singleElement().satisfies(e -> assertThat(e.details())
            .containsEntry("case", caseId).containsEntry("escalation_delay", "PT2H"));
  }

  @Test
  void theEscalationDelayIsZeroByDefaultAndNeverNegative_R_DSR_2() {
    assertThat(SubjectRequestService.DEFAULT_ESCALATION_DELAY).isZero();
    assertThatThrownBy(() -> dev.custodian.Custodian.builder()
        .notificationEscalationDelay(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escalation delay");
    World w0 = new World(Duration.ofHours(24), Duration.ZERO);
    w0.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w0.notifier.failNext(1);
    SubjectRequest r = w0.dsr().receive(OPERATOR, SubjectRequestIntake.of(
        SubjectRight.ACCESS, RequestChannel.EMAIL, w0.clock.instant(), JANE_PHONE));
    // With no delay, the first check at the deadline escalates.
    w0.clock.set(r.receivedAt().plus(Duration.ofHours(24)));
    assertThat(w0.dsr().escalateOverdue()).hasSize(1);
  }

  @Test
  void twoNodesNotifyingAtOnceNeitherFailsNorLosesTheNotice_R_DSR_2() {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.notifier.failNext(1);
    String caseId = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE)).cases().get(0).caseId();
    boolean[] reentered = {false};
    // A second node on the same stores; while it delivers, the first node notifies the same case.
    SubjectRequestService otherNode = dev.custodian.Custodian.builder().clock(w.clock)
        .stateStore(w.stateStore).evidenceStore(w.evidenceStore).hostData(w.hostData)
        .pseudonymizationKey("a test key that is long enough for hmac".getBytes(
            StandardCharsets.UTF_8))
        .escalationChannel(w.notifier).responder(w.responder)
        .requestNotifier(notice -> {
          if (!reentered[0]) {
            reentered[0] = true;
            assertThat(w.dsr().notifyPending()).isEqualTo(1);
          }
        }).build().subjectRequests();

    assertThat(otherNode.notifyPending()).isZero(); // its update lost the race, without failing

    assertThat(w.dsr().findCase(OPERATOR, caseId).orElseThrow().state())
        .isEqualTo(SubjectCase.State.OPEN);
    assertThat(w.notifier.noticesFor(ACME)).hasSize(1);
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action()
        .equals("dsr.case.notified")).hasSize(1);
  }

  @Test
  void noActionBeforeTheClientIsNotified() {
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.notifier.failNext(1);
    SubjectRequest r = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(
        SubjectRight.ERASURE, RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE));
    String caseId = r.cases().get(0).caseId();
    Instruction i = w.dsr().instruct(admin(ACME), caseId,
        w.instruction(admin(ACME), InstructedAction.ERASE, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));

    assertThatThrownBy(() -> w.dsr().erase(OPERATOR, caseId, i.id(), Set.of(CategoryId.CALL_LOG)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWAITING_NOTIFICATION")
        .hasMessageContaining("not been notified");
    assertThat(w.hostData.size()).isEqualTo(1);
    assertThat(actions()).contains("dsr.erase.refused");
  }

  @Test
  void exportIsProducedForTheClientOnlyOnAnInstruction_R_DSR_4() {
    SubjectCase c = openCase(SubjectRight.PORTABILITY);
    assertThatThrownBy(() -> w.dsr().exportForClient(admin(ACME), c.id(), "ins-none",
        Set.of(CategoryId.CALL_LOG))).isInstanceOf(InstructionRefusedException.class);

    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.EXPORT, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));
    SubjectExport x = w.dsr().exportForClient(admin(ACME), c.id(), i.id(),
        Set.of(CategoryId.CALL_LOG));

    assertThat(x.records()).hasSize(2).allSatisfy(h -> assertThat(h.category())
        .isEqualTo(CategoryId.CALL_LOG));
    assertThat(x.toJson()).contains("\"CALL_LOG\"").contains(JANE_PHONE.value());
    assertThat(x.toString()).doesNotContain(JANE_PHONE.value());
    assertThat(w.responder.subjectResponses()).isEmpty();
    assertThat(actions()).contains("dsr.export.refused", "dsr.export.produced");
  }

  @Test
  void erasureGoesThroughTheDeletionGateAndSparesHeldRecords_R_DSR_4_R_HOLD_2() {
    SubjectCase c = openCase(SubjectRight.ERASURE);
    w.record(ACME, CategoryId.CONTACT_MANUAL, JANE_PHONE);
    w.record(ACME, CategoryId.CONTACT_MANUAL, JANE_PHONE);
    HostRecord other = w.record(ACME, CategoryId.CONTACT_MANUAL, World.JOHN_MOBILE);
    w.custodian.holds().place(OFFICER, ACME, Set.of(JANE_PHONE),
        Set.of(CategoryId.CALL_RECORDING), null, null, "requisition 2026-17");
    Instruction i = w.dsr().instruct(admin(ACME), c.id(), w.instruction(admin(ACME),
        InstructedAction.ERASE, CategoryId.CONTACT_MANUAL, CategoryId.CALL_RECORDING));
    w.advance(Duration.ofMinutes(1));

    ErasureReport report = w.dsr().erase(OPERATOR, c.id(), i.id(),
        Set.of(CategoryId.CONTACT_MANUAL, CategoryId.CALL_RECORDING));

    assertThat(report.deleted()).containsEntry(CategoryId.CONTACT_MANUAL, 2L)
        .containsEntry(CategoryId.CALL_RECORDING, 0L);
    assertThat(report.held()).containsEntry(CategoryId.CALL_RECORDING, 1L)
        .containsEntry(CategoryId.CONTACT_MANUAL, 0L);
    assertThat(report.deferred()).isEmpty();
    // Jane's two call logs (not asked), the held recording and John's contact remain.
    assertThat(w.hostData.size()).isEqualTo(4);
    assertThat(w.hostData.contains(CategoryId.CONTACT_MANUAL, other.id())).isTrue();
    SubjectCase after = w.dsr().findCase(OPERATOR, c.id()).orElseThrow();
    assertThat(after.erasure()).isNull();
    assertThat(after.steps()).extracting(SubjectCase.Step::action)
        .containsExactly(InstructedAction.ERASE);
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action()
        .equals("dsr.erasure.batch")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.basis()).isEqualTo(i.id()));
  }

  @Test
  void trafficDataTheLawKeepsIsDeferredNotErasedNorSilentlyKept_R_DSR_4_R_RET_2() {
    SubjectCase c = openCase(SubjectRight.ERASURE); // two call logs of an hour ago
    HostRecord old = new HostRecord(CategoryId.CALL_LOG, ACME, "old-call",
        w.clock.instant().minus(Duration.ofDays(400)), Set.of(JANE_PHONE), Map.of());
    w.hostData.put(old);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(), w.instruction(admin(ACME),
        InstructedAction.ERASE, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));

    ErasureReport report = w.dsr().erase(OPERATOR, c.id(), i.id(), Set.of(CategoryId.CALL_LOG));

    assertThat(report.deleted()).containsEntry(CategoryId.CALL_LOG, 1L); // past the legal year
    assertThat(report.deferred()).containsEntry(CategoryId.CALL_LOG, 2L);
    assertThat(report.deferredUntil().get(CategoryId.CALL_LOG))
        .isAfter(w.clock.instant().plus(Duration.ofDays(364)));
    assertThat(w.hostData.contains(CategoryId.CALL_LOG, old.id())).isFalse();
    assertThat(w.hostData.findSubject(ACME, Set.of(JANE_PHONE))).filteredOn(r -> r.category()
        .equals(CategoryId.CALL_LOG)).hasSize(2);
    // The deferral is the retention duty's to carry out, and is evidence under the instruction.
    assertThat(w.custodian.retention().events().active(OPERATOR, ACME)).singleElement()
        .satisfies(e -> assertThat(e.basis()).isEqualTo(i.id()));
    assertThat(w.evidenceStore.readAll(1, 1000)).extracting(EvidenceEntry::action)
        .contains("retention.deletion.deferred");
  }

  @Test
  void theLegalClockCountsDaysInTheClientsRetentionZone_R_DSR_8() {
    w.clock.set(java.time.Instant.parse("2026-03-01T01:00:00Z")); // 28 February in Sao Paulo
    w.custodian.retention().setZone(OPERATOR, GLOBEX, java.time.ZoneId.of("America/Sao_Paulo"));
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(GLOBEX, CategoryId.CALL_LOG, JANE_PHONE);
    SubjectRequest r = w.dsr().receive(OPERATOR, SubjectRequestIntake.of(SubjectRight.ACCESS,
        RequestChannel.EMAIL, w.clock.instant(), JANE_PHONE));
    assertThat(w.dsr().cases(admin(ACME), ACME).get(0).clock().dueDate())
        .isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(w.dsr().cases(admin(GLOBEX), GLOBEX).get(0).clock().dueDate())
        .isEqualTo(LocalDate.of(2026, 3, 28));
    assertThat(r.cases()).hasSize(2);
  }

  @Test
  void anErasureNeedsAnInstructionThatCoversEveryCategory_R_DSR_3() {
    SubjectCase c = openCase(SubjectRight.ERASURE);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.ERASE, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));

    assertThatThrownBy(() -> w.dsr().erase(OPERATOR, c.id(), i.id(),
        Set.of(CategoryId.CALL_LOG, CategoryId.CALL_RECORDING)))
        .isInstanceOf(InstructionRefusedException.class)
        .satisfies(e -> assertThat(((Verification.Refused) ((InstructionRefusedException) e)
            .verification()).failed()).containsExactly(Condition.SPECIFIC));
    assertThat(w.hostData.size()).isEqualTo(3);
  }

  @Test
  void restrictionKeepsTheDataButMarksItRestricted_R_DSR_4() {
    SubjectCase c = openCase(SubjectRight.RESTRICTION);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.RESTRICT, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));

    assertThat(w.dsr().restrict(OPERATOR, c.id(), i.id(), Set.of(CategoryId.CALL_LOG))).isEqualTo(2);
    assertThat(w.hostData.size()).isEqualTo(3);
    assertThat(w.hostData.findSubject(ACME, Set.of(JANE_PHONE))).filteredOn(r -> r.category()
        .equals(CategoryId.CALL_LOG)).allSatisfy(r -> assertThat(w.hostData.isRestricted(
            r.category(), r.id())).isTrue());
    assertThat(w.hostData.findSubject(ACME, Set.of(JANE_PHONE))).filteredOn(r -> r.category()
        .equals(CategoryId.CALL_RECORDING)).allSatisfy(r -> assertThat(w.hostData.isRestricted(
            r.category(), r.id())).isFalse());
  }

  @Test
  void rectificationGoesThroughTheHostForTheSubjectsOwnRecordsOnly_R_DSR_4() {
    SubjectCase c = openCase(SubjectRight.RECTIFICATION);
    HostRecord johns = w.record(ACME, CategoryId.CALL_LOG, World.JOHN_MOBILE);
    HostRecord janes = w.hostData.findSubject(ACME, Set.of(JANE_PHONE)).get(0);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.RECTIFY, janes.category()));
    w.advance(Duration.ofMinutes(1));

    assertThatThrownBy(() -> w.dsr().rectify(OPERATOR, c.id(), i.id(),
        List.of(new Correction(johns.category(), johns.id(), Map.of("duration", "1")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of the subject");
    assertThat(w.dsr().rectify(OPERATOR, c.id(), i.id(),
        List.of(new Correction(janes.category(), janes.id(), Map.of("duration", "7")))))
        .isEqualTo(1);
    assertThat(w.hostData.findSubject(ACME, Set.of(JANE_PHONE))).filteredOn(r -> r.id()
        .equals(janes.id())).singleElement().satisfies(r -> assertThat(r.fields())
            .containsEntry("duration", "7"));
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action()
        .equals("dsr.rectification.applied")).singleElement().satisfies(e -> assertThat(
            e.details()).containsEntry("fields", "[duration]").doesNotContainValue("7"));
  }

  @Test
  void theSubjectIsAnsweredOnlyThroughTheResponderWithAVerifiedInstruction_R_DSR_3() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    ClientPrincipal admin = admin(ACME);
    SubjectAnswer answer = SubjectAnswer.withData("Here is your data.", CategoryId.CALL_LOG);
    assertThatThrownBy(() -> w.dsr().respond(OPERATOR, c.id(), null, answer))
        .isInstanceOf(InstructionRefusedException.class)
        .hasMessageContaining("no instruction");
    Instruction i = w.dsr().instruct(admin, c.id(),
        w.instruction(admin, InstructedAction.RESPOND_TO_SUBJECT, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(5));

    SubjectCase answered = w.dsr().respond(OPERATOR, c.id(), i.id(), answer);

    assertThat(answered.state()).isEqualTo(SubjectCase.State.RESPONDED);
    SubjectResponse sent = w.responder.subjectResponses().get(0);
    assertThat(sent.caseId()).isEqualTo(c.id());
    assertThat(sent.recipient()).containsExactly(JANE_PHONE);
    assertThat(sent.data()).hasSize(2);
    assertThat(sent.authorization()).isInstanceOfSatisfying(VerifiedInstruction.class,
        v -> assertThat(v.instruction().id()).isEqualTo(i.id()));
    assertThat(sent.responseId()).isEqualTo(answered.response().responseId());
    EvidenceEntry e = w.evidenceStore.readAll(1, 1000).stream()
        .filter(x -> x.action().equals("dsr.response.sent")).findFirst().orElseThrow();
    assertThat(e.basis()).isEqualTo(i.id());
    assertThat(e.actor()).isEqualTo(OPERATOR.id());
    assertThat(e.client()).isEqualTo(ACME);

    assertThatThrownBy(() -> w.dsr().respond(OPERATOR, c.id(), i.id(), answer))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("RESPONDED");
    assertThat(w.responder.subjectResponses()).hasSize(1);
  }

  @Test
  void aFailedResponderKeepsTheCaseRespondingAndARetryResendsTheSameResponse_R_DSR_3() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.RESPOND_TO_SUBJECT));
    w.advance(Duration.ofMinutes(1));
    int[] calls = {0};
    // The same stores, with a responder whose first delivery fails.
    dev.custodian.Custodian c2 = dev.custodian.Custodian.builder().clock(w.clock)
        .stateStore(w.stateStore).evidenceStore(w.evidenceStore).hostData(w.hostData)
        .pseudonymizationKey("a test key that is long enough for hmac".getBytes(
            StandardCharsets.UTF_8))
        .requestNotifier(w.notifier).escalationChannel(w.notifier)
        .responder(new dev.custodian.spi.Responder() {
          @Override
          public void answerSubject(SubjectResponse response) {
            if (calls[0]++ == 0) {
              throw new IllegalStateException("mail server down");
            }
            w.responder.answerSubject(response);
          }

          @Override
          public void answerAuthority(dev.custodian.spi.AuthorityResponse response) {}
        }).build();

    assertThatThrownBy(() -> c2.subjectRequests().respond(OPERATOR, c.id(), i.id(),
        SubjectAnswer.message("Done."))).hasMessageContaining("mail server down");
    SubjectCase stuck = c2.subjectRequests().findCase(OPERATOR, c.id()).orElseThrow();
    assertThat(stuck.state()).isEqualTo(SubjectCase.State.RESPONDING);

    SubjectCase done = c2.subjectRequests().respond(OPERATOR, c.id(), i.id(),
        SubjectAnswer.message("Done."));
    assertThat(done.state()).isEqualTo(SubjectCase.State.RESPONDED);
    assertThat(w.responder.subjectResponses()).singleElement().extracting(
        SubjectResponse::responseId).isEqualTo(stuck.response().responseId());
    assertThat(actions()).contains("dsr.response.failed", "dsr.response.sent");
  }

  @Test
  void aUserWithoutAnInstructingRoleCannotActEvenWithAValidInstruction_R_ACC_1() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.RESPOND_TO_SUBJECT));
    w.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> w.dsr().respond(user(ACME), c.id(), i.id(),
        SubjectAnswer.message("Hi"))).isInstanceOf(SecurityException.class);
    assertThat(w.responder.subjectResponses()).isEmpty();
    assertThat(actions()).contains("dsr.respond_to_subject.refused");
  }

  @Test
  void legalClockExtendsPausesAndResumesWithReasons_R_DSR_8() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    assertThat(c.clock().dueDate()).isEqualTo(LocalDate.of(2026, 2, 28));

    SubjectCase extended = w.dsr().extend(admin(ACME), c.id(), 2, "complex request, many records");
    assertThat(extended.clock().dueDate()).isEqualTo(LocalDate.of(2026, 4, 30));
    assertThatThrownBy(() -> w.dsr().extend(admin(ACME), c.id(), 1, "more"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("two months");

    w.dsr().pause(admin(ACME), c.id(), "waiting for proof of identity");
    assertThatThrownBy(() -> w.dsr().pause(admin(ACME), c.id(), "again"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already paused");
    w.advance(Duration.ofDays(3));
    SubjectCase resumed = w.dsr().resume(admin(ACME), c.id(), "identity confirmed");
    assertThat(resumed.clock().dueDate()).isEqualTo(LocalDate.of(2026, 5, 3));
    assertThatThrownBy(() -> w.dsr().resume(admin(ACME), c.id(), "again"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not paused");
    assertThatThrownBy(() -> w.dsr().pause(user(ACME), c.id(), "nope"))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> w.dsr().pause(admin(ACME), c.id(), " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(actions()).contains("dsr.clock.extended", "dsr.clock.paused", "dsr.clock.resumed");
  }

  @Test
  void anExtensionMustBeDecidedWithinTheFirstMonth_R_DSR_8() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    w.advance(Duration.ofDays(29));
    assertThatThrownBy(() -> w.dsr().extend(PRIVACY, c.id(), 1, "too late"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("first month");
  }

  @Test
  void closingEndsTheCaseAndLaterActionsFailClearly() {
    SubjectCase c = openCase(SubjectRight.OBJECTION);
    Instruction i = w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.RESPOND_TO_SUBJECT));
    SubjectCase closed = w.dsr().close(admin(ACME), c.id(), "client answered the subject itself");
    assertThat(closed.state()).isEqualTo(SubjectCase.State.CLOSED);
    w.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> w.dsr().respond(OPERATOR, c.id(), i.id(), SubjectAnswer.message("x")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
    assertThatThrownBy(() -> w.dsr().close(admin(ACME), c.id(), "again"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
    assertThatThrownBy(() -> w.dsr().instruct(admin(ACME), c.id(),
        w.instruction(admin(ACME), InstructedAction.ERASE)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> w.dsr().extend(admin(ACME), c.id(), 1, "late"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void locateReportsCountsToReadersOnlyAndLeavesEvidence_R_DSR_4() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    ClientPrincipal supervisor = ClientPrincipal.of("acme-sup", ACME, ClientRole.SUPERVISOR);
    assertThat(w.dsr().locate(supervisor, c.id())).containsEntry(CategoryId.CALL_LOG, 2L)
        .containsEntry(CategoryId.CALL_RECORDING, 1L);
    // Refused outright since issue 15's access matrix (was: reads as absent).
    assertThatThrownBy(() -> w.dsr().locate(user(ACME), c.id()))
        .isInstanceOf(SecurityException.class);
    assertThat(actions()).contains("dsr.case.located");
  }

  @Test
  void evidenceNamesSubjectsOnlyByPseudonym_R_EVID_2() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    Pseudonymizer p = w.custodian.pseudonymizer();
    EvidenceEntry opened = w.evidenceStore.readAll(1, 100).stream()
        .filter(e -> e.action().equals("dsr.case.opened")).findFirst().orElseThrow();
    assertThat(opened.details().get("subjects")).isEqualTo("[" + p.pseudonym(JANE_PHONE) + "]");
    assertThat(opened.client()).isEqualTo(ACME);
    assertThat(opened.details()).containsEntry("case", c.id());
    assertThat(w.custodian.evidence().verify().valid()).isTrue();
  }

  @Test
  void instructionsRecordedByStaffOnTheAuthorsBehalfVerify_R_DSR_3() {
    SubjectCase c = openCase(SubjectRight.ACCESS);
    InstructionDraft d = w.instruction(admin(ACME), InstructedAction.RESPOND_TO_SUBJECT);
    Instruction i = w.dsr().instruct(OPERATOR, c.id(), d);
    assertThat(i.recordedBy()).isEqualTo(OPERATOR.id());
    assertThat(i.author()).isEqualTo(admin(ACME));
    w.advance(Duration.ofMinutes(1));
    assertThat(w.dsr().check(OPERATOR, c.id(), i.id(), InstructedAction.RESPOND_TO_SUBJECT,
        Set.of()).verified()).isTrue();
    assertThatThrownBy(() -> w.dsr().instruct(SECURITY, c.id(), d))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> w.dsr().instruct(user(ACME), c.id(), d))
        .isInstanceOf(SecurityException.class).hasMessageContaining("themselves");
  }

  @Test
  void storedCasesSurviveAJsonRoundTrip() {
    w.record(GLOBEX, CategoryId.SMS_LOG, JANE_EMAIL);
    SubjectCase c = openCase(SubjectRight.ACCESS);
    SubjectCase again = w.dsr().findCase(OPERATOR, c.id()).orElseThrow();
    assertThat(again).isEqualTo(c);
    assertThat(again.located()).containsOnlyKeys(CategoryId.CALL_LOG, CategoryId.CALL_RECORDING);
  }
}
