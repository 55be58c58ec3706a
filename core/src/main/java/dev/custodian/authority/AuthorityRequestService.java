package dev.custodian.authority;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.authority.AuthorityRequest.State;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.InstructionService;
import dev.custodian.instruction.LegalCompulsion;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.terms.Target;
import dev.custodian.instruction.Verification;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disclosure requests from law enforcement, public security bodies and supervisory authorities
 * (DPA 9, R-AUTH-1 to R-AUTH-3).
 *
 * <p>The client is informed without delay, unless the law forbids it; then the legal basis of the
 * prohibition and a review date are recorded, the request stays invisible to the client (its
 * evidence is kept processor-wide), and the client is informed once the prohibition lifts. When
 * the client may be informed, the authority is answered only on the client's written, specific and
 * prior instruction (R-AUTH-2); when it may not, only under a legal compulsion approved by the
 * processor's designated officer (R-AUTH-3). Every refused attempt throws and is recorded.
 *
 * <p>Obtain it from {@code custodian.authorityRequests()}. Thread-safe.
 */
public final class AuthorityRequestService {
  static final String KIND = "authority.request";
  private static final Logger LOG = LoggerFactory.getLogger(AuthorityRequestService.class);

  private final Repository<AuthorityRequest> requests;
  private final HostData hostData;
  private final InstructionService instructions;
  private final AuthorityResponseGate gate;
  private final RequestNotifier notifier;
  private final EscalationChannel escalations;
  private final EvidenceLog evidence;
  private final Pseudonymizer pseudonymizer;
  private final Function<ClientId, ZoneId> clientZones;
  private final Clock clock;

  /** Built by {@code Custodian}; tests may build one directly. */
  public AuthorityRequestService(StateStore store, HostData hostData,
      InstructionService instructions, Responder responder, RequestNotifier notifier,
      EscalationChannel escalations, EvidenceLog evidence, Pseudonymizer pseudonymizer,
      Function<ClientId, ZoneId> clientZones, Clock clock) {
    this.requests = new Repository<>(store, KIND, AuthorityRequest.class, AuthorityRequest::due);
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.gate = new AuthorityResponseGate(responder, evidence);
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.escalations = Objects.requireNonNull(escalations, "escalations");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.clientZones = Objects.requireNonNull(clientZones, "clientZones");
    this.clock = Objects.requireNonNull(clock, "clock");
    // The instruction service reads targets and approved compulsions from the stored requests only.
    instructions.register(Target.Kind.AUTHORITY_REQUEST, new InstructionService.Requests() {
      @Override
      public Optional<Target> target(String requestId) {
        return requests.find(requestId).map(v -> AuthorityRequestService.target(v.value()));
      }

      @Override
      public Optional<InstructionService.ApprovedCompulsion> approvedCompulsion(String requestId) {
        return requests.find(requestId).map(Versioned::value)
            .filter(r -> r.information() == Information.PROHIBITED && r.prohibition() != null
                && r.prohibition().liftedAt() == null && r.compulsion() != null)
            .map(r -> new InstructionService.ApprovedCompulsion(r.compulsion().id(),
                r.compulsion().legalBasis(), r.compulsion().approvedBy(),
                r.compulsion().approvedAt()));
      }
    });
  }

  // ---- intake (R-AUTH-1) ----

  /**
   * Records an authority's request and informs the client without delay (R-AUTH-1). If the notice
   * fails, it stays pending and {@link #informPending()} retries it.
   *
   * @param by the processor's operator, privacy contact or designated officer
   * @throws IllegalArgumentException if the intake is invalid or received in the future
   */
  public AuthorityRequest receive(ProcessorPrincipal by, AuthorityRequestIntake intake) {
    requireStaff(by);
    AuthorityRequest r = newRequest(by, intake, Information.PENDING, null);
    EvidenceRecord evidenceRecord = received(r, by);
    Versioned<AuthorityRequest> v = requests.insert(r.id(), r.client(), r);
    evidence.append(evidenceRecord);
    LOG.info("authority request {} received ({})", r.id(), r.kind());
    return inform(v);
  }

  /**
   * Records an authority's request that the law forbids disclosing to the client, with the legal
   * basis of the prohibition and its review date (R-AUTH-1). The client is not informed; the
   * request does not appear in its views or its evidence until the prohibition lifts.
   *
   * @param by the processor's designated officer
   * @throws SecurityException unless {@code by} is the designated officer
   */
  public AuthorityRequest receiveUnderProhibition(ProcessorPrincipal by,
      AuthorityRequestIntake intake, Prohibition prohibition) {
    requireOfficer(by);
    Constraints.check(Objects.requireNonNull(prohibition, "prohibition"));
    AuthorityRequest r = newRequest(by, intake, Information.PROHIBITED,
        new AuthorityRequest.ProhibitionRecord(prohibition.legalBasis(), prohibition.reviewOn(),
            by.id(), clock.instant(), null, null, null, null));
    EvidenceRecord evidenceRecord = received(r, by);
    EvidenceRecord prohibited = base(r, "authority.prohibition.recorded", by.id())
        .withBasis(prohibition.legalBasis()).withDetail("review_on", prohibition.reviewOn());
    requests.insert(r.id(), r.client(), r);
    evidence.append(evidenceRecord);
    evidence.append(prohibited);
    LOG.info("authority request {} received under a prohibition to inform the client", r.id());
    return r;
  }

  /**
   * Keeps a prohibition in force after its review, until a new review date.
   *
   * @throws IllegalStateException if the request is not under a prohibition
   */
  public AuthorityRequest renewProhibition(ProcessorPrincipal by, String requestId,
      LocalDate reviewOn, String reason) {
    requireOfficer(by);
    Objects.requireNonNull(reviewOn, "reviewOn");
    String why = Constraints.reason(reason);
    Versioned<AuthorityRequest> v = load(requestId);
    AuthorityRequest r = v.value();
    requireProhibited(r, "renew its prohibition");
    if (!reviewOn.isAfter(LocalDate.ofInstant(clock.instant(), r.clientZone()))) {
      throw new IllegalArgumentException("the next review date must be in the future");
    }
    AuthorityRequest renewed = r.with(r.information(), r.clientInformedAt(),
        r.prohibition().renewed(reviewOn));
    EvidenceRecord evidenceRecord = base(r, "authority.prohibition.renewed", by.id())
        .withBasis(r.prohibition().legalBasis()).withDetail("review_on", reviewOn)
        .withDetail("reason", why);
    requests.update(requestId, v, renewed);
    evidence.append(evidenceRecord);
    return renewed;
  }

  /**
   * Lifts a prohibition to inform: the client is informed now, including whether the processor
   * already answered under legal compulsion (R-AUTH-3).
   *
   * @throws IllegalStateException if the request is not under a prohibition
   */
  public AuthorityRequest liftProhibition(ProcessorPrincipal by, String requestId, String reason) {
    requireOfficer(by);
    String why = Constraints.reason(reason);
    Versioned<AuthorityRequest> v = load(requestId);
    AuthorityRequest r = v.value();
    requireProhibited(r, "lift its prohibition");
    AuthorityRequest lifted = r.with(Information.PENDING, null,
        r.prohibition().lifted(by.id(), clock.instant(), why));
    EvidenceRecord evidenceRecord = base(lifted, "authority.prohibition.lifted", by.id())
        .withBasis(r.prohibition().legalBasis()).withDetail("reason", why);
    v = requests.update(requestId, v, lifted);
    evidence.append(evidenceRecord);
    return inform(v);
  }

  /** Informs every client whose notice is pending (retrying failures); returns how many were. */
  public int informPending() {
    int sent = 0;
    for (Versioned<AuthorityRequest> v : requests.listDue(clock.instant())) {
      try {
        if (v.value().information() == Information.PENDING
            && inform(v).information() == Information.INFORMED) {
          sent++;
        }
      } catch (StaleStateException another) {
        LOG.debug("authority request {} changed concurrently; left to the other node",
            v.value().id());
      }
    }
    return sent;
  }

  /**
   * Prohibitions whose review date has come, oldest first.
   *
   * @throws SecurityException unless {@code reader} is the designated officer or privacy contact
   */
  public List<AuthorityRequest> reviewsDue(ProcessorPrincipal reader) {
    Objects.requireNonNull(reader, "reader");
    instructions.access().require(reader, Operation.AUTHORITY_REVIEWS, null);
    return dueReviews().stream().map(Versioned::value).toList();
  }

  /**
   * Escalates to the privacy contact every prohibition whose review date has come and was not
   * escalated yet; returns the escalations delivered.
   */
  public List<Escalation> escalateDueReviews() {
    List<Escalation> sent = new ArrayList<>();
    for (Versioned<AuthorityRequest> v : dueReviews()) {
      AuthorityRequest r = v.value();
      Escalation e = new Escalation(Escalation.Reason.PROHIBITION_REVIEW_DUE, r.id(), r.client(),
          r.prohibition().reviewOn().atStartOfDay(r.clientZone()).toInstant());
      try {
        escalations.escalate(e);
      } catch (RuntimeException failure) {
        LOG.warn("could not escalate the review of {}; will retry: {}", r.id(),
            failure.getClass().getSimpleName());
        continue;
      }
      try {
        requests.update(r.id(), v, r.with(r.information(), r.clientInformedAt(),
            r.prohibition().reviewEscalated()));
      } catch (StaleStateException another) {
        LOG.debug("authority request {} changed concurrently; left to the other node", r.id());
        continue;
      }
      evidence.append(base(r, "authority.prohibition.review_escalated", "system")
          .withBasis(r.prohibition().legalBasis()).withDetail("review_on",
              r.prohibition().reviewOn()));
      sent.add(e);
    }
    return sent;
  }

  // ---- reading (R-ACC-2) ----

  /**
   * One request, if {@code reader} may see it: processor staff see all; a client's readers see
   * their client's requests except those under a prohibition to inform.
   */
  public Optional<AuthorityRequest> find(Principal reader, String requestId) {
    instructions.access().require(reader, Operation.AUTHORITY_READ, null);
    return requests.find(requestId).map(Versioned::value).filter(r -> visible(reader, r));
  }

  /**
   * The requests of one client that {@code reader} may see, oldest id first.
   *
   * @throws SecurityException if {@code reader} may not read the client's affairs
   */
  public List<AuthorityRequest> list(Principal reader, ClientId client) {
    instructions.access().require(reader, Operation.AUTHORITY_READ, client);
    return requests.list(client).stream().map(Versioned::value).filter(r -> visible(reader, r))
        .toList();
  }

  // ---- answering (R-AUTH-2, R-AUTH-3) ----

  /**
   * Records the client's instruction about a request it was informed of.
   *
   * @throws NoSuchElementException if the request is not visible to {@code by}
   * @throws IllegalStateException if it is closed
   */
  public Instruction instruct(Principal by, String requestId, InstructionDraft draft) {
    Objects.requireNonNull(by, "by");
    AuthorityRequest r;
    try {
      r = requests.find(requestId).map(Versioned::value)
          .filter(x -> by.mayActFor(x.client()) && informable(by, x))
          .orElseThrow(() -> new NoSuchElementException(noRequest(requestId, by)));
      if (r.state() == State.CLOSED) {
        throw new IllegalStateException("authority request " + requestId + " is closed");
      }
    } catch (RuntimeException e) {
      evidence.append(EvidenceRecord.of("authority.instruction.refused", by.id())
          .withClient(by instanceof ClientPrincipal p ? p.client() : null)
          .withDetail("request", String.valueOf(requestId)).withDetail("reason", e.getMessage()));
      throw e;
    }
    return instructions.record(by, Target.Kind.AUTHORITY_REQUEST, r.id(), draft);
  }

  /**
   * Answers the authority on the client's RESPOND_TO_AUTHORITY instruction covering the disclosed
   * categories (R-AUTH-2). Only when the client was informed; while a prohibition holds use {@link
   * #respondUnderCompulsion}. Without a verified instruction it throws and records the attempt.
   *
   * @throws InstructionRefusedException if the instruction does not verify
   * @throws IllegalStateException if the client was not informed, or the request is not open
   */
  public AuthorityRequest respond(Principal by, String requestId, String instructionId,
      AuthorityAnswer answer) {
    return answer(by, requestId, AuthorityRequest.Authority.INSTRUCTION, instructionId, answer);
  }

  /**
   * Records the legal compulsion to answer while the client may not be informed, approved by the
   * processor's designated officer (R-AUTH-3).
   *
   * @throws SecurityException unless {@code officer} is the designated officer
   * @throws IllegalStateException unless a prohibition holds and the request is open
   */
  public AuthorityRequest approveCompulsion(ProcessorPrincipal officer, String requestId,
      Compulsion compulsion) {
    requireOfficer(officer);
    Constraints.check(Objects.requireNonNull(compulsion, "compulsion"));
    Versioned<AuthorityRequest> v = load(requestId);
    AuthorityRequest r = v.value();
    requireProhibited(r, "approve a compulsion");
    if (r.state() != State.OPEN) {
      throw new IllegalStateException("authority request " + requestId + " is " + r.state());
    }
    AuthorityRequest.CompulsionRecord c = new AuthorityRequest.CompulsionRecord(
        "comp-" + UUID.randomUUID(), compulsion.legalBasis(), compulsion.documentReference(),
        officer.id(), clock.instant());
    AuthorityRequest approved = r.withCompulsion(c);
    EvidenceRecord evidenceRecord =
        base(r, "authority.compulsion.approved", officer.id()).withBasis(c.id())
        .withDetail("legal_basis", c.legalBasis()).withDetail("document", c.documentReference());
    requests.update(requestId, v, approved);
    evidence.append(evidenceRecord);
    return approved;
  }

  /**
   * Answers the authority while the law forbids informing the client, under the compulsion the
   * designated officer approved (R-AUTH-3). The designated officer sends it. Refused attempts throw
   * and are recorded.
   *
   * @throws SecurityException unless {@code officer} is the designated officer
   * @throws IllegalStateException if no prohibition holds, no compulsion was approved, or the
   *     request is not open
   */
  public AuthorityRequest respondUnderCompulsion(ProcessorPrincipal officer, String requestId,
      AuthorityAnswer answer) {
    return answer(officer, requestId, AuthorityRequest.Authority.COMPULSION, null, answer);
  }

  /** Closes a request, with a reason. @throws IllegalStateException if closed or answering */
  public AuthorityRequest close(Principal by, String requestId, String reason) {
    Objects.requireNonNull(by, "by");
    String why = Constraints.reason(reason);
    Versioned<AuthorityRequest> v = requests.find(requestId)
        .filter(x -> by.mayActFor(x.value().client()) && informable(by, x.value()))
        .orElseThrow(() -> new NoSuchElementException(noRequest(requestId, by)));
    AuthorityRequest r = v.value();
    instructions.access().require(by, Operation.AUTHORITY_HANDLE, r.client());
    if (r.state() == State.CLOSED || r.state() == State.RESPONDING) {
      throw new IllegalStateException("authority request " + requestId + " is " + r.state()
          + " and cannot be closed");
    }
    AuthorityRequest closed = r.closed(new AuthorityRequest.Closure(by.id(), clock.instant(), why));
    EvidenceRecord evidenceRecord =
        base(r, "authority.request.closed", by.id()).withDetail("reason", why);
    requests.update(requestId, v, closed);
    evidence.append(evidenceRecord);
    return closed;
  }

  // ---- internals ----

  private AuthorityRequest answer(Principal by, String requestId,
      AuthorityRequest.Authority under, String instructionId, AuthorityAnswer answer) {
    Objects.requireNonNull(by, "by");
    Versioned<AuthorityRequest> v = null;
    ResponseAuthorization authorization;
    List<HostRecord> data;
    try {
      Objects.requireNonNull(requestId, "requestId");
      v = requests.find(requestId).filter(x -> by.mayActFor(x.value().client())
              && informable(by, x.value()))
          .orElseThrow(() -> new NoSuchElementException(noRequest(requestId, by)));
      AuthorityRequest r = v.value();
      instructions.access().require(by, under == AuthorityRequest.Authority.INSTRUCTION
          ? Operation.AUTHORITY_HANDLE : Operation.AUTHORITY_PROHIBITION, r.client());
      boolean resumable = r.state() == State.RESPONDING && r.answer() != null
          && r.answer().under() == under;
      if (r.state() != State.OPEN && !resumable) {
        throw new IllegalStateException("authority request " + requestId + " is " + r.state());
      }
      Constraints.check(Objects.requireNonNull(answer, "answer"));
      if (!r.categories().containsAll(answer.include())) {
        throw new IllegalArgumentException("the answer discloses categories the authority did not"
            + " ask for");
      }
      authorization = under == AuthorityRequest.Authority.INSTRUCTION
          ? byInstruction(by, r, instructionId, answer.include())
          : byCompulsion(by, r);
      data = dataOf(r, answer.include());
    } catch (RuntimeException e) {
      refused(by, v == null ? null : v.value(), requestId, instructionId, under, e);
      throw e;
    }
    AuthorityRequest r = v.value();
    AuthorityRequest.Answer started = r.state() == State.RESPONDING ? r.answer()
        : new AuthorityRequest.Answer("resp-" + UUID.randomUUID(), under, authorization.basis(),
            by.id(), clock.instant(), null);
    v = requests.update(requestId, v, r.withAnswer(State.RESPONDING, started));
    gate.send(authorization, v.value(), started.responseId(), answer.message(), data, by.id(),
        base(r, "authority.response", by.id()));
    AuthorityRequest done = v.value().withAnswer(State.ANSWERED, new AuthorityRequest.Answer(
        started.responseId(), under, authorization.basis(), by.id(), started.startedAt(),
        clock.instant()));
    requests.update(requestId, v, done);
    LOG.info("authority request {} answered under {}", requestId, under);
    return done;
  }

  private ResponseAuthorization byInstruction(Principal by, AuthorityRequest r, String instructionId,
      Set<CategoryId> scope) {
    if (r.information() != Information.INFORMED) {
      throw new IllegalStateException("authority request " + r.id() + ": the client has not been"
          + " informed, so it cannot have instructed an answer");
    }
    Verification verdict = instructions.verify(by, instructionId, Target.Kind.AUTHORITY_REQUEST,
        r.id(), InstructedAction.RESPOND_TO_AUTHORITY, scope);
    if (!(verdict instanceof Verification.Verified ok)) {
      throw new InstructionRefusedException(verdict);
    }
    return ok.proof();
  }

  private LegalCompulsion byCompulsion(Principal by, AuthorityRequest r) {
    if (r.information() != Information.PROHIBITED) {
      throw new IllegalStateException("authority request " + r.id() + ": no prohibition to inform"
          + " the client holds, so the answer needs the client's instruction (R-AUTH-2)");
    }
    if (r.compulsion() == null) {
      throw new IllegalStateException("authority request " + r.id() + ": no legal compulsion has"
          + " been approved by the designated officer");
    }
    if (!(by instanceof ProcessorPrincipal officer)) {
      throw new SecurityException(
          "only the processor's designated officer answers under compulsion");
    }
    return instructions.compulsion(officer, r.id());
  }

  private void refused(Principal by, AuthorityRequest r, String requestId, String instructionId,
      AuthorityRequest.Authority under, RuntimeException e) {
    EvidenceRecord rec = r != null ? base(r, "authority.response.refused", by.id())
        : EvidenceRecord.of("authority.response.refused", by.id())
            .withClient(by instanceof ClientPrincipal p ? p.client() : null)
            .withDetail("request", String.valueOf(requestId));
    rec = rec.withBasis(instructionId).withDetail("under", under)
        .withDetail("error", e.getClass().getSimpleName());
    if (e instanceof InstructionRefusedException ire
        && ire.verification() instanceof Verification.Refused no) {
      rec = rec.withDetail("failed", EnumSet.copyOf(no.failed()));
    }
    evidence.append(rec);
    LOG.info("refused answering authority request {} by {}: {}", requestId, by.id(),
        e.getClass().getSimpleName());
  }

  private AuthorityRequest inform(Versioned<AuthorityRequest> v) {
    AuthorityRequest r = v.value();
    if (r.information() != Information.PENDING) {
      return r;
    }
    boolean afterProhibition = r.prohibition() != null;
    try {
      notifier.tellClient(new ClientNotice.AuthorityRequest(r.client(), r.id(), r.kind(),
          r.authority(), r.authorityReference(), r.receivedAt(), r.subjects(), r.categories(),
          afterProhibition, r.answer() == null ? null : r.answer().sentAt()));
    } catch (RuntimeException e) {
      LOG.warn("could not inform client {} of authority request {}; will retry: {}", r.client(),
          r.id(), e.getClass().getSimpleName());
      return r;
    }
    AuthorityRequest informed = r.with(Information.INFORMED, clock.instant(), r.prohibition());
    EvidenceRecord evidenceRecord =
        base(informed, "authority.client_informed", "system").withBasis("R-AUTH-1")
        .withDetail("after_prohibition", afterProhibition)
        .withDetail("answered_before", r.answer() != null);
    requests.update(r.id(), v, informed);
    evidence.append(evidenceRecord);
    return informed;
  }

  private AuthorityRequest newRequest(ProcessorPrincipal by, AuthorityRequestIntake intake,
      Information information, AuthorityRequest.ProhibitionRecord prohibition) {
    Constraints.check(Objects.requireNonNull(intake, "intake"));
    if (intake.receivedAt().isAfter(clock.instant())) {
      throw new IllegalArgumentException("a request cannot be received in the future");
    }
    return new AuthorityRequest("auth-" + UUID.randomUUID(), intake.client(), intake.kind(),
        intake.authority(), intake.authorityReference(), intake.subjects(), intake.categories(),
        intake.receivedAt(), by.id(), clientZones.apply(intake.client()), information, null,
        prohibition, null, State.OPEN, null, null);
  }

  private EvidenceRecord received(AuthorityRequest r, ProcessorPrincipal by) {
    return base(r, "authority.request.received", by.id()).withBasis("R-AUTH-1")
        .withDetail("kind", r.kind()).withDetail("authority", r.authority())
        .withDetail("categories", new TreeSet<>(r.categories()))
        .withDetail("subjects", r.subjects().stream().map(pseudonymizer::pseudonym).sorted()
            .toList());
  }

  /**
   * The evidence record for a step on {@code r}: under the client while it may know of the
   * request, processor-wide (client named in the details) while the law forbids informing it.
   */
  private static EvidenceRecord base(AuthorityRequest r, String action, String actor) {
    EvidenceRecord rec = EvidenceRecord.of(action, actor).withDetail("request", r.id());
    return r.information() == Information.PROHIBITED
        ? rec.withDetail("client", r.client().value())
        : rec.withClient(r.client());
  }

  private List<Versioned<AuthorityRequest>> dueReviews() {
    return requests.listDue(clock.instant()).stream()
        .filter(v -> v.value().information() == Information.PROHIBITED)
        .sorted(Comparator.comparing(v -> v.value().prohibition().reviewOn())).toList();
  }

  private List<HostRecord> dataOf(AuthorityRequest r, Set<CategoryId> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    List<HostRecord> out = new ArrayList<>();
    if (r.subjects().isEmpty()) {
      for (CategoryId c : new TreeSet<>(categories)) {
        hostData.stream(r.client(), c, out::add);
      }
      return out;
    }
    return hostData.findSubject(r.client(), r.subjects()).stream()
        .filter(h -> categories.contains(h.category()))
        .sorted(Comparator.comparing(HostRecord::category).thenComparing(HostRecord::id)).toList();
  }

  private boolean visible(Principal reader, AuthorityRequest r) {
    return instructions.access().allows(reader, Operation.AUTHORITY_READ, r.client())
        && informable(reader, r);
  }

  /** A client's user never sees a request the law forbids telling the client about. */
  private static boolean informable(Principal p, AuthorityRequest r) {
    return p instanceof ProcessorPrincipal || r.information() != Information.PROHIBITED;
  }

  private static Target target(AuthorityRequest r) {
    return new Target(Target.Kind.AUTHORITY_REQUEST, r.id(), r.client(), r.receivedAt());
  }

  private Versioned<AuthorityRequest> load(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return requests.find(requestId)
        .orElseThrow(() -> new NoSuchElementException("no authority request " + requestId));
  }

  private static void requireProhibited(AuthorityRequest r, String what) {
    if (r.information() != Information.PROHIBITED) {
      throw new IllegalStateException("authority request " + r.id() + " is not under a"
          + " prohibition to inform the client; cannot " + what);
    }
  }

  private void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.AUTHORITY_RECEIVE, null);
  }

  private void requireOfficer(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.AUTHORITY_PROHIBITION, null);
  }

  private static String noRequest(String requestId, Principal p) {
    return "no authority request " + requestId + " for principal " + p.id();
  }
}
