package dev.custodian.authority;

import static dev.custodian.dsr.World.ACME;
import static dev.custodian.dsr.World.GLOBEX;
import static dev.custodian.dsr.World.JANE_PHONE;
import static dev.custodian.dsr.World.OFFICER;
import static dev.custodian.dsr.World.OPERATOR;
import static dev.custodian.dsr.World.PRIVACY;
import static dev.custodian.dsr.World.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.dsr.World;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.instruction.Condition;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.LegalCompulsion;
import dev.custodian.instruction.Verification;
import dev.custodian.instruction.VerifiedInstruction;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.AuthorityResponse;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.Escalation;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorityRequestServiceTest {
  private final World w = new World();
  private AuthorityRequestService authorities;

  @BeforeEach
  void data() {
    authorities = w.custodian.authorityRequests();
    w.record(ACME, CategoryId.CALL_LOG, JANE_PHONE);
    w.record(ACME, CategoryId.CALL_LOG, World.JOHN_MOBILE);
    w.record(GLOBEX, CategoryId.CALL_LOG, JANE_PHONE);
  }

  private AuthorityRequestIntake intake(AuthorityKind kind) {
    return new AuthorityRequestIntake(kind, "Tribunal judiciaire de Paris", "PV 2026/118", ACME,
        Set.of(JANE_PHONE), Set.of(CategoryId.CALL_LOG), w.clock.instant());
  }

  private List<String> actions() {
    return w.evidenceStore.readAll(1, 10_000).stream().map(EvidenceEntry::action).toList();
  }

  @Test
  void theClientIsInformedWithoutDelay_R_AUTH_1() {
    AuthorityRequest r = authorities.receive(OPERATOR, intake(AuthorityKind.LAW_ENFORCEMENT));
    assertThat(r.information()).isEqualTo(Information.INFORMED);
    assertThat(r.clientInformedAt()).isEqualTo(w.clock.instant());
    ClientNotice.AuthorityRequest n = (ClientNotice.AuthorityRequest) w.notifier.notices().get(0);
    assertThat(n.client()).isEqualTo(ACME);
    assertThat(n.requestId()).isEqualTo(r.id());
    assertThat(n.afterProhibition()).isFalse();
    assertThat(authorities.list(admin(ACME), ACME)).extracting(AuthorityRequest::id)
        .containsExactly(r.id());
    assertThat(authorities.find(admin(GLOBEX), r.id())).isEmpty();
  }

  @Test
  void aFailedNoticeIsRetried_R_AUTH_1() {
    w.notifier.failNext(1);
    AuthorityRequest r = authorities.receive(OPERATOR, intake(AuthorityKind.SUPERVISORY_AUTHORITY));
    assertThat(r.information()).isEqualTo(Information.PENDING);
    assertThat(authorities.informPending()).isEqualTo(1);
    assertThat(authorities.find(OPERATOR, r.id()).orElseThrow().information())
        .isEqualTo(Information.INFORMED);
    assertThat(authorities.informPending()).isZero();
  }

  @Test
  void theAuthorityIsAnsweredOnlyOnTheClientsInstruction_R_AUTH_2() {
    AuthorityRequest r = authorities.receive(OPERATOR, intake(AuthorityKind.LAW_ENFORCEMENT));
    AuthorityAnswer answer = AuthorityAnswer.of("Please find the call logs.", CategoryId.CALL_LOG);
    assertThatThrownBy(() -> authorities.respond(OPERATOR, r.id(), null, answer))
        .isInstanceOf(InstructionRefusedException.class);
    // A backdated instruction is refused when it is given (issue 15), and never permits an answer.
    assertThatThrownBy(() -> authorities.instruct(admin(ACME), r.id(),
        dev.custodian.instruction.InstructionDraft.of("letter-7", admin(ACME),
            w.clock.instant().minusSeconds(3600), InstructedAction.RESPOND_TO_AUTHORITY,
            CategoryId.CALL_LOG)))
        .isInstanceOf(InstructionRefusedException.class).satisfies(e -> assertThat(
            ((Verification.Refused) ((InstructionRefusedException) e).verification()).failed())
            .containsExactly(Condition.PRIOR));
    assertThatThrownBy(() -> authorities.respond(OPERATOR, r.id(), "ins-never-recorded", answer))
        .isInstanceOf(InstructionRefusedException.class);
    assertThatThrownBy(() -> authorities.respondUnderCompulsion(OFFICER, r.id(), answer))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("R-AUTH-2");
    Instruction ok = authorities.instruct(admin(ACME), r.id(), w.instruction(admin(ACME),
        InstructedAction.RESPOND_TO_AUTHORITY, CategoryId.CALL_LOG));
    w.advance(Duration.ofMinutes(1));

    AuthorityRequest answered = authorities.respond(OPERATOR, r.id(), ok.id(), answer);

    assertThat(answered.state()).isEqualTo(AuthorityRequest.State.ANSWERED);
    assertThat(answered.answer().under()).isEqualTo(AuthorityRequest.Authority.INSTRUCTION);
    AuthorityResponse sent = w.responder.authorityResponses().get(0);
    assertThat(sent.data()).hasSize(1).allSatisfy(h -> assertThat(h.client()).isEqualTo(ACME));
    assertThat(sent.authorization()).isInstanceOf(VerifiedInstruction.class);
    assertThat(sent.authorization().basis()).isEqualTo(ok.id());
    assertThat(actions().stream().filter(a -> a.equals("authority.response.refused"))).hasSize(3);
    assertThat(actions()).contains("authority.response.sent");
  }

  @Test
  void anAnswerNeverDisclosesCategoriesTheAuthorityDidNotAskFor() {
    AuthorityRequest r = authorities.receive(OPERATOR, intake(AuthorityKind.LAW_ENFORCEMENT));
    Instruction ok = authorities.instruct(admin(ACME), r.id(), w.instruction(admin(ACME),
        InstructedAction.RESPOND_TO_AUTHORITY, CategoryId.CALL_LOG, CategoryId.SMS_LOG));
    w.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> authorities.respond(OPERATOR, r.id(), ok.id(),
        AuthorityAnswer.of("x", CategoryId.SMS_LOG))).isInstanceOf(IllegalArgumentException.class);
    assertThat(w.responder.authorityResponses()).isEmpty();
  }

  @Test
  void underAProhibitionTheClientSeesNothingAndTheOfficerAnswersUnderCompulsion_R_AUTH_3() {
    AuthorityRequest r = authorities.receiveUnderProhibition(OFFICER,
        intake(AuthorityKind.PUBLIC_SECURITY_BODY),
        new Prohibition("Code de la sécurité intérieure L.851-1", LocalDate.of(2026, 4, 1)));
    assertThat(r.information()).isEqualTo(Information.PROHIBITED);
    assertThat(w.notifier.notices()).isEmpty();
    assertThat(authorities.list(admin(ACME), ACME)).isEmpty();
    assertThat(authorities.find(admin(ACME), r.id())).isEmpty();
    assertThatThrownBy(() -> authorities.instruct(admin(ACME), r.id(), w.instruction(admin(ACME),
        InstructedAction.RESPOND_TO_AUTHORITY, CategoryId.CALL_LOG)))
        .isInstanceOf(NoSuchElementException.class);

    AuthorityAnswer answer = AuthorityAnswer.of("Requisition answered.", CategoryId.CALL_LOG);
    assertThatThrownBy(() -> authorities.respondUnderCompulsion(OFFICER, r.id(), answer))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no legal compulsion");
    assertThatThrownBy(() -> authorities.approveCompulsion(PRIVACY, r.id(),
        new Compulsion("CSI L.851-1", "req-118"))).isInstanceOf(SecurityException.class);
    authorities.approveCompulsion(OFFICER, r.id(), new Compulsion("CSI L.851-1", "req-118"));
    assertThatThrownBy(() -> authorities.respondUnderCompulsion(OPERATOR, r.id(), answer))
        .isInstanceOf(SecurityException.class);

    AuthorityRequest answered = authorities.respondUnderCompulsion(OFFICER, r.id(), answer);

    assertThat(answered.answer().under()).isEqualTo(AuthorityRequest.Authority.COMPULSION);
    AuthorityResponse sent = w.responder.authorityResponses().get(0);
    assertThat(sent.authorization()).isInstanceOfSatisfying(LegalCompulsion.class, c -> {
      assertThat(c.legalBasis()).isEqualTo("CSI L.851-1");
      assertThat(c.approvedBy()).isEqualTo(OFFICER.id());
    });
    // Nothing the processor did appears in the client's evidence while the prohibition holds
    // (the client's own refused guess above is its own act, and reveals nothing).
    assertThat(w.custodian.evidence().readFor(admin(ACME), ACME, 1, 1000))
        .filteredOn(e -> e.action().startsWith("authority."))
        .extracting(EvidenceEntry::action, EvidenceEntry::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("authority.instruction.refused",
            admin(ACME).id()));
    assertThat(w.evidenceStore.readAll(1, 1000)).filteredOn(e -> e.action()
        .equals("authority.response.sent")).singleElement().satisfies(e -> {
          assertThat(e.client()).isNull();
          assertThat(e.details()).containsEntry("client", ACME.value());
          assertThat(e.basis()).isEqualTo(answered.compulsion().id());
        });
  }

  @Test
  void theClientIsInformedOnceTheProhibitionLifts_R_AUTH_3() {
    AuthorityRequest r = authorities.receiveUnderProhibition(OFFICER,
        intake(AuthorityKind.LAW_ENFORCEMENT), new Prohibition("CPP art. 11", LocalDate.of(2026, 3, 1)));
    authorities.approveCompulsion(OFFICER, r.id(), new Compulsion("CPP art. 60-1", "PV 118"));
    authorities.respondUnderCompulsion(OFFICER, r.id(), AuthorityAnswer.of("logs", CategoryId.CALL_LOG));
    w.advance(Duration.ofDays(3));

    AuthorityRequest lifted = authorities.liftProhibition(OFFICER, r.id(), "investigation closed");

    assertThat(lifted.information()).isEqualTo(Information.INFORMED);
    assertThat(lifted.prohibition().liftedAt()).isEqualTo(w.clock.instant());
    ClientNotice.AuthorityRequest n = (ClientNotice.AuthorityRequest) w.notifier.notices().get(0);
    assertThat(n.afterProhibition()).isTrue();
    assertThat(n.answeredAt()).isEqualTo(lifted.answer().sentAt());
    assertThat(authorities.find(admin(ACME), r.id())).isPresent();
    assertThat(w.custodian.evidence().readFor(admin(ACME), ACME, 1, 1000))
        .extracting(EvidenceEntry::action).contains("authority.client_informed");
    assertThatThrownBy(() -> authorities.liftProhibition(OFFICER, r.id(), "again"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aProhibitionsReviewDateIsEscalatedOnceAndCanBeRenewed_R_AUTH_1() {
    AuthorityRequest r = authorities.receiveUnderProhibition(OFFICER,
        intake(AuthorityKind.LAW_ENFORCEMENT), new Prohibition("CPP art. 11", LocalDate.of(2026, 2, 10)));
    assertThat(authorities.reviewsDue(OFFICER)).isEmpty();
    w.advance(Duration.ofDays(11));
    assertThat(authorities.reviewsDue(OFFICER)).extracting(AuthorityRequest::id).containsExactly(r.id());
    assertThat(authorities.escalateDueReviews()).extracting(Escalation::reason)
        .containsExactly(Escalation.Reason.PROHIBITION_REVIEW_DUE);
    assertThat(authorities.escalateDueReviews()).isEmpty();
    assertThatThrownBy(() -> authorities.renewProhibition(OFFICER, r.id(), LocalDate.of(2026, 2, 1),
        "still secret")).isInstanceOf(IllegalArgumentException.class);
    authorities.renewProhibition(OFFICER, r.id(), LocalDate.of(2026, 5, 1), "investigation ongoing");
    assertThat(authorities.reviewsDue(OFFICER)).isEmpty();
    assertThat(authorities.find(OFFICER, r.id()).orElseThrow().information())
        .isEqualTo(Information.PROHIBITED);
  }

  @Test
  void onlyTheDesignatedOfficerRecordsAProhibition_R_AUTH_3() {
    assertThatThrownBy(() -> authorities.receiveUnderProhibition(OPERATOR,
        intake(AuthorityKind.LAW_ENFORCEMENT), new Prohibition("CPP art. 11", LocalDate.of(2026, 3, 1))))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> authorities.receiveUnderProhibition(OFFICER,
        intake(AuthorityKind.LAW_ENFORCEMENT), new Prohibition(" ", LocalDate.of(2026, 3, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legalBasis");
    assertThat(w.stateStore.list("authority.request", null)).isEmpty();
  }

  @Test
  void closingIsFinal() {
    AuthorityRequest r = authorities.receive(OPERATOR, intake(AuthorityKind.SUPERVISORY_AUTHORITY));
    AuthorityRequest closed = authorities.close(admin(ACME), r.id(), "CNIL withdrew the request");
    assertThat(closed.state()).isEqualTo(AuthorityRequest.State.CLOSED);
    assertThatThrownBy(() -> authorities.close(OPERATOR, r.id(), "again"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> authorities.respond(OPERATOR, r.id(), "ins-x",
        AuthorityAnswer.of("x"))).isInstanceOf(IllegalStateException.class);
  }
}
