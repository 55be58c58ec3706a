package dev.custodian.authority;

import static dev.custodian.authority.AuthorityRequestActions.INSTRUCTION_REFUSED;
import static dev.custodian.authority.AuthorityRequestActions.REQUEST_CLOSED;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.authority.AuthorityRequest.State;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.InstructionService;
import dev.custodian.terms.Target;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
  // This class checks who may do what and which requests they see; the steps themselves live in
  // AuthorityRequestReception, ProhibitionsToInform and AuthorityAnswering.
  static final String KIND = "authority.request";

  private final Repository<AuthorityRequest> requests;
  private final InstructionService instructions;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final AuthorityRequestReception reception;
  private final ProhibitionsToInform prohibitions;
  private final AuthorityAnswering answering;

  /** Built by {@code Custodian}; tests may build one directly. */
  public AuthorityRequestService(StateStore store, HostData hostData,
      InstructionService instructions, Responder responder, RequestNotifier notifier,
      EscalationChannel escalations, EvidenceLog evidence, Pseudonymizer pseudonymizer,
      Function<ClientId, ZoneId> clientZones, Clock clock) {
    this.requests = new Repository<>(store, KIND, AuthorityRequest.class, AuthorityRequest::due);
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.answering = new AuthorityAnswering(requests, hostData, instructions,
        new AuthorityResponseGate(responder, evidence), evidence, clock);
    this.reception = new AuthorityRequestReception(requests, notifier, evidence, pseudonymizer,
        clientZones, clock);
    this.prohibitions = new ProhibitionsToInform(requests, escalations, evidence, clock);
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
    return reception.receive(by, intake);
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
    return reception.receiveUnderProhibition(by, intake, prohibition);
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
    return prohibitions.renew(by, load(requestId), reviewOn, why);
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
    return reception.inform(prohibitions.lift(by, load(requestId), why));
  }

  /** Informs every client whose notice is pending (retrying failures); returns how many were. */
  public int informPending() {
    return reception.informPending();
  }

  /**
   * Prohibitions whose review date has come, oldest first.
   *
   * @throws SecurityException unless {@code reader} is the designated officer or privacy contact
   */
  public List<AuthorityRequest> reviewsDue(ProcessorPrincipal reader) {
    Objects.requireNonNull(reader, "reader");
    instructions.access().require(reader, Operation.AUTHORITY_REVIEWS, null);
    return prohibitions.dueReviews().stream().map(Versioned::value).toList();
  }

  /**
   * Escalates to the privacy contact every prohibition whose review date has come and was not
   * escalated yet; returns the escalations delivered.
   */
  public List<Escalation> escalateDueReviews() {
    return prohibitions.escalateDueReviews();
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
      evidence.append(EvidenceRecord.of(INSTRUCTION_REFUSED, by.id())
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
    return answering.answer(by, requestId, AuthorityRequest.Authority.INSTRUCTION, instructionId,
        answer);
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
    return prohibitions.approveCompulsion(officer, load(requestId), compulsion);
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
    return answering.answer(officer, requestId, AuthorityRequest.Authority.COMPULSION, null,
        answer);
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
        AuthorityEvidence.of(r, REQUEST_CLOSED, by.id()).withDetail("reason", why);
    requests.update(requestId, v, closed);
    evidence.append(evidenceRecord);
    return closed;
  }

  // ---- internals ----

  private boolean visible(Principal reader, AuthorityRequest r) {
    return instructions.access().allows(reader, Operation.AUTHORITY_READ, r.client())
        && informable(reader, r);
  }

  /** A client's user never sees a request the law forbids telling the client about. */
  static boolean informable(Principal p, AuthorityRequest r) {
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

  private void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.AUTHORITY_RECEIVE, null);
  }

  private void requireOfficer(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.AUTHORITY_PROHIBITION, null);
  }

  static String noRequest(String requestId, Principal p) {
    return "no authority request " + requestId + " for principal " + p.id();
  }
}
