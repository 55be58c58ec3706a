package dev.custodian.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.retention.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.memory.InMemoryEvidenceStore;
import dev.custodian.spi.memory.InMemoryStateStore;
import dev.custodian.spi.memory.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructionServiceTest {
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientId GLOBEX = ClientId.of("globex");
  private static final Instant RECEIVED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Target CASE = new Target(Target.Kind.SUBJECT_CASE, "case-1", ACME, RECEIVED);
  private static final ClientPrincipal ADMIN = ClientPrincipal.of("acme-admin", ACME,
      ClientRole.ADMINISTRATOR);
  private static final ProcessorPrincipal PRIVACY = ProcessorPrincipal.of("dpo",
      ProcessorRole.PRIVACY_CONTACT);

  private Instant now = RECEIVED.plus(Duration.ofHours(1));
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };
  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final InstructionService service = new InstructionService(new InMemoryStateStore(),
      new EvidenceLog(evidenceStore, clock), notifier, InstructingRoles.DEFAULT, clock);

  private Instruction record(InstructionDraft d) {
    return service.record(d.author(), CASE, d);
  }

  private InstructionDraft respond(ClientPrincipal author) {
    return InstructionDraft.of("mail-2026-03-02", author, now, InstructedAction.RESPOND_TO_SUBJECT,
        CategoryId.CALL_LOG);
  }

  private Verification verifyRespond(Instruction i) {
    return service.verify(i.id(), CASE, InstructedAction.RESPOND_TO_SUBJECT,
        Set.of(CategoryId.CALL_LOG));
  }

  private static Set<Condition> failed(Verification v) {
    assertThat(v).isInstanceOf(Verification.Refused.class);
    return ((Verification.Refused) v).failed();
  }

  @Test
  void aWrittenSpecificPriorAuthorisedInstructionVerifies_R_DSR_3() {
    Instruction i = record(respond(ADMIN));
    now = now.plusSeconds(1);
    Verification v = verifyRespond(i);
    assertThat(v.verified()).isTrue();
    VerifiedInstruction proof = ((Verification.Verified) v).proof();
    assertThat(proof.instruction()).isEqualTo(i);
    assertThat(proof.target()).isEqualTo(CASE);
    assertThat(proof.basis()).isEqualTo(i.id());
    assertThat(proof.covers("case-1", InstructedAction.RESPOND_TO_SUBJECT,
        Set.of(CategoryId.CALL_LOG))).isTrue();
    assertThat(proof.covers("case-1", InstructedAction.ERASE, Set.of())).isFalse();
  }

  @Test
  void anOralInstructionIsRecordedButNotWritten_R_DSR_3() {
    Instruction i = record(new InstructionDraft("", ADMIN, now, InstructedAction.RESPOND_TO_SUBJECT,
        Set.of(CategoryId.CALL_LOG)));
    assertThat(i.written()).isFalse();
    assertThat(failed(verifyRespond(i))).containsExactly(Condition.WRITTEN);
  }

  @Test
  void anInstructionForAnotherActionTargetOrNarrowerScopeIsNotSpecific_R_DSR_3() {
    Instruction erase = record(InstructionDraft.of("doc", ADMIN, now, InstructedAction.ERASE,
        CategoryId.CALL_LOG));
    assertThat(failed(verifyRespond(erase))).containsExactly(Condition.SPECIFIC);

    Instruction narrow = record(InstructionDraft.of("doc", ADMIN, now,
        InstructedAction.RESPOND_TO_SUBJECT));
    Verification v = verifyRespond(narrow);
    assertThat(failed(v)).containsExactly(Condition.SPECIFIC);
    assertThat(v.explanation()).contains("scope does not cover [CALL_LOG]");

    Instruction other = service.record(ADMIN,
        new Target(Target.Kind.SUBJECT_CASE, "case-2", ACME, RECEIVED), respond(ADMIN));
    assertThat(failed(verifyRespond(other))).containsExactly(Condition.SPECIFIC);
  }

  @Test
  void aBackdatedInstructionIsNotPrior_R_DSR_3() {
    Instruction i = record(InstructionDraft.of("doc", ADMIN, RECEIVED.minusSeconds(1),
        InstructedAction.RESPOND_TO_SUBJECT, CategoryId.CALL_LOG));
    Verification v = verifyRespond(i);
    assertThat(failed(v)).containsExactly(Condition.PRIOR);
    assertThat(v.explanation()).contains("before the request was received");
  }

  @Test
  void anInstructionIssuedAfterTheActionIsNotPrior_R_DSR_3() {
    Instruction i = record(respond(ADMIN));
    Target later = new Target(Target.Kind.SUBJECT_CASE, "case-1", ACME, RECEIVED);
    now = now.minusSeconds(10); // the action happens before the instruction was issued
    assertThat(failed(service.verify(i.id(), later, InstructedAction.RESPOND_TO_SUBJECT,
        Set.of(CategoryId.CALL_LOG)))).containsExactly(Condition.PRIOR);
  }

  @Test
  void anInstructionIssuedInTheFutureIsNotRecorded() {
    assertThatThrownBy(() -> record(InstructionDraft.of("doc", ADMIN, now.plusSeconds(1),
        InstructedAction.ERASE))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("future");
  }

  @Test
  void aUserOrSupervisorIsNotAuthorisedButTheDesignatedContactIs_R_ACC_1() {
    for (ClientRole role : List.of(ClientRole.USER, ClientRole.SUPERVISOR)) {
      Instruction i = record(respond(ClientPrincipal.of("p-" + role, ACME, role)));
      assertThat(failed(verifyRespond(i))).containsExactly(Condition.AUTHORISED);
    }
    Instruction contact = record(respond(ClientPrincipal.designatedContact("dc", ACME,
        ClientRole.USER)));
    assertThat(verifyRespond(contact).verified()).isTrue();
  }

  @Test
  void whichRolesInstructIsConfiguration_R_ACC_1() {
    InstructionService supervisorsOnly = new InstructionService(new InMemoryStateStore(),
        new EvidenceLog(evidenceStore, clock), notifier,
        new InstructingRoles(EnumSet.of(ClientRole.SUPERVISOR), false), clock);
    ClientPrincipal supervisor = ClientPrincipal.of("sup", ACME, ClientRole.SUPERVISOR);
    Instruction bySupervisor = supervisorsOnly.record(supervisor, CASE, respond(supervisor));
    Instruction byAdmin = supervisorsOnly.record(ADMIN, CASE, respond(ADMIN));
    assertThat(supervisorsOnly.verify(bySupervisor.id(), CASE,
        InstructedAction.RESPOND_TO_SUBJECT, Set.of()).verified()).isTrue();
    assertThat(failed(supervisorsOnly.verify(byAdmin.id(), CASE,
        InstructedAction.RESPOND_TO_SUBJECT, Set.of()))).containsExactly(Condition.AUTHORISED);
  }

  @Test
  void everyFailedConditionIsNamedAtOnce_R_DSR_3() {
    ClientPrincipal user = ClientPrincipal.of("u", ACME, ClientRole.USER);
    Instruction i = record(new InstructionDraft("", user, RECEIVED.minusSeconds(60),
        InstructedAction.ERASE, Set.of()));
    Verification v = verifyRespond(i);
    assertThat(failed(v)).containsExactlyInAnyOrder(Condition.values());
    assertThat(((Verification.Refused) v).reasons()).hasSize(4);
  }

  @Test
  void anotherClientsInstructionIsNeverRecordedNorUsable_R_ACC_2() {
    ClientPrincipal globexAdmin = ClientPrincipal.of("globex-admin", GLOBEX,
        ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> service.record(globexAdmin, CASE, respond(globexAdmin)))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> service.record(PRIVACY, CASE, respond(globexAdmin)))
        .isInstanceOf(SecurityException.class);
    EvidenceEntry refused = evidenceStore.readAll(1, 10).get(0);
    assertThat(refused.action()).isEqualTo("instruction.refused");
    assertThat(refused.client()).isEqualTo(GLOBEX);

    Instruction acme = record(respond(ADMIN));
    Target globexCase = new Target(Target.Kind.SUBJECT_CASE, "case-1", GLOBEX, RECEIVED);
    assertThat(failed(service.verify(acme.id(), globexCase, InstructedAction.RESPOND_TO_SUBJECT,
        Set.of()))).containsExactlyInAnyOrder(Condition.values());
    assertThat(service.find(globexAdmin, acme.id())).isEmpty();
    assertThat(service.find(ADMIN, acme.id())).contains(acme);
    assertThatThrownBy(() -> service.list(globexAdmin, ACME, null))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void anUnknownOrMissingInstructionFailsEverything() {
    assertThat(failed(service.verify(null, CASE, InstructedAction.ERASE, Set.of())))
        .containsExactlyInAnyOrder(Condition.values());
    assertThat(failed(service.verify("ins-nope", CASE, InstructedAction.ERASE, Set.of())))
        .containsExactlyInAnyOrder(Condition.values());
  }

  @Test
  void anUnlawfulInstructionIsHeldAndTheClientTold_R_ASSIST_2() {
    Instruction i = record(respond(ADMIN));
    Instruction held = service.flagUnlawful(PRIVACY, i.id(),
        "disclosing call logs to a third party has no legal basis");
    assertThat(held.status()).isEqualTo(Instruction.Status.HELD);
    assertThat(held.flag().clientInformedAt()).isEqualTo(now);
    assertThat(notifier.notices()).singleElement().isEqualTo(new ClientNotice.InstructionHeld(
        ACME, i.id(), "case-1", InstructedAction.RESPOND_TO_SUBJECT,
        "disclosing call logs to a third party has no legal basis"));
    now = now.plusSeconds(1);
    assertThat(verifyRespond(i)).isInstanceOf(Verification.Held.class);
    assertThatThrownBy(() -> service.flagUnlawful(PRIVACY, i.id(), "again"))
        .isInstanceOf(IllegalStateException.class);

    Instruction released = service.release(PRIVACY, i.id(), "client clarified the legal basis");
    assertThat(released.status()).isEqualTo(Instruction.Status.ACTIVE);
    assertThat(verifyRespond(i).verified()).isTrue();
    assertThat(evidenceStore.readAll(1, 100)).extracting(EvidenceEntry::action).containsSubsequence(
        "instruction.recorded", "instruction.held", "instruction.held.client_informed",
        "instruction.hold_released");
  }

  @Test
  void aHeldNoticeThatFailedIsSentLater_R_ASSIST_2() {
    Instruction i = record(respond(ADMIN));
    notifier.failNext(1);
    Instruction held = service.flagUnlawful(PRIVACY, i.id(), "no legal basis");
    assertThat(held.flag().clientInformedAt()).isNull();
    assertThat(notifier.notices()).isEmpty();
    assertThat(service.informPending()).isEqualTo(1);
    assertThat(notifier.notices()).hasSize(1);
    assertThat(service.informPending()).isZero();
  }

  @Test
  void onlyThePrivacyContactOrDesignatedOfficerHoldsAnInstruction_R_ASSIST_2() {
    Instruction i = record(respond(ADMIN));
    assertThatThrownBy(() -> service.flagUnlawful(ProcessorPrincipal.of("op",
        ProcessorRole.OPERATOR), i.id(), "reason")).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> service.flagUnlawful(PRIVACY, i.id(), "mail jane.doe@example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("jane");
  }

  @Test
  void aLegalCompulsionNeedsTheDesignatedOfficer_R_AUTH_3() {
    Target authority = new Target(Target.Kind.AUTHORITY_REQUEST, "auth-1", ACME, RECEIVED);
    ProcessorPrincipal officer = ProcessorPrincipal.of("officer",
        ProcessorRole.DESIGNATED_OFFICER);
    LegalCompulsion c = service.compulsion(officer, authority, "comp-1", "CPP art. 60-1",
        "officer", now);
    assertThat(c.target()).isEqualTo(authority);
    assertThat(c.basis()).isEqualTo("comp-1");
    assertThat(c.approvedBy()).isEqualTo("officer");
    assertThatThrownBy(() -> service.compulsion(PRIVACY, authority, "comp-2", "x", "officer", now))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> service.compulsion(officer, CASE, "comp-3", "x", "officer", now))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> service.compulsion(officer, authority, "comp-4", " ", "officer", now))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
