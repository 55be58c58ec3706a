package dev.custodian.dsr;

import static dev.custodian.dsr.SubjectRequestActions.CASE_CLOSED;
import static dev.custodian.dsr.SubjectRequestActions.CASE_LOCATED;

import dev.custodian.client.ClientId;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.dsr.SubjectCase.State;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.InstructionService;
import dev.custodian.terms.Target;
import dev.custodian.instruction.Verification;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionService;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Subject requests (R-DSR-1 to R-DSR-8): intake, routing to the clients holding data on the
 * subject (one {@link SubjectCase} per client, each knowing only its own data), client
 * notification within a deadline with escalation of overdue ones, the client's legal clock, and
 * the instructed actions: export for the client, erasure, restriction, rectification, and the
 * answer to the subject.
 *
 * <p>Nothing is done with the subject's data, and nothing is sent to the subject, without the
 * client's written, specific and prior instruction verified by the {@link InstructionService}
 * (R-DSR-3, R-DSR-4). Every refused attempt throws and is recorded as evidence. Every state change
 * is stored before its side effect runs, so a crash resumes: call {@link #route}, {@link
 * #notifyPending()} or the interrupted action again.
 *
 * <p>Obtain it from {@code custodian.subjectRequests()}. Thread-safe: concurrent changes to one
 * request surface as {@link dev.custodian.spi.StaleStateException}; re-read and retry.
 */
public final class SubjectRequestService {
  // This class checks who may do what and on which case; the steps themselves live in
  // SubjectRequestRouting, LegalClockDecisions, InstructedActionRunner and SubjectErasure.

  /** How long the processor has, from receipt, to notify a client, unless configured otherwise. */
  public static final Duration DEFAULT_NOTIFICATION_DEADLINE = Duration.ofHours(24);
  /**
   * How long past its deadline an unsent client notification waits before it is escalated, unless
   * configured otherwise: none, it is escalated at the first check after the deadline.
   */
  public static final Duration DEFAULT_ESCALATION_DELAY = Duration.ZERO;
  /** State kinds. */
  static final String REQUEST_KIND = "dsr.request";
  static final String CASE_KIND = "dsr.case";

  private final Repository<SubjectRequest> requests;
  private final Repository<SubjectCase> cases;
  private final HostData hostData;
  private final InstructionService instructions;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final SubjectRequestRouting routing;
  private final LegalClockDecisions legalClock;
  private final InstructedActionRunner actions;

  /**
   * Built by {@code Custodian}; tests may build one directly.
   *
   * @param clientZones the zone each client's legal clock counts days in
   * @param retention the retention duty, asked for legal minimums and told of deferred erasures
   *     (R-RET-2); read when an erasure starts
   * @param notificationDeadline how long after receipt a client must be notified (R-DSR-2)
   * @param escalationDelay how long past that deadline an unsent notification waits before it is
   *     escalated (R-DSR-2); zero or positive
   */
  public SubjectRequestService(StateStore store, HostData hostData, DeletionGate deletionGate,
      Rectifier rectifier, InstructionService instructions, Responder responder,
      RequestNotifier notifier, EscalationChannel escalations, EvidenceLog evidence,
      Pseudonymizer pseudonymizer, Function<ClientId, ZoneId> clientZones,
      RetentionService retention, Duration notificationDeadline,
      Duration escalationDelay, Clock clock) {
    this.requests = new Repository<>(store, REQUEST_KIND, SubjectRequest.class,
        SubjectRequest::escalationDue);
    this.cases = new Repository<>(store, CASE_KIND, SubjectCase.class,
        SubjectCase::notificationDue);
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routing = new SubjectRequestRouting(requests, cases, hostData, notifier, escalations,
        evidence, pseudonymizer, clientZones, notificationDeadline, escalationDelay, clock);
    this.legalClock = new LegalClockDecisions(cases, evidence, clock);
    this.actions = new InstructedActionRunner(cases, hostData, rectifier, instructions,
        new SubjectResponseGate(responder, evidence),
        new SubjectErasure(cases, hostData, deletionGate, retention, evidence, clock), evidence,
        clock);
    // The instruction verifier reads a case's client and time of receipt from the stored case.
    instructions.register(Target.Kind.SUBJECT_CASE,
        caseId -> cases.find(caseId).map(v -> target(v.value())));
  }

  // ---- intake and routing (R-DSR-1, R-DSR-2, R-DSR-6, R-DSR-7) ----

  /**
   * Records a subject's request, routes it and notifies each client holding data on the subject.
   * A request that matches no client is recorded and escalated to the privacy contact; nothing
   * about data is to be disclosed to the requester (R-DSR-7).
   *
   * @param by the processor's operator or privacy contact who took the request in
   * @throws SecurityException if {@code by} has neither role
   * @throws IllegalArgumentException if the intake is invalid or received in the future
   */
  public SubjectRequest receive(ProcessorPrincipal by, SubjectRequestIntake intake) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.DSR_RECEIVE, null);
    return routing.receive(by, intake);
  }

  /**
   * Routes a received request: one case per client holding data on the subject, each notified at
   * once if possible. Idempotent: on a routed request it only opens and notifies cases a crash left
   * behind; on an unmatched one it retries a failed escalation.
   *
   * @param by processor staff in charge of requests
   * @throws SecurityException unless {@code by} is processor staff in charge of requests
   * @throws NoSuchElementException if there is no such request
   */
  public SubjectRequest route(ProcessorPrincipal by, String requestId) {
    requireStaffReader(by);
    return routing.route(requestId);
  }

  /**
   * Notifies every client not yet told of its case (retrying failed deliveries); returns how many
   * notices went out.
   */
  public int notifyPending() {
    return routing.notifyPending();
  }

  /**
   * Cases whose client was not notified by the deadline (R-DSR-2), oldest deadline first.
   *
   * @throws SecurityException unless {@code reader} is processor staff in charge of requests
   */
  public List<SubjectCase> overdueNotifications(ProcessorPrincipal reader) {
    requireStaffReader(reader);
    return routing.overdue().stream().map(Versioned::value).toList();
  }

  /**
   * Escalates to the privacy contact every client notification overdue by at least the escalation
   * delay (none by default) and not escalated yet, and every unmatched request whose escalation
   * failed before (R-DSR-2, R-DSR-7). Returns the escalations delivered. A notification is overdue,
   * and listed by {@link #overdueNotifications}, from its deadline on, whatever the delay.
   */
  public List<Escalation> escalateOverdue() {
    return routing.escalateOverdue();
  }

  // ---- reading (R-ACC-2) ----

  /**
   * A request as the processor sees it, with the cases it was routed to.
   *
   * @throws SecurityException unless {@code reader} is processor staff in charge of requests
   */
  public Optional<SubjectRequest> request(ProcessorPrincipal reader, String requestId) {
    requireStaffReader(reader);
    return requests.find(requestId).map(Versioned::value);
  }

  /**
   * One case, if {@code reader} may read its client's affairs; a case of another client reads as
   * absent (R-ACC-2).
   */
  public Optional<SubjectCase> findCase(Principal reader, String caseId) {
    instructions.access().require(reader, Operation.DSR_READ_CASE, null);
    return cases.find(caseId).map(Versioned::value)
        .filter(c -> instructions.access().allows(reader, Operation.DSR_READ_CASE, c.client()));
  }

  /**
   * The cases of one client, oldest id first.
   *
   * @throws SecurityException if {@code reader} may not read that client's affairs (R-ACC-2)
   */
  public List<SubjectCase> cases(Principal reader, ClientId client) {
    instructions.access().require(reader, Operation.DSR_READ_CASE, client);
    return cases.list(client).stream().map(Versioned::value).toList();
  }

  /**
   * Where the subject's data lies in the case's client's records now: record counts per category
   * (R-DSR-4). Needs no instruction: it reveals counts, not data. Recorded as evidence.
   */
  public Map<CategoryId, Long> locate(Principal reader, String caseId) {
    SubjectCase c = findCase(reader, caseId)
        .orElseThrow(() -> new NoSuchElementException(noCase(caseId, reader)));
    Map<CategoryId, Long> counts =
        SubjectRequestRouting.countByCategory(hostData.findSubject(c.client(), c.subjects()));
    evidence.append(EvidenceRecord.of(CASE_LOCATED, reader.id()).withClient(c.client())
        .withBasis("R-DSR-4").withDetail("case", c.id()).withDetail("located", counts));
    return counts;
  }

  // ---- instructions (R-DSR-3) ----

  /**
   * Records the client's instruction about a case. It can be acted on only if it verifies at the
   * time of the action.
   *
   * @throws NoSuchElementException if the case does not exist or belongs to another client than
   *     {@code by}'s (the attempt is recorded)
   * @throws IllegalStateException if the case is closed
   * @throws SecurityException see {@link InstructionService#record}
   */
  public Instruction instruct(Principal by, String caseId, InstructionDraft draft) {
    return actions.instruct(by, caseId, draft);
  }

  /** Whether instruction {@code instructionId} would allow {@code action} on the case now. */
  public Verification check(Principal reader, String caseId, String instructionId,
      InstructedAction action, Set<CategoryId> scope) {
    SubjectCase c = findCase(reader, caseId)
        .orElseThrow(() -> new NoSuchElementException(noCase(caseId, reader)));
    return instructions.verify(reader, instructionId, Target.Kind.SUBJECT_CASE, c.id(), action,
        scope);
  }

  // ---- the client's legal clock (R-DSR-8) ----

  /**
   * Extends the client's deadline by one or two months (at most two in all), with a reason. Must
   * be decided within the first month (GDPR 12(3)).
   *
   * @throws IllegalStateException if the case is answered or closed, the first month is over, or
   *     the extension would exceed two months
   */
  public SubjectCase extend(Principal by, String caseId, int months, String reason) {
    return legalClock.extend(by, handled(by, caseId), months, reason);
  }

  /**
   * Pauses the client's clock, with a reason (for example, waiting for the subject to prove their
   * identity).
   *
   * @throws IllegalStateException if already paused, answered or closed
   */
  public SubjectCase pause(Principal by, String caseId, String reason) {
    return legalClock.pause(by, handled(by, caseId), reason);
  }

  /**
   * Resumes a paused clock, with a reason; the paused time is added to the deadline.
   *
   * @throws IllegalStateException if the clock is not paused
   */
  public SubjectCase resume(Principal by, String caseId, String reason) {
    return legalClock.resume(by, handled(by, caseId), reason);
  }

  // ---- instructed actions (R-DSR-3, R-DSR-4) ----

  /**
   * Produces, for the client, the subject's data in the given categories of its records, to
   * answer an access or portability request (R-DSR-4). Needs an EXPORT instruction covering the
   * categories.
   *
   * @throws InstructionRefusedException if the instruction does not verify (recorded)
   */
  public SubjectExport exportForClient(Principal by, String caseId, String instructionId,
      Set<CategoryId> categories) {
    return actions.exportForClient(by, caseId, instructionId, categories);
  }

  /**
   * Erases the subject's records in the given categories, through the hold-aware deletion gate:
   * records under a legal hold are spared and counted (R-DSR-4, R-HOLD-2). Records the law still
   * requires keeping (traffic data, CPCE L.34-1) are not deleted now: the deletion is recorded with
   * the retention duty, deferred to the end of their legal period, and counted (R-RET-2). Progress
   * is stored before every batch; calling again with the same instruction after a crash resumes.
   *
   * @throws InstructionRefusedException if the instruction does not verify (recorded)
   */
  public ErasureReport erase(Principal by, String caseId, String instructionId,
      Set<CategoryId> categories) {
    return actions.erase(by, caseId, instructionId, categories);
  }

  /**
   * Restricts processing of the subject's records in the given categories: the host keeps them but
   * no longer processes them (R-DSR-4). Returns how many records were newly restricted.
   *
   * @throws InstructionRefusedException if the instruction does not verify (recorded)
   */
  public long restrict(Principal by, String caseId, String instructionId,
      Set<CategoryId> categories) {
    return actions.restrict(by, caseId, instructionId, categories);
  }

  /**
   * Corrects the subject's records through the host's {@link Rectifier} (R-DSR-4). Each corrected
   * record must be one of the subject's records in this client's data. Returns how many records
   * the host corrected.
   *
   * @throws InstructionRefusedException if the instruction does not verify (recorded)
   * @throws IllegalArgumentException if a record is not one of the subject's
   */
  public int rectify(Principal by, String caseId, String instructionId,
      List<Correction> corrections) {
    return actions.rectify(by, caseId, instructionId, corrections);
  }

  /**
   * Answers the subject through the host's responder, on the client's RESPOND_TO_SUBJECT
   * instruction covering the attached categories (R-DSR-3). The case moves to RESPONDING before
   * the responder is called and to RESPONDED after; if the responder fails, calling again resends
   * the same response id.
   *
   * <p>This is the only way the library answers a subject. Without a verified instruction it
   * throws {@link InstructionRefusedException} and records the attempt; a case that is not the
   * caller's, not open, or a caller without the right to act, is refused and recorded alike.
   */
  public SubjectCase respond(Principal by, String caseId, String instructionId,
      SubjectAnswer answer) {
    return actions.respond(by, caseId, instructionId, answer);
  }

  /**
   * Closes a case (the client answered the subject itself, or nothing more is to be done), with a
   * reason.
   *
   * @throws IllegalStateException if it is already closed or an answer is being sent
   */
  public SubjectCase close(Principal by, String caseId, String reason) {
    Versioned<SubjectCase> v = handled(by, caseId);
    SubjectCase c = v.value();
    String why = Constraints.reason(reason);
    if (c.state() == State.CLOSED || c.state() == State.RESPONDING) {
      throw new IllegalStateException("subject case " + caseId + " is " + c.state()
          + " and cannot be closed");
    }
    SubjectCase closed = c.closed(new SubjectCase.Closure(by.id(), clock.instant(), why));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(CASE_CLOSED, by.id()).withClient(c.client())
        .withDetail("case", caseId).withDetail("reason", why);
    cases.update(caseId, v, closed);
    evidence.append(evidenceRecord);
    return closed;
  }

  // ---- internals ----

  /** The case, if {@code by} sees it and may handle its client's requests. */
  private Versioned<SubjectCase> handled(Principal by, String caseId) {
    Objects.requireNonNull(by, "by");
    Versioned<SubjectCase> v = cases.find(caseId).filter(x -> by.mayActFor(x.value().client()))
        .orElseThrow(() -> new NoSuchElementException(noCase(caseId, by)));
    if (!instructions.mayHandle(by, v.value().client())) {
      throw new SecurityException("principal " + by.id() + " may not act on client "
          + v.value().client() + "'s requests");
    }
    return v;
  }

  private void requireStaffReader(ProcessorPrincipal reader) {
    Objects.requireNonNull(reader, "reader");
    instructions.access().require(reader, Operation.DSR_READ_REQUEST, null);
  }

  private static Target target(SubjectCase c) {
    return new Target(Target.Kind.SUBJECT_CASE, c.id(), c.client(), c.receivedAt());
  }

  static String noCase(String caseId, Principal p) {
    return "no subject case " + caseId + " for principal " + p.id();
  }
}
