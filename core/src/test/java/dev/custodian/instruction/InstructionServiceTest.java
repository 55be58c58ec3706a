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
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
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
  /** The stored requests the verifier reads targets from (what the request duties register). */
  private final Map<String, Target> stored = new HashMap<>(Map.of("case-1", CASE,
      "case-2", new Target(Target.Kind.SUBJECT_CASE, "case-2", ACME, RECEIVED),
      "case-g", new Target(Target.Kind.SUBJECT_CASE, "case-g", GLOBEX, RECEIVED)));
  private final Map<String, InstructionService.ApprovedCompulsion> approved = new HashMap<>();

  {
    register(service);
  }

  private void register(InstructionService s) {
    s.register(Target.Kind.SUBJECT_CASE, id -> Optional.ofNullable(stored.get(id))
        .filter(t -> t.kind() == Target.Kind.SUBJECT_CASE));
    s.register(Target.Kind.AUTHORITY_REQUEST, new InstructionService.Requests() {
      @Override
      public Optional<Target> target(String id) {
        return Optional.ofNullable(stored.get(id))
            .filter(t -> t.kind() == Target.Kind.AUTHORITY_REQUEST);
      }

      @Override
      public Optional<InstructionService.ApprovedCompulsion> approvedCompulsion(String id) {
        return Optional.ofNullable(approved.get(id));
      }
    });
  }

  private Instruction record(InstructionDraft d) {
    return service.record(d.author(), Target.Kind.SUBJECT_CASE, "case-1", d);
  }

  private InstructionDraft respond(ClientPrincipal author) {
    return InstructionDraft.of("mail-2026-03-02", author, now, InstructedAction.RESPOND_TO_SUBJECT,
        CategoryId.CALL_LOG);
  }

  private Verification verifyRespond(Instruction i) {
    return service.verify(ADMIN, i.id(), Target.Kind.SUBJECT_CASE, "case-1",
        InstructedAction.RESPOND_TO_SUBJECT, Set.of(CategoryId.CALL_LOG));
  }

  private static Set<Condition> failed(Verification v) {
    assertThat(v).isInstanceOf(Verification.Refused.class);
    return ((Verification.Refused) v).failed();
  }

  private static Set<Condition> refusedAtOnce(Runnable recording) {
    try {
      recording.run();
    } catch (InstructionRefusedException e) {
      return failed(e.verification());
    }
    throw new AssertionError("the instruction was recorded");
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

  /** Finding 2 of issue 15: an oral instruction is refused when it is given, not only when used. */
  @Test
  void anOralInstructionIsRefusedAtOnceAsNotWritten_R_DSR_3() {
    assertThat(refusedAtOnce(() -> record(new InstructionDraft("", ADMIN, now,
        InstructedAction.RESPOND_TO_SUBJECT, Set.of(CategoryId.CALL_LOG)))))
        .containsExactly(Condition.WRITTEN);
    assertThat(service.list(ADMIN, ACME, null)).isEmpty();
    assertThat(evidenceStore.readAll(1, 10)).extracting(EvidenceEntry::action)
        .containsExactly("instruction.refused");
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

    Instruction other = service.record(ADMIN, Target.Kind.SUBJECT_CASE, "case-2",
        respond(ADMIN));
    assertThat(failed(verifyRespond(other))).containsExactly(Condition.SPECIFIC);
  }

  /** Finding 2 of issue 15: a backdated instruction is refused when it is given. */
  @Test
  void aBackdatedInstructionIsRefusedAtOnceAsNotPrior_R_DSR_3() {
    InstructionRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
        InstructionRefusedException.class, () -> record(InstructionDraft.of("doc", ADMIN,
            RECEIVED.minusSeconds(1), InstructedAction.RESPOND_TO_SUBJECT, CategoryId.CALL_LOG)));
    assertThat(failed(e.verification())).containsExactly(Condition.PRIOR);
    assertThat(e.getMessage()).contains("before the request was received");
  }

  @Test
  void anInstructionIssuedAfterTheActionIsNotPrior_R_DSR_3() {
    Instruction i = record(respond(ADMIN));
    now = now.minusSeconds(10); // the action happens before the instruction was issued
    assertThat(failed(service.verify(ADMIN, i.id(), Target.Kind.SUBJECT_CASE, "case-1",
        InstructedAction.RESPOND_TO_SUBJECT, Set.of(CategoryId.CALL_LOG))))
        .containsExactly(Condition.PRIOR);
  }

  @Test
  void anInstructionIssuedInTheFutureIsNotRecorded() {
    assertThatThrownBy(() -> record(InstructionDraft.of("doc", ADMIN, now.plusSeconds(1),
        InstructedAction.ERASE))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("future");
  }

  /**
   * Finding 2 of issue 15: a user or supervisor may not record an instruction at all, and one
   * transcribed for them by staff is refused at once as not authorised.
   */
  @Test
  void aUserOrSupervisorIsNotAuthorisedButTheDesignatedContactIs_R_ACC_1() {
    for (ClientRole role : List.of(ClientRole.USER, ClientRole.SUPERVISOR)) {
      ClientPrincipal p = ClientPrincipal.of("p-" + role, ACME, role);
      assertThatThrownBy(() -> record(respond(p))).isInstanceOf(SecurityException.class);
      assertThat(refusedAtOnce(() -> service.record(PRIVACY, Target.Kind.SUBJECT_CASE, "case-1",
          respond(p)))).containsExactly(Condition.AUTHORISED);
    }
    assertThat(service.list(ADMIN, ACME, null)).isEmpty();
    Instruction contact = record(respond(ClientPrincipal.designatedContact("dc", ACME,
        ClientRole.USER)));
    assertThat(verifyRespond(contact).verified()).isTrue();
  }

  @Test
  void whichRolesInstructIsConfiguration_R_ACC_1() {
    InstructionService supervisorsOnly = new InstructionService(new InMemoryStateStore(),
        new EvidenceLog(evidenceStore, clock), notifier,
        new InstructingRoles(EnumSet.of(ClientRole.SUPERVISOR), false), clock);
    register(supervisorsOnly);
    ClientPrincipal supervisor = ClientPrincipal.of("sup", ACME, ClientRole.SUPERVISOR);
    Instruction bySupervisor = supervisorsOnly.record(supervisor, Target.Kind.SUBJECT_CASE,
        "case-1", respond(supervisor));
    assertThat(supervisorsOnly.verify(supervisor, bySupervisor.id(), Target.Kind.SUBJECT_CASE,
        "case-1", InstructedAction.RESPOND_TO_SUBJECT, Set.of()).verified()).isTrue();
    assertThatThrownBy(() -> supervisorsOnly.record(ADMIN, Target.Kind.SUBJECT_CASE, "case-1",
        respond(ADMIN))).isInstanceOf(SecurityException.class);
    assertThat(refusedAtOnce(() -> supervisorsOnly.record(PRIVACY, Target.Kind.SUBJECT_CASE,
        "case-1", respond(ADMIN)))).containsExactly(Condition.AUTHORISED);
  }

  @Test
  void everyConditionThatCanBeKnownIsNamedAtOnce_R_DSR_3() {
    ClientPrincipal user = ClientPrincipal.of("u", ACME, ClientRole.USER);
    InstructionRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
        InstructionRefusedException.class, () -> service.record(PRIVACY,
            Target.Kind.SUBJECT_CASE, "case-1", new InstructionDraft("", user,
                RECEIVED.minusSeconds(60), InstructedAction.ERASE, Set.of())));
    assertThat(failed(e.verification())).containsExactlyInAnyOrder(Condition.WRITTEN,
        Condition.PRIOR, Condition.AUTHORISED);
    assertThat(((Verification.Refused) e.verification()).reasons()).hasSize(3);
    EvidenceEntry refused = evidenceStore.readAll(1, 10).get(0);
    assertThat(refused.action()).isEqualTo("instruction.refused");
    assertThat(refused.details().get("failed")).contains("WRITTEN", "PRIOR", "AUTHORISED");
  }

  @Test
  void anotherClientsInstructionIsNeverRecordedNorUsable_R_ACC_2() {
    ClientPrincipal globexAdmin = ClientPrincipal.of("globex-admin", GLOBEX,
        ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> record(respond(globexAdmin)))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> service.record(PRIVACY, Target.Kind.SUBJECT_CASE, "case-1",
        respond(globexAdmin))).isInstanceOf(SecurityException.class);
    EvidenceEntry refused = evidenceStore.readAll(1, 10).get(0);
    assertThat(refused.action()).isEqualTo("instruction.refused");
    assertThat(refused.client()).isEqualTo(GLOBEX);

    Instruction acme = record(respond(ADMIN));
    assertThat(failed(service.verify(PRIVACY, acme.id(), Target.Kind.SUBJECT_CASE, "case-g",
        InstructedAction.RESPOND_TO_SUBJECT, Set.of())))
        .containsExactlyInAnyOrder(Condition.values());
    assertThatThrownBy(() -> service.verify(globexAdmin, acme.id(), Target.Kind.SUBJECT_CASE,
        "case-1", InstructedAction.RESPOND_TO_SUBJECT, Set.of()))
        .isInstanceOf(SecurityException.class);
    assertThat(service.find(globexAdmin, acme.id())).isEmpty();
    assertThat(service.find(ADMIN, acme.id())).contains(acme);
    assertThatThrownBy(() -> service.list(globexAdmin, ACME, null))
        .isInstanceOf(SecurityException.class);
  }

  /** Finding 2 of issue 15: the target is the stored request's, never one the caller builds. */
  @Test
  void theTargetComesFromTheStoredRequest_R_DSR_3() {
    Instruction i = record(respond(ADMIN));
    // The request's time of receipt is read from the store: a later stored receipt makes the
    // instruction backdated, whatever a caller might claim.
    stored.put("case-1", new Target(Target.Kind.SUBJECT_CASE, "case-1", ACME,
        now.plusSeconds(1)));
    assertThat(failed(verifyRespond(i))).contains(Condition.PRIOR);
    assertThat(failed(service.verify(ADMIN, i.id(), Target.Kind.SUBJECT_CASE, "case-none",
        InstructedAction.RESPOND_TO_SUBJECT, Set.of())))
        .containsExactlyInAnyOrder(Condition.values());
    assertThatThrownBy(() -> service.record(ADMIN, Target.Kind.SUBJECT_CASE, "case-none",
        respond(ADMIN))).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> service.register(Target.Kind.SUBJECT_CASE, id -> Optional.empty()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anUnknownOrMissingInstructionFailsEverything() {
    assertThat(failed(service.verify(ADMIN, null, Target.Kind.SUBJECT_CASE, "case-1",
        InstructedAction.ERASE, Set.of()))).containsExactlyInAnyOrder(Condition.values());
    assertThat(failed(service.verify(ADMIN, "ins-nope", Target.Kind.SUBJECT_CASE, "case-1",
        InstructedAction.ERASE, Set.of()))).containsExactlyInAnyOrder(Condition.values());
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

  /**
   * Finding 2 of issue 15: a compulsion proof is issued only from the stored request, with a
   * prohibition and the designated officer's approval on record, and the issue is evidence.
   */
  @Test
  void aLegalCompulsionNeedsTheDesignatedOfficerAndTheStoredApproval_R_AUTH_3() {
    Target authority = new Target(Target.Kind.AUTHORITY_REQUEST, "auth-1", ACME, RECEIVED);
    stored.put("auth-1", authority);
    stored.put("auth-2", new Target(Target.Kind.AUTHORITY_REQUEST, "auth-2", ACME, RECEIVED));
    approved.put("auth-1", new InstructionService.ApprovedCompulsion("comp-1", "CPP art. 60-1",
        "officer", now));
    ProcessorPrincipal officer = ProcessorPrincipal.of("officer",
        ProcessorRole.DESIGNATED_OFFICER);
    LegalCompulsion c = service.compulsion(officer, "auth-1");
    assertThat(c.target()).isEqualTo(authority);
    assertThat(c.basis()).isEqualTo("comp-1");
    assertThat(c.approvedBy()).isEqualTo("officer");
    EvidenceEntry issued = evidenceStore.readAll(1, 10).get(0);
    assertThat(issued.action()).isEqualTo("instruction.compulsion.issued");
    assertThat(issued.client()).isNull(); // the client may not know (R-AUTH-1)
    assertThatThrownBy(() -> service.compulsion(PRIVACY, "auth-1"))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> service.compulsion(officer, "auth-2"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> service.compulsion(officer, "case-1"))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(evidenceStore.readAll(1, 10)).hasSize(1);
  }
}
