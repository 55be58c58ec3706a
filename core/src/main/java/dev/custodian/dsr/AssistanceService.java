package dev.custodian.dsr;

import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_COMPLETED;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_QUOTED;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_QUOTE_ACCEPTED;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_QUOTE_DECLINED;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_QUOTE_SENT;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_REQUESTED;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_STARTED;
import static dev.custodian.dsr.SubjectRequestActions.ASSISTANCE_START_REFUSED;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.dsr.AssistanceRequest.State;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.instruction.InstructionService;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assistance with a subject's request (DPA 9, R-DSR-5): where the client cannot answer through the
 * service and expressly asks, the processor helps; where that needs significant resources it
 * submits a quote first, and billable work cannot start until the client accepts it. Every step
 * is evidence.
 *
 * <p>Obtain it from {@code custodian.assistance()}. Thread-safe.
 */
public final class AssistanceService {
  static final String KIND = "dsr.assistance";
  private static final Logger LOG = LoggerFactory.getLogger(AssistanceService.class);

  private final Repository<AssistanceRequest> requests;
  private final SubjectRequestService subjectRequests;
  private final InstructionService instructions;
  private final RequestNotifier notifier;
  private final EvidenceLog evidence;
  private final Function<ClientId, ZoneId> clientZones;
  private final Clock clock;

  /** Built by {@code Custodian}; tests may build one directly. */
  public AssistanceService(StateStore store, SubjectRequestService subjectRequests,
      InstructionService instructions, RequestNotifier notifier, EvidenceLog evidence,
      Function<ClientId, ZoneId> clientZones, Clock clock) {
    this.requests = new Repository<>(store, KIND, AssistanceRequest.class,
        AssistanceRequest::quoteNoticeDue);
    this.subjectRequests = Objects.requireNonNull(subjectRequests, "subjectRequests");
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clientZones = Objects.requireNonNull(clientZones, "clientZones");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The client's express request for help with one of its subject cases.
   *
   * @param by a user of the case's client with an instructing role
   * @param description what help is needed; no contact details
   * @throws NoSuchElementException if the case is not visible to {@code by}
   * @throws SecurityException if {@code by} may not instruct for the client
   */
  public AssistanceRequest request(ClientPrincipal by, String caseId, String description) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.ASSISTANCE_REQUEST, null);
    SubjectCase c = subjectRequests.findCase(by, caseId)
        .orElseThrow(() -> new NoSuchElementException("no subject case " + caseId
            + " for principal " + by.id()));
    instructions.access().require(by, Operation.ASSISTANCE_REQUEST, c.client());
    String what = Constraints.reason(description);
    AssistanceRequest a = new AssistanceRequest("asst-" + UUID.randomUUID(), c.client(), caseId,
        what, by.id(), clock.instant(), State.REQUESTED, null, null, null, null, null, false, null,
        null, null, null, null);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(ASSISTANCE_REQUESTED, by.id()).withClient(a.client())
        .withBasis("R-DSR-5").withDetail("assistance", a.id()).withDetail("case", caseId);
    requests.insert(a.id(), a.client(), a);
    evidence.append(evidenceRecord);
    return a;
  }

  /**
   * Submits a quote for the requested help and sends it to the client. If the notice fails the
   * quote stays pending and {@link #sendPendingQuotes()} sends it.
   *
   * @throws IllegalStateException unless the request is REQUESTED
   */
  public AssistanceRequest quote(ProcessorPrincipal by, String assistanceId, Quote quote) {
    requireStaff(by);
    Constraints.check(Objects.requireNonNull(quote, "quote"));
    Versioned<AssistanceRequest> v = load(assistanceId);
    requireState(v.value(), State.REQUESTED, "quote it");
    AssistanceRequest quoted = v.value().quoted(quote, by.id(), clock.instant());
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(ASSISTANCE_QUOTED, by.id()).withClient(quoted.client())
        .withBasis("R-DSR-5").withDetail("assistance", assistanceId)
        .withDetail("amount", quote.amount().toPlainString())
        .withDetail("currency", quote.currency().getCurrencyCode())
        .withDetail("valid_until", quote.validUntil());
    v = requests.update(assistanceId, v, quoted);
    evidence.append(evidenceRecord);
    return sendQuote(v);
  }

  /** Sends the quotes whose notice has not reached the client yet; returns how many went out. */
  public int sendPendingQuotes() {
    int sent = 0;
    for (Versioned<AssistanceRequest> v : requests.listDue(clock.instant())) {
      try {
        if (sendQuote(v).quoteSentAt() != null) {
          sent++;
        }
      } catch (StaleStateException another) {
        LOG.debug("assistance {} changed concurrently; left to the other node", v.value().id());
      }
    }
    return sent;
  }

  /**
   * The client accepts the quote; billable work may start.
   *
   * @throws IllegalStateException unless the request is QUOTED and the quote still valid
   */
  public AssistanceRequest accept(ClientPrincipal by, String assistanceId) {
    return decide(by, assistanceId, true, null);
  }

  /** The client declines the quote; no billable work will be done. */
  public AssistanceRequest decline(ClientPrincipal by, String assistanceId, String reason) {
    return decide(by, assistanceId, false, Constraints.reason(reason));
  }

  /**
   * Starts billable work. Refused, and recorded, unless the client accepted the quote (R-DSR-5).
   *
   * @throws IllegalStateException unless the request is ACCEPTED
   */
  public AssistanceRequest startBillableWork(ProcessorPrincipal by, String assistanceId) {
    requireStaff(by);
    Versioned<AssistanceRequest> v = load(assistanceId);
    AssistanceRequest a = v.value();
    if (a.state() != State.ACCEPTED) {
      evidence.append(EvidenceRecord.of(ASSISTANCE_START_REFUSED, by.id())
          .withClient(a.client()).withBasis("R-DSR-5").withDetail("assistance", assistanceId)
          .withDetail("state", a.state()));
      throw new IllegalStateException("assistance " + assistanceId + " is " + a.state()
          + ": billable work starts only after the client accepted the quote");
    }
    return start(by, v, true);
  }

  /**
   * Starts the help at no charge (commercially reasonable assistance that needs no significant
   * resources).
   *
   * @throws IllegalStateException unless the request is REQUESTED
   */
  public AssistanceRequest startWithoutCharge(ProcessorPrincipal by, String assistanceId) {
    requireStaff(by);
    Versioned<AssistanceRequest> v = load(assistanceId);
    requireState(v.value(), State.REQUESTED, "start it without charge");
    return start(by, v, false);
  }

  /** Marks the work done. @throws IllegalStateException unless IN_PROGRESS */
  public AssistanceRequest complete(ProcessorPrincipal by, String assistanceId, String summary) {
    requireStaff(by);
    String what = Constraints.reason(summary);
    Versioned<AssistanceRequest> v = load(assistanceId);
    requireState(v.value(), State.IN_PROGRESS, "complete it");
    AssistanceRequest done = v.value().completed(by.id(), clock.instant(), what);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(ASSISTANCE_COMPLETED, by.id()).withClient(done.client())
        .withBasis("R-DSR-5").withDetail("assistance", assistanceId)
        .withDetail("billable", done.billable());
    requests.update(assistanceId, v, done);
    evidence.append(evidenceRecord);
    return done;
  }

  /** One request, if {@code reader} may read its client's affairs. */
  public Optional<AssistanceRequest> find(Principal reader, String assistanceId) {
    instructions.access().require(reader, Operation.ASSISTANCE_READ, null);
    return requests.find(assistanceId).map(Versioned::value)
        .filter(a -> instructions.access().allows(reader, Operation.ASSISTANCE_READ, a.client()));
  }

  /** The assistance requests of one client. @throws SecurityException if not a reader of it */
  public List<AssistanceRequest> list(Principal reader, ClientId client) {
    instructions.access().require(reader, Operation.ASSISTANCE_READ, client);
    return requests.list(client).stream().map(Versioned::value).toList();
  }

  private AssistanceRequest decide(ClientPrincipal by, String assistanceId, boolean accepted,
      String reason) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.ASSISTANCE_REQUEST, null);
    Versioned<AssistanceRequest> v = requests.find(assistanceId)
        .filter(x -> by.mayActFor(x.value().client()))
        .orElseThrow(() -> new NoSuchElementException("no assistance " + assistanceId
            + " for principal " + by.id()));
    AssistanceRequest a = v.value();
    instructions.access().require(by, Operation.ASSISTANCE_REQUEST, a.client());
    requireState(a, State.QUOTED, accepted ? "accept its quote" : "decline its quote");
    Instant now = clock.instant();
    if (accepted && LocalDate.ofInstant(now, clientZones.apply(a.client()))
        .isAfter(a.quote().validUntil())) {
      throw new IllegalStateException("the quote for assistance " + assistanceId + " expired on "
          + a.quote().validUntil());
    }
    AssistanceRequest decided = a.decided(new AssistanceRequest.Decision(accepted, by.id(), now,
        reason));
    EvidenceRecord r = EvidenceRecord.of(accepted ? ASSISTANCE_QUOTE_ACCEPTED
        : ASSISTANCE_QUOTE_DECLINED, by.id()).withClient(a.client()).withBasis("R-DSR-5")
        .withDetail("assistance", assistanceId);
    r = reason == null ? r : r.withDetail("reason", reason);
    requests.update(assistanceId, v, decided);
    evidence.append(r);
    return decided;
  }

  private AssistanceRequest start(ProcessorPrincipal by, Versioned<AssistanceRequest> v,
      boolean billable) {
    AssistanceRequest started = v.value().started(billable, by.id(), clock.instant());
    EvidenceRecord evidenceRecord = EvidenceRecord.of(ASSISTANCE_STARTED, by.id())
        .withClient(started.client()).withBasis("R-DSR-5").withDetail("assistance", started.id())
        .withDetail("billable", billable);
    requests.update(started.id(), v, started);
    evidence.append(evidenceRecord);
    return started;
  }

  private AssistanceRequest sendQuote(Versioned<AssistanceRequest> v) {
    AssistanceRequest a = v.value();
    Quote q = a.quote();
    try {
      notifier.tellClient(new ClientNotice.AssistanceQuote(a.client(), a.id(), a.caseId(),
          q.amount(), q.currency(), q.description(), q.validUntil()));
    } catch (RuntimeException e) {
      LOG.warn("could not send the quote for assistance {}; will retry: {}", a.id(),
          e.getClass().getSimpleName());
      return a;
    }
    AssistanceRequest sent = a.quoteSent(clock.instant());
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(ASSISTANCE_QUOTE_SENT, "system").withClient(a.client())
        .withBasis("R-DSR-5").withDetail("assistance", a.id());
    requests.update(a.id(), v, sent);
    evidence.append(evidenceRecord);
    return sent;
  }

  private Versioned<AssistanceRequest> load(String assistanceId) {
    Objects.requireNonNull(assistanceId, "assistanceId");
    return requests.find(assistanceId)
        .orElseThrow(() -> new NoSuchElementException("no assistance " + assistanceId));
  }

  private static void requireState(AssistanceRequest a, State wanted, String what) {
    if (a.state() != wanted) {
      throw new IllegalStateException("assistance " + a.id() + " is " + a.state() + ", not "
          + wanted + "; cannot " + what);
    }
  }

  private void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    instructions.access().require(by, Operation.ASSISTANCE_WORK, null);
  }
}
