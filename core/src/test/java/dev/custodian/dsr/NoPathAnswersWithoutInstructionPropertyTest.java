package dev.custodian.dsr;

import static dev.custodian.testing.Seeds.choice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.authority.AuthorityAnswer;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.authority.AuthorityRequest;
import dev.custodian.authority.AuthorityRequestIntake;
import dev.custodian.authority.Compulsion;
import dev.custodian.authority.Prohibition;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.LegalCompulsion;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.AuthorityResponse;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.SubjectResponse;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import dev.custodian.testing.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * R-DSR-3, R-AUTH-2, R-AUTH-3, R-ACC-1, R-ACC-2, R-EVID-1: random sequences of intake, routing,
 * notification (with failures), instructions from principals of every client and role (backdated,
 * oral, unspecific), unlawful flags, extensions, pauses, closings, authority requests with and
 * without prohibition, and answer attempts. Whatever the sequence:
 *
 * <ul>
 *   <li>the responder is called only by an answer attempt that a model, written independently of
 *       the library, finds covered by a written, specific, prior instruction of an authorised
 *       principal of that request's client (or, for an authority under prohibition, by an approved
 *       compulsion sent by the designated officer), and never by any other step;
 *   <li>every refused attempt is in the evidence log, by its actor;
 *   <li>a model-valid attempt on an open request is never refused;
 *   <li>the evidence chain verifies.
 * </ul>
 */
class NoPathAnswersWithoutInstructionPropertyTest {

  static final List<ClientId> CLIENTS = List.of(World.ACME, World.GLOBEX, World.INITECH);
  static final List<PhoneNumber> SUBJECTS = List.of(PhoneNumber.of("+33 1 99 00 00 01"),
      PhoneNumber.of("+33 1 99 00 00 02"), PhoneNumber.of("+33 6 39 98 00 03"),
      PhoneNumber.of("+33 6 39 98 00 04"), PhoneNumber.of("+33 1 99 00 00 05"));
  static final List<Principal> PRINCIPALS = principals();
  static final List<InstructedAction> ACTIONS = List.of(InstructedAction.RESPOND_TO_SUBJECT,
      InstructedAction.RESPOND_TO_SUBJECT, InstructedAction.RESPOND_TO_AUTHORITY,
      InstructedAction.ERASE, InstructedAction.EXPORT);

  /** How an instruction is written; all but WELL_FORMED break one condition on purpose. */
  enum Variant { WELL_FORMED, ORAL, BACKDATED, NARROW_SCOPE }

  sealed interface Step {}

  record Intake(int subject, SubjectRight right) implements Step {}

  record Notify() implements Step {}

  record Escalate() implements Step {}

  record FailNextNotice() implements Step {}

  record Advance(int minutes) implements Step {}

  record Instruct(boolean authority, int target, int author, boolean byStaff, int action,
      Variant variant) implements Step {}

  record Flag(int instruction, boolean release) implements Step {}

  record ClockStep(int kase, int principal, int what) implements Step {}

  record Respond(int kase, int principal, int instruction, boolean withData) implements Step {}

  record AuthorityIntake(int client, int subject, boolean prohibited) implements Step {}

  record Approve(int request, int principal) implements Step {}

  record Lift(int request) implements Step {}

  record AuthorityRespond(int request, int principal, int instruction, boolean underCompulsion)
      implements Step {}

  static final int TRIES = 200;

  /**
   * {@value #TRIES} random scenarios, then one check that the scenarios reached the interesting
   * paths often enough (subject and authority answers in at least 10%, a refusal in at least 50%).
   */
  @TestFactory
  Stream<DynamicTest> noPathAnswersASubjectOrAnAuthorityWithoutAnInstruction() {
    String name = "noPathAnswersASubjectOrAnAuthorityWithoutAnInstruction";
    AtomicInteger subjectAnswered = new AtomicInteger();
    AtomicInteger authorityAnswered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Stream<DynamicTest> cases = Seeds.cases(name, TRIES, g -> {
      Run run = new Run();
      run.play(scenario(g));
      if (!run.w.responder.subjectResponses().isEmpty()) {
        subjectAnswered.incrementAndGet();
      }
      if (!run.w.responder.authorityResponses().isEmpty()) {
        authorityAnswered.incrementAndGet();
      }
      if (run.refusedAttempts > 0) {
        refused.incrementAndGet();
      }
    });
    DynamicTest coverage = DynamicTest.dynamicTest(name + " coverage", () -> {
      String seed = " (replay with -D" + Seeds.PROPERTY + "=" + Seeds.seed() + ")";
      assertThat(subjectAnswered.get() * 100).as("scenarios with a subject answered" + seed)
          .isGreaterThanOrEqualTo(10 * TRIES);
      assertThat(authorityAnswered.get() * 100).as("scenarios with an authority answered" + seed)
          .isGreaterThanOrEqualTo(10 * TRIES);
      assertThat(refused.get() * 100).as("scenarios with a refused attempt" + seed)
          .isGreaterThanOrEqualTo(50 * TRIES);
    });
    return Stream.concat(cases, Stream.of(coverage));
  }

  /** An index from 0 to 50. */
  private static int any(Seeds.Gen g) {
    return g.intBetween(0, 50);
  }

  /** -1 ("the obvious one") or any index, evenly. */
  private static int obviousOrAny(Seeds.Gen g, int obviousWeight) {
    return g.weighted(choice(obviousWeight, () -> -1), choice(1, () -> any(g)));
  }

  static List<Step> scenario(Seeds.Gen g) {
    // Every scenario starts with a subject known to two clients and an authority request with its
    // client's instruction, so the steps that follow have something to act on.
    List<Step> all = new ArrayList<>(List.of(new Intake(1, SubjectRight.ACCESS),
        new AuthorityIntake(0, 0, false),
        new Instruct(true, -1, -1, false, -1, Variant.WELL_FORMED)));
    all.addAll(g.list(5, 80, () -> step(g)));
    return all;
  }

  // Negative picks mean "the obvious one" (an administrator of the target's client, the latest
  // instruction for that request), so that valid paths occur often enough to be tested too.
  private static Step step(Seeds.Gen g) {
    return g.weighted(
        choice(4, () -> new Intake(g.intBetween(0, SUBJECTS.size() - 1), g.pick(SubjectRight.class))),
        choice(1, Notify::new),
        choice(1, Escalate::new),
        choice(1, FailNextNotice::new),
        choice(3, () -> new Advance(g.intBetween(1, 60 * 24 * 3))),
        choice(10, () -> new Instruct(g.bool(), latestTarget(g), obviousOrAny(g, 1),
            g.pick(false, false, true), obviousOrAny(g, 4),
            g.weighted(choice(4, () -> Variant.WELL_FORMED), choice(1, () -> Variant.ORAL),
                choice(1, () -> Variant.BACKDATED), choice(1, () -> Variant.NARROW_SCOPE)))),
        choice(1, () -> new Flag(any(g), g.pick(false, false, true))),
        choice(2, () -> new ClockStep(any(g), any(g), g.intBetween(0, 3))),
        choice(8, () -> new Respond(obviousOrAny(g, 2), obviousOrAny(g, 1), instruction(g), g.bool())),
        choice(4, () -> new AuthorityIntake(any(g), any(g), g.bool())),
        choice(3, () -> new Approve(latestTarget(g), g.pick(-1, -1, 0, 3, 7))),
        choice(1, () -> new Lift(any(g))),
        choice(8, () -> new AuthorityRespond(obviousOrAny(g, 2), obviousOrAny(g, 1), instruction(g),
            g.pick(true, false, false))));
  }

  /** -3, -2, -1 (kinds of "latest instruction") or any index. */
  private static int instruction(Seeds.Gen g) {
    return g.weighted(choice(4, () -> -3), choice(1, () -> -2), choice(1, () -> -1), choice(3, () -> any(g)));
  }

  /** A request index, often -1: the latest one (so steps build on each other). */
  private static int latestTarget(Seeds.Gen g) {
    return obviousOrAny(g, 2);
  }

  /** One try: a fresh operator, the library under test, and the test's own model of what is allowed. */
  static final class Run {
    final World w = new World();
    final List<CaseModel> cases = new ArrayList<>();
    final List<RequestModel> requests = new ArrayList<>();
    final List<InstructionModel> instructions = new ArrayList<>();
    int refusedAttempts;

    Run() {
      // Who holds what: subject 0 at ACME, 1 at ACME and GLOBEX, 2 at GLOBEX, 3 nowhere, 4 at
      // INITECH and ACME.
      w.record(World.ACME, CategoryId.CALL_LOG, SUBJECTS.get(0));
      w.record(World.ACME, CategoryId.SMS_LOG, SUBJECTS.get(0));
      w.record(World.ACME, CategoryId.CALL_LOG, SUBJECTS.get(1));
      w.record(World.GLOBEX, CategoryId.CALL_LOG, SUBJECTS.get(1));
      w.record(World.GLOBEX, CategoryId.CALL_LOG, SUBJECTS.get(2));
      w.record(World.INITECH, CategoryId.CALL_LOG, SUBJECTS.get(4));
      w.record(World.ACME, CategoryId.CALL_LOG, SUBJECTS.get(4));
    }

    void play(List<Step> steps) {
      for (Step s : steps) {
        int subjectAnswers = w.responder.subjectResponses().size();
        int authorityAnswers = w.responder.authorityResponses().size();
        boolean answering = s instanceof Respond || s instanceof AuthorityRespond;
        apply(s);
        if (!answering) {
          assertThat(w.responder.subjectResponses()).as("no answer outside an attempt: " + s)
              .hasSize(subjectAnswers);
          assertThat(w.responder.authorityResponses()).as("no answer outside an attempt: " + s)
              .hasSize(authorityAnswers);
        }
      }
      long recordedRefusals = w.evidenceStore.readAll(1, Integer.MAX_VALUE).stream()
          .filter(e -> e.action().equals("dsr.respond_to_subject.refused")
              || e.action().equals("authority.response.refused")).count();
      assertThat(recordedRefusals).as("every refused attempt is in the evidence log")
          .isEqualTo(refusedAttempts);
      assertThat(w.custodian.evidence().verify().valid()).as("the chain verifies").isTrue();
    }

    void apply(Step step) {
      if (step instanceof Intake s) {
        intake(s);
      } else if (step instanceof Notify) {
        w.dsr().notifyPending();
        w.custodian.authorityRequests().informPending();
      } else if (step instanceof Escalate) {
        w.dsr().escalateOverdue();
        w.custodian.authorityRequests().escalateDueReviews();
      } else if (step instanceof FailNextNotice) {
        w.notifier.failNext(1);
      } else if (step instanceof Advance s) {
        w.advance(Duration.ofMinutes(s.minutes()));
      } else if (step instanceof Instruct s) {
        instruct(s);
      } else if (step instanceof Flag s) {
        flag(s);
      } else if (step instanceof ClockStep s) {
        clock(s);
      } else if (step instanceof Respond s) {
        respond(s);
      } else if (step instanceof AuthorityIntake s) {
        authorityIntake(s);
      } else if (step instanceof Approve s) {
        approve(s);
      } else if (step instanceof Lift s) {
        lift(s);
      } else if (step instanceof AuthorityRespond s) {
        authorityRespond(s);
      } else {
        throw new IllegalArgumentException("unknown step " + step);
      }
    }

    void intake(Intake s) {
      SubjectRequest r = w.dsr().receive(World.OPERATOR, SubjectRequestIntake.of(s.right(),
          RequestChannel.EMAIL, w.clock.instant(), SUBJECTS.get(s.subject())));
      Set<ClientId> expected = new HashSet<>();
      w.hostData.clientsHolding(Set.of(SUBJECTS.get(s.subject()))).forEach(expected::add);
      assertThat(r.cases()).extracting(SubjectRequest.CaseRef::client)
          .containsExactlyInAnyOrderElementsOf(expected);
      for (SubjectRequest.CaseRef ref : r.cases()) {
        cases.add(new CaseModel(ref.caseId(), ref.client(), r.receivedAt()));
      }
    }

    void instruct(Instruct s) {
      Target t = s.authority() ? pick(requests, s.target()) : pick(cases, s.target());
      if (t == null) {
        return;
      }
      Principal p = s.author() < 0 ? World.admin(t.client()) : pick(PRINCIPALS, s.author());
      if (!(p instanceof ClientPrincipal author)) {
        return;
      }
      InstructedAction action = s.action() >= 0 ? ACTIONS.get(s.action() % ACTIONS.size())
          : s.authority() ? InstructedAction.RESPOND_TO_AUTHORITY
          : InstructedAction.RESPOND_TO_SUBJECT;
      Instant issued = s.variant() == Variant.BACKDATED ? t.receivedAt().minusSeconds(60)
          : w.clock.instant();
      String doc = s.variant() == Variant.ORAL ? "" : "mail-" + instructions.size();
      Set<CategoryId> scope = s.variant() == Variant.NARROW_SCOPE ? Set.of()
          : Set.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG);
      InstructionDraft draft = new InstructionDraft(doc, author, issued, action, scope);
      Principal recorder = s.byStaff() ? World.OPERATOR : author;
      try {
        Instruction i = t instanceof RequestModel
            ? w.custodian.authorityRequests().instruct(recorder, t.id(), draft)
            : w.dsr().instruct(recorder, t.id(), draft);
        assertThat(author.client()).as("only the request's client's users instruct (R-ACC-2)")
            .isEqualTo(t.client());
        assertThat(i.target()).isEqualTo(t.id());
        instructions.add(new InstructionModel(i.id(), t.client(), t.id(), action, scope, doc,
            author, issued));
      } catch (RuntimeException refused) {
        // Refused recording: another client's author, a closed or hidden request. Never stored.
        assertThat(w.stateStore.list("instruction", null)).hasSize(instructions.size());
      }
    }

    void flag(Flag s) {
      InstructionModel m = pick(instructions, s.instruction());
      if (m == null) {
        return;
      }
      try {
        if (s.release()) {
          w.custodian.instructions().release(World.PRIVACY, m.id, "resolved with the client");
          m.held = false;
        } else {
          w.custodian.instructions().flagUnlawful(World.PRIVACY, m.id, "no legal basis");
          m.held = true;
        }
      } catch (IllegalStateException wrongState) {
        // already held / not held
      }
    }

    void clock(ClockStep s) {
      CaseModel c = pick(cases, s.kase());
      if (c == null) {
        return;
      }
      Principal p = pick(PRINCIPALS, s.principal());
      try {
        switch (s.what()) {
          case 0 -> w.dsr().extend(p, c.id(), 1, "many records");
          case 1 -> w.dsr().pause(p, c.id(), "identity check");
          case 2 -> w.dsr().resume(p, c.id(), "identity confirmed");
          default -> w.dsr().close(p, c.id(), "client answered itself");
        }
      } catch (RuntimeException refused) {
        // not allowed or not in that state: nothing to check here but the responder (see play)
      }
    }

    void respond(Respond s) {
      CaseModel c = s.kase() < 0 ? latestInstructed(cases) : pick(cases, s.kase());
      if (c == null) {
        return;
      }
      Principal p = s.principal() < 0 ? World.OPERATOR : pick(PRINCIPALS, s.principal());
      String instructionId = instructionId(s.instruction(), c);
      Set<CategoryId> include = s.withData() ? Set.of(CategoryId.CALL_LOG) : Set.of();
      SubjectCase.State before = w.dsr().findCase(World.OPERATOR, c.id()).orElseThrow().state();
      boolean valid = mayAct(p, c.client())
          && instructionValid(instructionId, c, InstructedAction.RESPOND_TO_SUBJECT, include);
      attempt(p, "dsr.respond_to_subject.refused",
          () -> w.dsr().respond(p, c.id(), instructionId, new SubjectAnswer("Your answer.",
              include)),
          () -> w.responder.subjectResponses().size(),
          valid, before == SubjectCase.State.OPEN);
      if (w.responder.subjectResponses().size() > 0) {
        SubjectResponse last = w.responder.subjectResponses().get(
            w.responder.subjectResponses().size() - 1);
        assertThat(last.client()).isEqualTo(last.authorization().target().client());
        assertThat(last.data()).allMatch(h -> h.client().equals(last.client()));
      }
    }

    void authorityIntake(AuthorityIntake s) {
      ClientId client = pick(CLIENTS, s.client());
      AuthorityRequestIntake intake = new AuthorityRequestIntake(AuthorityKind.LAW_ENFORCEMENT,
          "Tribunal judiciaire", "PV-" + requests.size(), client,
          Set.of(pick(SUBJECTS, s.subject())), Set.of(CategoryId.CALL_LOG), w.clock.instant());
      AuthorityRequest r = s.prohibited()
          ? w.custodian.authorityRequests().receiveUnderProhibition(World.OFFICER, intake,
              new Prohibition("CPP art. 11", LocalDate.of(2026, 6, 1)))
          : w.custodian.authorityRequests().receive(World.OPERATOR, intake);
      requests.add(new RequestModel(r.id(), client, r.receivedAt(), s.prohibited()));
    }

    void approve(Approve s) {
      RequestModel r = pick(requests, s.request());
      if (r == null) {
        return;
      }
      Principal p = s.principal() < 0 ? World.OFFICER : pick(PRINCIPALS, s.principal());
      if (!(p instanceof ProcessorPrincipal staff)) {
        return;
      }
      try {
        w.custodian.authorityRequests().approveCompulsion(staff, r.id(),
            new Compulsion("CPP art. 60-1", "PV 118"));
        assertThat(staff.hasRole(ProcessorRole.DESIGNATED_OFFICER)).isTrue();
        assertThat(r.prohibited).isTrue();
        r.compulsionApproved = true;
      } catch (RuntimeException refused) {
        // not the officer, no prohibition, or not open
      }
    }

    void lift(Lift s) {
      RequestModel r = pick(requests, s.request());
      if (r == null || !r.prohibited) {
        return;
      }
      w.custodian.authorityRequests().liftProhibition(World.OFFICER, r.id(), "secrecy ended");
      r.prohibited = false;
    }

    void authorityRespond(AuthorityRespond s) {
      RequestModel r = s.request() < 0 && !s.underCompulsion() ? latestInstructed(requests)
          : pick(requests, s.request());
      if (r == null) {
        return;
      }
      Principal p = s.principal() >= 0 ? pick(PRINCIPALS, s.principal())
          : s.underCompulsion() ? World.OFFICER : World.OPERATOR;
      AuthorityAnswer answer = AuthorityAnswer.of("As requested.", CategoryId.CALL_LOG);
      AuthorityRequest current = w.custodian.authorityRequests().find(World.OPERATOR, r.id())
          .orElseThrow();
      boolean open = current.state() == AuthorityRequest.State.OPEN
          && current.information() != AuthorityRequest.Information.PENDING;
      if (s.underCompulsion()) {
        if (!(p instanceof ProcessorPrincipal staff)) {
          return; // the method takes processor staff only: a compile-time boundary
        }
        boolean valid = r.prohibited && r.compulsionApproved
            && staff.hasRole(ProcessorRole.DESIGNATED_OFFICER);
        attempt(p, "authority.response.refused",
            () -> w.custodian.authorityRequests().respondUnderCompulsion(staff, r.id(), answer),
            () -> w.responder.authorityResponses().size(), valid, open);
        lastAuthorityAnswerIsCovered();
        return;
      }
      String instructionId = instructionId(s.instruction(), r);
      boolean valid = !r.prohibited && mayAct(p, r.client())
          && instructionValid(instructionId, r, InstructedAction.RESPOND_TO_AUTHORITY,
              Set.of(CategoryId.CALL_LOG));
      attempt(p, "authority.response.refused",
          () -> w.custodian.authorityRequests().respond(p, r.id(), instructionId, answer),
          () -> w.responder.authorityResponses().size(), valid, open);
      lastAuthorityAnswerIsCovered();
    }

    void lastAuthorityAnswerIsCovered() {
      List<AuthorityResponse> sent = w.responder.authorityResponses();
      if (!sent.isEmpty()) {
        AuthorityResponse last = sent.get(sent.size() - 1);
        if (last.authorization() instanceof LegalCompulsion c) {
          assertThat(PRINCIPALS.stream().filter(x -> x.id().equals(c.approvedBy())).findFirst()
              .orElse(World.OFFICER)).isInstanceOfSatisfying(ProcessorPrincipal.class,
                  o -> assertThat(o.hasRole(ProcessorRole.DESIGNATED_OFFICER)).isTrue());
        }
        assertThat(last.data()).allMatch(h -> h.client().equals(last.client()));
      }
    }

    /**
     * One answer attempt. If it succeeds, exactly one answer went out and the model must find it
     * allowed. If it fails, nothing went out and the evidence log holds the refusal by its actor;
     * and a model-valid attempt on an open request must not have failed.
     */
    void attempt(Principal p, String refusalAction, Runnable call, Supplier<Integer> sentCount,
        boolean valid, boolean open) {
      int sentBefore = sentCount.get();
      long head = w.evidenceStore.head().map(EvidenceEntry::sequence).orElse(0L);
      try {
        call.run();
      } catch (RuntimeException refused) {
        refusedAttempts++;
        assertThat(sentCount.get()).as("a refused attempt sends nothing").isEqualTo(sentBefore);
        assertThat(w.evidenceStore.readAll(head + 1, 1000)).as("the refusal is evidence")
            .anySatisfy(e -> {
              assertThat(e.action()).isEqualTo(refusalAction);
              assertThat(e.actor()).isEqualTo(p.id());
            });
        assertThat(valid && open).as("a valid attempt on an open request was refused: "
            + refused).isFalse();
        return;
      }
      assertThat(sentCount.get()).isEqualTo(sentBefore + 1);
      assertThat(valid).as("the responder was called without a valid instruction").isTrue();
    }

    /** The target of the latest instruction recorded for one of {@code targets}, else the last. */
    <T extends Target> T latestInstructed(List<T> targets) {
      for (int i = instructions.size() - 1; i >= 0; i--) {
        String id = instructions.get(i).target;
        for (T t : targets) {
          if (t.id().equals(id)) {
            return t;
          }
        }
      }
      return pick(targets, -1);
    }

    String instructionId(int index, Target t) {
      if (index == -1) {
        return null;
      }
      if (index == -2 || instructions.isEmpty()) {
        return "ins-forged";
      }
      if (index == -3) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
          if (instructions.get(i).target.equals(t.id())) {
            return instructions.get(i).id;
          }
        }
        return "ins-none-for-" + t.id();
      }
      return pick(instructions, index).id;
    }

    /** The model's own reading of "written, specific, prior, authorised" and not held. */
    boolean instructionValid(String id, Target t, InstructedAction action,
        Set<CategoryId> scope) {
      Instant now = w.clock.instant();
      return instructions.stream().anyMatch(m -> m.id.equals(id)
          && m.client.equals(t.client())
          && m.author.client().equals(t.client()) && authorised(m.author)
          && !m.document.isBlank()
          && m.target.equals(t.id()) && m.action == action && m.scope.containsAll(scope)
          && !m.issuedAt.isBefore(t.receivedAt()) && !m.issuedAt.isAfter(now)
          && !m.held);
    }

    static boolean authorised(ClientPrincipal p) {
      return p.designatedContact() || p.hasRole(ClientRole.ADMINISTRATOR)
          || p.hasRole(ClientRole.SUPER_ADMINISTRATOR);
    }

    static boolean mayAct(Principal p, ClientId client) {
      if (p instanceof ProcessorPrincipal s) {
        return s.hasRole(ProcessorRole.OPERATOR) || s.hasRole(ProcessorRole.PRIVACY_CONTACT)
            || s.hasRole(ProcessorRole.DESIGNATED_OFFICER);
      }
      return p instanceof ClientPrincipal c && c.client().equals(client) && authorised(c);
    }

    static <T> T pick(List<T> from, int index) {
      return from.isEmpty() ? null : from.get(Math.floorMod(index, from.size()));
    }
  }

  interface Target {
    String id();

    ClientId client();

    Instant receivedAt();
  }

  record CaseModel(String id, ClientId client, Instant receivedAt) implements Target {}

  static final class RequestModel implements Target {
    final String id;
    final ClientId client;
    final Instant receivedAt;
    boolean prohibited;
    boolean compulsionApproved;

    RequestModel(String id, ClientId client, Instant receivedAt, boolean prohibited) {
      this.id = id;
      this.client = client;
      this.receivedAt = receivedAt;
      this.prohibited = prohibited;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ClientId client() {
      return client;
    }

    @Override
    public Instant receivedAt() {
      return receivedAt;
    }
  }

  static final class InstructionModel {
    final String id;
    final ClientId client;
    final String target;
    final InstructedAction action;
    final Set<CategoryId> scope;
    final String document;
    final ClientPrincipal author;
    final Instant issuedAt;
    boolean held;

    InstructionModel(String id, ClientId client, String target, InstructedAction action,
        Set<CategoryId> scope, String document, ClientPrincipal author, Instant issuedAt) {
      this.id = id;
      this.client = client;
      this.target = target;
      this.action = action;
      this.scope = scope;
      this.document = document;
      this.author = author;
      this.issuedAt = issuedAt;
    }
  }

  private static List<Principal> principals() {
    List<Principal> out = new ArrayList<>();
    for (ClientId c : CLIENTS) {
      for (ClientRole role : ClientRole.values()) {
        out.add(ClientPrincipal.of(c + "-" + role.name().toLowerCase(), c, role));
      }
      out.add(ClientPrincipal.designatedContact(c + "-contact", c, ClientRole.USER));
    }
    for (ProcessorRole role : ProcessorRole.values()) {
      out.add(ProcessorPrincipal.of("staff-" + role.name().toLowerCase(), role));
    }
    return List.copyOf(out);
  }
}
