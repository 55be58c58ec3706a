package dev.custodian.dsr;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.dsr.SubjectCase.ErasureRun;
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
import dev.custodian.instruction.VerifiedInstruction;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.ClockStart;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionService;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final int ERASURE_BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(SubjectRequestService.class);

  private final Repository<SubjectRequest> requests;
  private final Repository<SubjectCase> cases;
  private final HostData hostData;
  private final DeletionGate deletionGate;
  private final Rectifier rectifier;
  private final InstructionService instructions;
  private final SubjectResponseGate gate;
  private final RequestNotifier notifier;
  private final EscalationChannel escalations;
  private final EvidenceLog evidence;
  private final Pseudonymizer pseudonymizer;
  private final Function<ClientId, ZoneId> clientZones;
  private final Supplier<RetentionService> retention;
  private final Duration notificationDeadline;
  private final Duration escalationDelay;
  private final Clock clock;

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
      Supplier<RetentionService> retention, Duration notificationDeadline,
      Duration escalationDelay, Clock clock) {
    this.requests = new Repository<>(store, REQUEST_KIND, SubjectRequest.class,
        SubjectRequest::escalationDue);
    this.cases = new Repository<>(store, CASE_KIND, SubjectCase.class,
        SubjectCase::notificationDue);
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.deletionGate = Objects.requireNonNull(deletionGate, "deletionGate");
    this.rectifier = Objects.requireNonNull(rectifier, "rectifier");
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.gate = new SubjectResponseGate(responder, evidence);
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.escalations = Objects.requireNonNull(escalations, "escalations");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.clientZones = Objects.requireNonNull(clientZones, "clientZones");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.notificationDeadline =
        Objects.requireNonNull(notificationDeadline, "notificationDeadline");
    if (notificationDeadline.isNegative() || notificationDeadline.isZero()) {
      throw new IllegalArgumentException("the notification deadline must be positive");
    }
    this.escalationDelay = Objects.requireNonNull(escalationDelay, "escalationDelay");
    if (escalationDelay.isNegative()) {
      throw new IllegalArgumentException("the escalation delay must be zero or positive");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
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
    Constraints.check(Objects.requireNonNull(intake, "intake"));
    Instant now = clock.instant();
    if (intake.receivedAt().isAfter(now)) {
      throw new IllegalArgumentException("a request cannot be received in the future");
    }
    SubjectRequest r = new SubjectRequest("dsr-" + UUID.randomUUID(), intake.right(),
        intake.channel(), intake.receivedAt(), intake.identifiers(), intake.reference(), by.id(),
        now, SubjectRequest.State.RECEIVED, List.of(), null);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.request.received", by.id()).withBasis("R-DSR-1")
        .withDetail("request", r.id()).withDetail("right", r.right())
        .withDetail("channel", r.channel()).withDetail("received_at", r.receivedAt())
        .withDetail("subjects", pseudonyms(r.subjects()));
    requests.insert(r.id(), null, r);
    evidence.append(evidenceRecord);
    LOG.info("subject request {} received ({}, {})", r.id(), r.right(), r.channel());
    return route(r.id());
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
    return route(requestId);
  }

  private SubjectRequest route(String requestId) {
    Versioned<SubjectRequest> v = requests.find(requestId)
        .orElseThrow(() -> new NoSuchElementException("no subject request " + requestId));
    SubjectRequest r = v.value();
    switch (r.state()) {
      case ROUTED -> {
        openCases(r);
        return r;
      }
      case UNMATCHED -> {
        return r.escalatedAt() == null ? escalateUnmatched(v) : r;
      }
      case RECEIVED -> {
        // routed below
      }
    }
    Set<ClientId> clients = new TreeSet<>(hostData.clientsHolding(r.subjects()));
    if (clients.isEmpty()) {
      EvidenceRecord evidenceRecord =
          EvidenceRecord.of("dsr.request.unmatched", "system").withBasis("R-DSR-7")
          .withDetail("request", r.id());
      v = requests.update(r.id(), v, r.unmatched());
      evidence.append(evidenceRecord);
      LOG.info("subject request {} matches no client; escalating", r.id());
      return escalateUnmatched(v);
    }
    List<SubjectRequest.CaseRef> refs = clients.stream()
        .map(c -> new SubjectRequest.CaseRef(c, "case-" + UUID.randomUUID())).toList();
    SubjectRequest routed = r.routed(refs);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.request.routed", "system").withBasis("R-DSR-2")
        .withDetail("request", r.id()).withDetail("cases",
            refs.stream().map(SubjectRequest.CaseRef::caseId).toList());
    requests.update(r.id(), v, routed);
    evidence.append(evidenceRecord);
    LOG.info("subject request {} routed to {} case(s)", r.id(), refs.size());
    openCases(routed);
    return routed;
  }

  /**
   * Notifies every client not yet told of its case (retrying failed deliveries); returns how many
   * notices went out.
   */
  public int notifyPending() {
    int sent = 0;
    for (Versioned<SubjectCase> v : cases.listDue(clock.instant().plus(notificationDeadline))) {
      try {
        if (v.value().state() == State.AWAITING_NOTIFICATION
            && notifyCase(v).value().state() == State.OPEN) {
          sent++;
        }
      } catch (StaleStateException another) {
        LOG.debug("subject case {} changed concurrently; left to the other node", v.value().id());
      }
    }
    return sent;
  }

  /**
   * Cases whose client was not notified by the deadline (R-DSR-2), oldest deadline first.
   *
   * @throws SecurityException unless {@code reader} is processor staff in charge of requests
   */
  public List<SubjectCase> overdueNotifications(ProcessorPrincipal reader) {
    requireStaffReader(reader);
    return overdue().stream().map(Versioned::value).toList();
  }

  /**
   * Escalates to the privacy contact every client notification overdue by at least the escalation
   * delay (none by default) and not escalated yet, and every unmatched request whose escalation
   * failed before (R-DSR-2, R-DSR-7). Returns the escalations delivered. A notification is overdue,
   * and listed by {@link #overdueNotifications}, from its deadline on, whatever the delay.
   */
  public List<Escalation> escalateOverdue() {
    List<Escalation> sent = new ArrayList<>();
    Instant now = clock.instant();
    for (Versioned<SubjectCase> v : overdue()) {
      SubjectCase c = v.value();
      if (c.notificationEscalatedAt() != null
          || c.notifyBy().plus(escalationDelay).isAfter(now)) {
        continue;
      }
      Escalation e = new Escalation(Escalation.Reason.CLIENT_NOTIFICATION_OVERDUE, c.id(),
          c.client(), c.notifyBy());
      if (deliver(e) && updated(() -> cases.update(c.id(), v, c.notificationEscalated(now)))) {
        evidence.append(EvidenceRecord.of("dsr.case.notification_escalated", "system")
            .withClient(c.client()).withBasis("R-DSR-2").withDetail("case", c.id())
            .withDetail("notify_by", c.notifyBy())
            .withDetail("escalation_delay", escalationDelay));
        sent.add(e);
      }
    }
    for (Versioned<SubjectRequest> v : requests.listDue(now)) {
      try {
        if (escalateUnmatched(v).escalatedAt() != null) {
          sent.add(new Escalation(Escalation.Reason.UNMATCHED_SUBJECT_REQUEST, v.value().id(),
              null, v.value().receivedAt()));
        }
      } catch (StaleStateException another) {
        LOG.debug("subject request {} changed concurrently; left to the other node",
            v.value().id());
      }
    }
    return sent;
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
    Map<CategoryId, Long> counts = countByCategory(hostData.findSubject(c.client(), c.subjects()));
    evidence.append(EvidenceRecord.of("dsr.case.located", reader.id()).withClient(c.client())
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
    Objects.requireNonNull(by, "by");
    SubjectCase c;
    try {
      c = cases.find(caseId).map(Versioned::value).filter(x -> by.mayActFor(x.client()))
          .orElseThrow(() -> new NoSuchElementException(noCase(caseId, by)));
      if (c.state() == State.CLOSED) {
        throw new IllegalStateException("subject case " + caseId + " is closed");
      }
    } catch (RuntimeException e) {
      evidence.append(EvidenceRecord.of("dsr.instruction.refused", by.id())
          .withClient(by instanceof ClientPrincipal p ? p.client() : null)
          .withDetail("case", String.valueOf(caseId)).withDetail("reason", e.getMessage()));
      throw e;
    }
    return instructions.record(by, Target.Kind.SUBJECT_CASE, c.id(), draft);
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
    Versioned<SubjectCase> v = handled(by, caseId);
    SubjectCase c = v.value();
    requireActive(c, "extend its clock");
    String why = Constraints.reason(reason);
    if (months < 1 || months > LegalClock.MAX_EXTENSION_MONTHS) {
      throw new IllegalArgumentException("an extension is one or two months");
    }
    if (c.clock().extensionMonths() + months > LegalClock.MAX_EXTENSION_MONTHS) {
      throw new IllegalStateException("subject case " + caseId + " is already extended by "
          + c.clock().extensionMonths() + " month(s); two months at most in all");
    }
    Instant now = clock.instant();
    if (!now.isBefore(c.clock().firstMonthEnds())) {
      throw new IllegalStateException("subject case " + caseId
          + ": an extension must be decided within the first month");
    }
    SubjectCase extended = c.withClock(c.clock().extended(
        new LegalClock.Extension(months, why, by.id(), now)));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.clock.extended", by.id()).withClient(c.client())
        .withBasis("R-DSR-8").withDetail("case", caseId).withDetail("months", months)
        .withDetail("reason", why).withDetail("due_date", extended.clock().dueDate());
    cases.update(caseId, v, extended);
    evidence.append(evidenceRecord);
    return extended;
  }

  /**
   * Pauses the client's clock, with a reason (for example, waiting for the subject to prove their
   * identity).
   *
   * @throws IllegalStateException if already paused, answered or closed
   */
  public SubjectCase pause(Principal by, String caseId, String reason) {
    Versioned<SubjectCase> v = handled(by, caseId);
    SubjectCase c = v.value();
    requireActive(c, "pause its clock");
    String why = Constraints.reason(reason);
    if (c.clock().paused()) {
      throw new IllegalStateException("subject case " + caseId + "'s clock is already paused");
    }
    SubjectCase paused = c.withClock(c.clock().pausedAt(
        new LegalClock.Pause(clock.instant(), null, why, by.id(), null, null)));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.clock.paused", by.id()).withClient(c.client())
        .withBasis("R-DSR-8").withDetail("case", caseId).withDetail("reason", why);
    cases.update(caseId, v, paused);
    evidence.append(evidenceRecord);
    return paused;
  }

  /**
   * Resumes a paused clock, with a reason; the paused time is added to the deadline.
   *
   * @throws IllegalStateException if the clock is not paused
   */
  public SubjectCase resume(Principal by, String caseId, String reason) {
    Versioned<SubjectCase> v = handled(by, caseId);
    SubjectCase c = v.value();
    String why = Constraints.reason(reason);
    if (!c.clock().paused()) {
      throw new IllegalStateException("subject case " + caseId + "'s clock is not paused");
    }
    SubjectCase resumed = c.withClock(c.clock().resumedAt(clock.instant(), why, by.id()));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.clock.resumed", by.id()).withClient(c.client())
        .withBasis("R-DSR-8").withDetail("case", caseId).withDetail("reason", why)
        .withDetail("due_date", resumed.clock().dueDate());
    cases.update(caseId, v, resumed);
    evidence.append(evidenceRecord);
    return resumed;
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
    return act(by, caseId, instructionId, InstructedAction.EXPORT, categories, null, (v, proof) -> {
      SubjectCase c = v.value();
      List<HostRecord> records = dataOf(c, categories);
      EvidenceRecord evidenceRecord =
          EvidenceRecord.of("dsr.export.produced", by.id()).withClient(c.client())
          .withBasis(instructionId).withDetail("case", caseId)
          .withDetail("categories", sorted(categories)).withDetail("records", records.size());
      cases.update(caseId, v, c.withStep(step(InstructedAction.EXPORT, instructionId, by)));
      evidence.append(evidenceRecord);
      return new SubjectExport(caseId, c.client(), c.right(), clock.instant(), instructionId,
          records);
    });
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
    return act(by, caseId, instructionId, InstructedAction.ERASE, categories, null, (v, proof) -> {
      SubjectCase c = v.value();
      List<CategoryId> order = sorted(categories);
      ErasureRun run = c.erasure() != null && c.erasure().instructionId().equals(instructionId)
          && c.erasure().categories().equals(order)
          ? c.erasure()
          : ErasureRun.start(instructionId, order, legalKeepFrom(c.client(), order));
      v = cases.update(caseId, v,
          c.withStep(step(InstructedAction.ERASE, instructionId, by)).withErasure(run));
      if (!run.deferralRecorded()) {
        run = deferLegallyKept(by, c, run);
        v = cases.update(caseId, v, v.value().withErasure(run));
      }
      while (!run.done()) {
        RecordSelection selection = erasable(c, run.current(), run.keepFrom());
        if (run.afterKey() == null && !run.held().containsKey(run.current())) {
          run = run.heldCounted(deletionGate.countHeld(selection));
          v = cases.update(caseId, v, v.value().withErasure(run));
        }
        DeletionBatch batch = deletionGate.deleteBatch(selection, run.afterKey(), ERASURE_BATCH,
            by.id(), "dsr.erasure.batch", instructionId);
        run = run.after(batch.deleted(), batch.nextKey(), batch.exhausted());
        v = cases.update(caseId, v, v.value().withErasure(run));
      }
      cases.update(caseId, v, v.value().withErasure(null));
      ErasureReport report = new ErasureReport(caseId, instructionId, run.deleted(), run.held(),
          run.deferred(), run.deferredUntil());
      evidence.append(EvidenceRecord.of("dsr.erasure.completed", by.id()).withClient(c.client())
          .withBasis(instructionId).withDetail("case", caseId)
          .withDetail("deleted", report.totalDeleted()).withDetail("held", report.totalHeld())
          .withDetail("deferred", report.totalDeferred()).withDetail("categories", order));
      LOG.info("subject case {}: erased {} record(s), {} spared by holds, {} deferred by law",
          caseId, report.totalDeleted(), report.totalHeld(), report.totalDeferred());
      return report;
    });
  }

  /**
   * Per category under a legal minimum counted from the record's time, the time from which the
   * subject's records must still be kept. One day of margin keeps this on the safe side of the
   * retention calendar's month ends and DST rules; whatever it leaves is deleted by the retention
   * sweep under the deferred deletion request.
   */
  private Map<CategoryId, Instant> legalKeepFrom(ClientId client, List<CategoryId> categories) {
    RetentionService retention = this.retention.get();
    ZoneId zone = retention.settings(Principal.system(), client).zone();
    Instant now = clock.instant();
    Map<CategoryId, Instant> keepFrom = new TreeMap<>();
    for (CategoryId category : categories) {
      for (RetentionRule rule : retention.schedule().policy(category).rules()) {
        if (rule.isLegalFloor() && rule.clock() == ClockStart.RECORD_TIME) {
          Instant from = now.atZone(zone).minus(rule.period()).minusDays(1).toInstant();
          keepFrom.merge(category, from, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    return keepFrom;
  }

  /** Records the deferred part of the erasure with the retention duty, and counts it (R-RET-2). */
  private ErasureRun deferLegallyKept(Principal by, SubjectCase c, ErasureRun run) {
    Map<CategoryId, Long> counts = new TreeMap<>();
    for (Map.Entry<CategoryId, Instant> e : run.keepFrom().entrySet()) {
      counts.put(e.getKey(), hostData.count(RecordSelection.all(c.client(), e.getKey())
          .withSubjects(c.subjects()).withWindow(e.getValue(), null)));
    }
    RetentionService.DeletionRequest request = retention.get().requestDeletion(by, c.client(),
        run.keepFrom().keySet(), c.subjects(), run.instructionId());
    return run.deferralRecorded(counts, request.deferredUntil());
  }

  private static RecordSelection erasable(SubjectCase c, CategoryId category,
      Map<CategoryId, Instant> keepFrom) {
    RecordSelection all = RecordSelection.all(c.client(), category).withSubjects(c.subjects());
    Instant from = keepFrom.get(category);
    return from == null ? all : all.withWindow(null, from);
  }

  /**
   * Restricts processing of the subject's records in the given categories: the host keeps them but
   * no longer processes them (R-DSR-4). Returns how many records were newly restricted.
   *
   * @throws InstructionRefusedException if the instruction does not verify (recorded)
   */
  public long restrict(Principal by, String caseId, String instructionId,
      Set<CategoryId> categories) {
    return act(by, caseId, instructionId, InstructedAction.RESTRICT, categories, null,
        (v, proof) -> {
          SubjectCase c = v.value();
          cases.update(caseId, v, c.withStep(step(InstructedAction.RESTRICT, instructionId, by)));
          long n = 0;
          for (CategoryId category : sorted(categories)) {
            n += hostData.restrict(
                RecordSelection.all(c.client(), category).withSubjects(c.subjects()));
          }
          evidence.append(EvidenceRecord.of("dsr.restriction.applied", by.id())
              .withClient(c.client()).withBasis(instructionId).withDetail("case", caseId)
              .withDetail("categories", sorted(categories)).withDetail("restricted", n));
          return n;
        });
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
    Objects.requireNonNull(corrections, "corrections");
    Set<CategoryId> scope = corrections.stream().map(Correction::category)
        .collect(Collectors.toSet());
    return act(by, caseId, instructionId, InstructedAction.RECTIFY, scope,
        () -> {
          if (corrections.isEmpty()) {
            throw new IllegalArgumentException("no correction given");
          }
          corrections.forEach(Constraints::check);
        },
        (v, proof) -> {
          SubjectCase c = v.value();
          Set<String> own = hostData.findSubject(c.client(), c.subjects()).stream()
              .map(r -> r.category() + "/" + r.id()).collect(Collectors.toSet());
          for (Correction k : corrections) {
            if (!own.contains(k.category() + "/" + k.recordId())) {
              throw new IllegalArgumentException("record " + k.category() + "/" + k.recordId()
                  + " is not one of the subject's records in case " + caseId);
            }
          }
          cases.update(caseId, v, c.withStep(step(InstructedAction.RECTIFY, instructionId, by)));
          int n = 0;
          for (Correction k : corrections) {
            if (rectifier.rectify(c.client(), k.category(), k.recordId(), k.fields())) {
              n++;
            }
          }
          evidence.append(EvidenceRecord.of("dsr.rectification.applied", by.id())
              .withClient(c.client()).withBasis(instructionId).withDetail("case", caseId)
              .withDetail("records", n).withDetail("fields", corrections.stream()
                  .flatMap(k -> k.fields().keySet().stream()).collect(Collectors.toCollection(
                      TreeSet::new))));
          return n;
        });
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
    Set<CategoryId> scope = answer == null ? Set.of() : answer.include();
    return act(by, caseId, instructionId, InstructedAction.RESPOND_TO_SUBJECT, scope,
        () -> Constraints.check(Objects.requireNonNull(answer, "answer")),
        (v, proof) -> {
          SubjectCase c = v.value();
          Instant now = clock.instant();
          SubjectCase.Response response = c.state() == State.RESPONDING && c.response() != null
              ? c.response()
              : new SubjectCase.Response("resp-" + UUID.randomUUID(), instructionId, by.id(), now,
                  null);
          List<HostRecord> data = dataOf(c, answer.include());
          v = cases.update(caseId, v, c.withStep(step(InstructedAction.RESPOND_TO_SUBJECT,
              instructionId, by)).withResponse(State.RESPONDING, response));
          gate.send(proof, v.value(), response.responseId(), answer.message(), data, by.id());
          SubjectCase done = v.value().withResponse(State.RESPONDED,
              new SubjectCase.Response(response.responseId(), instructionId, by.id(),
                  response.startedAt(), clock.instant()));
          cases.update(caseId, v, done);
          LOG.info("subject case {} answered under instruction {}", caseId, instructionId);
          return done;
        });
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
        EvidenceRecord.of("dsr.case.closed", by.id()).withClient(c.client())
        .withDetail("case", caseId).withDetail("reason", why);
    cases.update(caseId, v, closed);
    evidence.append(evidenceRecord);
    return closed;
  }

  // ---- internals ----

  /** The body of an instructed action, run once the instruction verified. */
  @FunctionalInterface
  private interface ActionBody<R> {
    R run(Versioned<SubjectCase> current, VerifiedInstruction proof);
  }

  /**
   * Runs an instructed action: the case must be visible to {@code by}, who must be allowed to act;
   * the case must be open; the instruction must verify. Any refusal before the action runs is
   * recorded as evidence and rethrown.
   */
  private <R> R act(Principal by, String caseId, String instructionId, InstructedAction action,
      Set<CategoryId> scope, Runnable validate, ActionBody<R> body) {
    Objects.requireNonNull(by, "by");
    Versioned<SubjectCase> v = null;
    VerifiedInstruction proof;
    try {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(scope, "scope");
      v = cases.find(caseId).filter(x -> by.mayActFor(x.value().client()))
          .orElseThrow(() -> new NoSuchElementException(noCase(caseId, by)));
      SubjectCase c = v.value();
      if (!instructions.mayHandle(by, c.client())) {
        throw new SecurityException("principal " + by.id() + " may not act on client "
            + c.client() + "'s requests");
      }
      boolean resumable = action == InstructedAction.RESPOND_TO_SUBJECT
          && c.state() == State.RESPONDING;
      if (c.state() != State.OPEN && !resumable) {
        throw new IllegalStateException("subject case " + caseId + " is " + c.state()
            + (c.state() == State.AWAITING_NOTIFICATION ? ": the client has not been notified yet"
                : "") + "; cannot " + action);
      }
      if (validate != null) {
        validate.run();
      }
      Verification verdict = instructions.verify(by, instructionId, Target.Kind.SUBJECT_CASE,
          c.id(), action, scope);
      if (!(verdict instanceof Verification.Verified ok)) {
        throw new InstructionRefusedException(verdict);
      }
      proof = ok.proof();
    } catch (RuntimeException e) {
      refused(by, v == null ? null : v.value(), caseId, instructionId, action, e);
      throw e;
    }
    return body.run(v, proof);
  }

  private void refused(Principal by, SubjectCase c, String caseId, String instructionId,
      InstructedAction action, RuntimeException e) {
    ClientId client = c != null ? c.client()
        : by instanceof ClientPrincipal p ? p.client() : null;
    EvidenceRecord r = EvidenceRecord.of("dsr." + action.name().toLowerCase() + ".refused", by.id())
        .withClient(client).withBasis(instructionId).withDetail("case", String.valueOf(caseId))
        .withDetail("error", e.getClass().getSimpleName());
    if (e instanceof InstructionRefusedException ire) {
      r = r.withDetail("verdict", ire.verification().getClass().getSimpleName().toLowerCase());
      if (ire.verification() instanceof Verification.Refused no) {
        r = r.withDetail("failed", EnumSet.copyOf(no.failed()));
      }
    }
    evidence.append(r);
    LOG.info("refused {} on subject case {} by {}: {}", action, caseId, by.id(),
        e.getClass().getSimpleName());
  }

  private void openCases(SubjectRequest r) {
    for (SubjectRequest.CaseRef ref : r.cases()) {
      Versioned<SubjectCase> v = cases.find(ref.caseId()).orElseGet(() -> openCase(r, ref));
      if (v.value().state() == State.AWAITING_NOTIFICATION) {
        notifyCase(v);
      }
    }
  }

  private Versioned<SubjectCase> openCase(SubjectRequest r, SubjectRequest.CaseRef ref) {
    List<HostRecord> found = hostData.findSubject(ref.client(), r.subjects());
    Set<SubjectIdentifier> inData = new HashSet<>();
    found.forEach(h -> inData.addAll(h.subjects()));
    Set<SubjectIdentifier> matched = new HashSet<>(r.subjects());
    matched.retainAll(inData);
    if (matched.isEmpty()) {
      // The host's data changed since routing; the subject's own identifiers reveal nothing else.
      matched = r.subjects();
    }
    SubjectCase c = new SubjectCase(ref.caseId(), r.id(), ref.client(), r.right(), r.channel(),
        r.receivedAt(), matched, countByCategory(found), State.AWAITING_NOTIFICATION,
        r.receivedAt().plus(notificationDeadline), null, null,
        LegalClock.start(r.receivedAt(), clientZones.apply(ref.client())), List.of(), null, null,
        null);
    Versioned<SubjectCase> v;
    try {
      v = cases.insert(c.id(), c.client(), c);
    } catch (DuplicateStateException raced) {
      return cases.find(c.id()).orElseThrow();
    }
    evidence.append(EvidenceRecord.of("dsr.case.opened", "system").withClient(c.client())
        .withBasis("R-DSR-2").withDetail("case", c.id()).withDetail("right", c.right())
        .withDetail("subjects", pseudonyms(c.subjects())).withDetail("located", c.located())
        .withDetail("notify_by", c.notifyBy()).withDetail("legal_due_date", c.clock().dueDate()));
    return v;
  }

  private Versioned<SubjectCase> notifyCase(Versioned<SubjectCase> v) {
    SubjectCase c = v.value();
    try {
      notifier.tellClient(new ClientNotice.SubjectRequest(c.client(), c.id(), c.right(),
          c.channel(), c.receivedAt(), c.clock().dueDate(), c.subjects(), c.located()));
    } catch (RuntimeException e) {
      LOG.warn("could not notify client {} of subject case {}; will retry: {}", c.client(), c.id(),
          e.getClass().getSimpleName());
      return v;
    }
    Instant now = clock.instant();
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.case.notified", "system").withClient(c.client())
        .withBasis("R-DSR-2").withDetail("case", c.id()).withDetail("notify_by", c.notifyBy())
        .withDetail("late", now.isAfter(c.notifyBy()));
    Versioned<SubjectCase> saved = cases.update(c.id(), v, c.notified(now));
    evidence.append(evidenceRecord);
    return saved;
  }

  private SubjectRequest escalateUnmatched(Versioned<SubjectRequest> v) {
    SubjectRequest r = v.value();
    if (r.state() != SubjectRequest.State.UNMATCHED || r.escalatedAt() != null) {
      return r;
    }
    if (!deliver(new Escalation(Escalation.Reason.UNMATCHED_SUBJECT_REQUEST, r.id(), null,
        r.receivedAt()))) {
      return r;
    }
    SubjectRequest escalated = r.escalated(clock.instant());
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("dsr.request.escalated", "system").withBasis("R-DSR-7")
        .withDetail("request", r.id());
    requests.update(r.id(), v, escalated);
    evidence.append(evidenceRecord);
    return escalated;
  }

  private boolean deliver(Escalation e) {
    try {
      escalations.escalate(e);
      return true;
    } catch (RuntimeException failure) {
      LOG.warn("could not escalate {} {}; will retry: {}", e.reason(), e.reference(),
          failure.getClass().getSimpleName());
      return false;
    }
  }

  /** Runs one update of a batch; false if another node changed the state first. */
  private static boolean updated(Runnable update) {
    try {
      update.run();
      return true;
    } catch (StaleStateException another) {
      LOG.debug("state changed concurrently; left to the other node: {}", another.getMessage());
      return false;
    }
  }

  private List<Versioned<SubjectCase>> overdue() {
    Instant now = clock.instant();
    return cases.listDue(now).stream()
        .filter(v -> v.value().state() == State.AWAITING_NOTIFICATION)
        .sorted(Comparator.comparing(v -> v.value().notifyBy())).toList();
  }

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

  private static void requireActive(SubjectCase c, String what) {
    if (c.state() == State.RESPONDED || c.state() == State.CLOSED
        || c.state() == State.RESPONDING) {
      throw new IllegalStateException("subject case " + c.id() + " is " + c.state()
          + "; cannot " + what);
    }
  }

  private void requireStaffReader(ProcessorPrincipal reader) {
    Objects.requireNonNull(reader, "reader");
    instructions.access().require(reader, Operation.DSR_READ_REQUEST, null);
  }

  private List<HostRecord> dataOf(SubjectCase c, Set<CategoryId> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    return hostData.findSubject(c.client(), c.subjects()).stream()
        .filter(r -> categories.contains(r.category()))
        .sorted(Comparator.comparing(HostRecord::category).thenComparing(HostRecord::id)).toList();
  }

  private static Target target(SubjectCase c) {
    return new Target(Target.Kind.SUBJECT_CASE, c.id(), c.client(), c.receivedAt());
  }

  private SubjectCase.Step step(InstructedAction action, String instructionId, Principal by) {
    return new SubjectCase.Step(action, instructionId, by.id(), clock.instant());
  }

  private List<String> pseudonyms(Set<SubjectIdentifier> ids) {
    return ids.stream().map(pseudonymizer::pseudonym).sorted().toList();
  }

  private static Map<CategoryId, Long> countByCategory(List<HostRecord> records) {
    return records.stream().collect(Collectors.groupingBy(HostRecord::category, TreeMap::new,
        Collectors.counting()));
  }

  private static List<CategoryId> sorted(Set<CategoryId> categories) {
    return new TreeSet<>(categories).stream().toList();
  }

  private static String noCase(String caseId, Principal p) {
    return "no subject case " + caseId + " for principal " + p.id();
  }
}
