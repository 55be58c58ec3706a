package dev.custodian.audit;

import dev.custodian.audit.AuditAssessment.Refusal;
import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * On-site audit requests and their validity (R-AUD-2, DPA 7). A request is valid only if every
 * {@link AuditRule} holds; {@link #assess} names each rule it fails, with the reason, and {@link
 * #decide} records the answer. Days and hours are the processor's, in its zone.
 *
 * <p>How the rules are read: "once a year" means no other accepted audit of the client less than
 * one year before or after the proposed first day; the 60 days are calendar days from the day of
 * receipt to the proposed first day; business hours apply to every day of the audit.
 */
public final class AuditService {
  static final String REQUEST = "audit-request";
  static final String COMPETITOR = "audit-competitor";

  /** Calendar days between receipt of the written request and the proposed date (DPA 7). */
  public static final int NOTICE_DAYS = 60;

  private final Repository<AuditRequest> requests;
  private final Repository<CompetitorDeclaration> competitors;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final ZoneId zone;
  private final BusinessHours hours;
  private final InstructingRoles requesters;
  private final AccessPolicy access;

  /**
   * @param zone the processor's zone
   * @param hours the processor's business hours
   * @param requesters which client principals may request an audit for their client
   */
  public AuditService(StateStore store, EvidenceLog evidence, Clock clock, ZoneId zone,
      BusinessHours hours, InstructingRoles requesters) {
    this.requests = new Repository<>(store, REQUEST, AuditRequest.class);
    this.competitors = new Repository<>(store, COMPETITOR, CompetitorDeclaration.class);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.hours = Objects.requireNonNull(hours, "hours");
    this.requesters = Objects.requireNonNull(requesters, "requesters");
    this.access = new AccessPolicy(requesters);
  }

  /**
   * Records an audit request. A client principal submitting it makes a written request received
   * now; processor staff record one received otherwise, with its reception time and written
   * reference (none if it was not in writing).
   *
   * @throws SecurityException if a client principal may not instruct for the draft's client
   * @throws IllegalArgumentException if a client sets a reception time or document, or the
   *     reception is in the future
   */
  public AuditRequest submit(Principal by, AuditRequestDraft draft) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(draft, "draft");
    access().require(by, Operation.AUDIT_REQUEST, draft.client());
    Instant now = clock.instant();
    String id = "audit-" + UUID.randomUUID();
    Instant receivedAt;
    String written;
    if (by instanceof ClientPrincipal c) {
      if (!requesters.mayInstruct(c, draft.client())) {
        throw new SecurityException("only those who may instruct for the client may request an audit");
      }
      if (draft.receivedAt() != null || draft.writtenDocument() != null) {
        throw new IllegalArgumentException("a client's request is received when submitted; only the"
            + " processor's staff record another reception time or document");
      }
      receivedAt = now;
      written = "request " + id + " submitted by " + c.id();
    } else {
      receivedAt = draft.receivedAt() == null ? now : draft.receivedAt();
      if (receivedAt.isAfter(now)) {
        throw new IllegalArgumentException("a request cannot be received in the future");
      }
      written = blankToNull(draft.writtenDocument());
    }
    AuditRequest request = new AuditRequest(id, draft.client(), by.id(), receivedAt, written,
        draft.proposedStart(), draft.proposedEnd(), blankToNull(draft.auditPlan()), null, null,
        AuditRequest.Status.SUBMITTED, List.of(), null, null);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(AuditActions.REQUEST_RECEIVED, by.id()).withClient(draft.client())
        .withBasis("R-AUD-2 DPA 7").withDetail("request", id).withDetail("received_at", receivedAt)
        .withDetail("written", written != null)
        .withDetail("proposed_start", draft.proposedStart())
        .withDetail("proposed_end", draft.proposedEnd());
    requests.insert(id, draft.client(), request);
    evidence.append(evidenceRecord);
    return request;
  }

  /**
   * Provides or replaces the audit plan of an undecided request; a replaced plan needs a new
   * approval.
   *
   * @throws SecurityException unless {@code by} may instruct for the request's client
   * @throws IllegalStateException if the request is decided
   */
  public AuditRequest submitPlan(ClientPrincipal by, String requestId, String plan) {
    Objects.requireNonNull(by, "by");
    if (plan == null || plan.isBlank()) {
      throw new IllegalArgumentException("an audit plan is required");
    }
    Versioned<AuditRequest> v = load(requestId);
    access().require(by, Operation.AUDIT_REQUEST, v.value().client());
    requireUndecided(v.value());
    AuditRequest changed = v.value().withPlan(plan);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(AuditActions.PLAN_SUBMITTED, by.id()).withClient(changed.client())
        .withBasis("R-AUD-2 DPA 7").withDetail("request", requestId);
    requests.update(requestId, v, changed);
    evidence.append(evidenceRecord);
    return changed;
  }

  /**
   * The security team approves the request's audit plan (R-AUD-2).
   *
   * @throws SecurityException unless {@code by} is in the security team
   * @throws IllegalStateException if there is no plan or the request is decided
   */
  public AuditRequest approvePlan(ProcessorPrincipal by, String requestId) {
    Objects.requireNonNull(by, "by");
    access().require(by, Operation.AUDIT_APPROVE_PLAN, null);
    Versioned<AuditRequest> v = load(requestId);
    requireUndecided(v.value());
    if (v.value().auditPlan() == null) {
      throw new IllegalStateException("request " + requestId + " has no audit plan to approve");
    }
    AuditRequest approved = v.value().planApproved(by.id(), clock.instant());
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(AuditActions.PLAN_APPROVED, by.id()).withClient(approved.client())
        .withBasis("R-AUD-2 DPA 7").withDetail("request", requestId);
    requests.update(requestId, v, approved);
    evidence.append(evidenceRecord);
    return approved;
  }

  /** Checks every rule of R-AUD-2 against the request as it stands; changes nothing. */
  public AuditAssessment assess(String requestId) {
    return assess(load(requestId).value());
  }

  /**
   * Decides the request: ACCEPTED if every rule holds, otherwise REFUSED with each failed rule and
   * its reason; recorded as evidence.
   *
   * @throws SecurityException unless {@code by} is an operator, privacy contact or security team
   * @throws IllegalStateException if already decided
   */
  public AuditRequest decide(ProcessorPrincipal by, String requestId) {
    Objects.requireNonNull(by, "by");
    access().require(by, Operation.AUDIT_DECIDE, null);
    Versioned<AuditRequest> v = load(requestId);
    requireUndecided(v.value());
    AuditAssessment assessment = assess(v.value());
    AuditRequest decided = v.value().decided(assessment, by.id(), clock.instant());
    EvidenceRecord evidenceRecord = EvidenceRecord.of(assessment.valid() ? AuditActions.REQUEST_ACCEPTED
            : AuditActions.REQUEST_REFUSED, by.id())
        .withClient(decided.client()).withBasis("R-AUD-2 DPA 7").withDetail("request", requestId)
        .withDetail("failed_rules", assessment.failedRules().stream().map(Enum::name)
            .collect(Collectors.joining(",")));
    requests.update(requestId, v, decided);
    evidence.append(evidenceRecord);
    return decided;
  }

  /**
   * The audit requests of one client, oldest first.
   *
   * @throws SecurityException unless {@code viewer} is processor staff or may instruct for it
   */
  public List<AuditRequest> requests(Principal viewer, ClientId client) {
    Objects.requireNonNull(viewer, "viewer");
    access().require(viewer, Operation.AUDIT_READ, client);
    return requests.list(client).stream().map(Versioned::value)
        .sorted(Comparator.comparing(AuditRequest::receivedAt)).toList();
  }

  /**
   * Records that {@code client} is a competitor or a competitor's affiliate (DPA 7).
   *
   * @throws SecurityException unless {@code by} is an operator, privacy contact or designated
   *     officer
   */
  public CompetitorDeclaration declareCompetitor(ProcessorPrincipal by, ClientId client,
      CompetitorDeclaration.Relation relation, String basis) {
    requireDeclarer(by);
    if (basis == null || basis.isBlank()) {
      throw new IllegalArgumentException("a competitor declaration states its basis");
    }
    CompetitorDeclaration d =
        new CompetitorDeclaration(client, relation, basis, by.id(), clock.instant(), null, null);
    Optional<Versioned<CompetitorDeclaration>> existing = competitors.find(client.value());
    if (existing.isEmpty()) {
      competitors.insert(client.value(), client, d);
    } else {
      competitors.update(client.value(), existing.get(), d);
    }
    evidence.append(EvidenceRecord.of(AuditActions.COMPETITOR_DECLARED, by.id()).withClient(client)
        .withBasis("DPA 7").withDetail("relation", relation));
    return d;
  }

  /**
   * Withdraws a competitor declaration.
   *
   * @throws IllegalStateException if the client has no active declaration
   */
  public CompetitorDeclaration withdrawCompetitorDeclaration(ProcessorPrincipal by, ClientId client) {
    requireDeclarer(by);
    Versioned<CompetitorDeclaration> v = competitors.find(client.value())
        .filter(x -> x.value().active())
        .orElseThrow(() -> new IllegalStateException("client " + client
            + " is not declared a competitor"));
    CompetitorDeclaration w = v.value().withdrawn(by.id(), clock.instant());
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(AuditActions.COMPETITOR_WITHDRAWN, by.id()).withClient(client)
        .withBasis("DPA 7");
    competitors.update(client.value(), v, w);
    evidence.append(evidenceRecord);
    return w;
  }

  private AuditAssessment assess(AuditRequest r) {
    List<Refusal> refusals = new ArrayList<>();
    LocalDate first = r.proposedStart().toLocalDate();

    for (AuditRequest other : requests.list(r.client()).stream().map(Versioned::value).toList()) {
      LocalDate otherDay = other.proposedStart().toLocalDate();
      if (!other.id().equals(r.id()) && other.status() == AuditRequest.Status.ACCEPTED
          && otherDay.plusYears(1).isAfter(first) && first.plusYears(1).isAfter(otherDay)) {
        refusals.add(new Refusal(AuditRule.ONE_PER_YEAR, "an audit is already accepted for "
            + otherDay + "; another may take place from " + otherDay.plusYears(1)));
        break;
      }
    }
    if (r.writtenDocument() == null) {
      refusals.add(new Refusal(AuditRule.WRITTEN_REQUEST, "the request was not made in writing"));
    }
    LocalDate received = LocalDate.ofInstant(r.receivedAt(), zone);
    long days = ChronoUnit.DAYS.between(received, first);
    if (days < NOTICE_DAYS) {
      refusals.add(new Refusal(AuditRule.SIXTY_DAYS_NOTICE, "received on " + received + ", "
          + days + " days before the proposed date " + first + "; the earliest date for this"
          + " request is " + received.plusDays(NOTICE_DAYS)));
    }
    if (r.auditPlan() == null) {
      refusals.add(new Refusal(AuditRule.APPROVED_AUDIT_PLAN, "no detailed audit plan was provided"));
    } else if (r.planApprovedBy() == null) {
      refusals.add(new Refusal(AuditRule.APPROVED_AUDIT_PLAN,
          "the audit plan is not approved by the processor's security team"));
    }
    hours.problem(r.proposedStart(), r.proposedEnd())
        .ifPresent(p -> refusals.add(new Refusal(AuditRule.BUSINESS_HOURS, p)));
    competitors.find(r.client().value()).map(Versioned::value).filter(CompetitorDeclaration::active)
        .ifPresent(d -> refusals.add(new Refusal(AuditRule.NOT_A_COMPETITOR,
            d.relation() == CompetitorDeclaration.Relation.COMPETITOR
                ? "the client is a competitor of the processor"
                : "the client is an affiliate of a competitor of the processor")));
    return new AuditAssessment(refusals);
  }

  private Versioned<AuditRequest> load(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return requests.find(requestId)
        .orElseThrow(() -> new IllegalStateException("no audit request " + requestId));
  }

  private static void requireUndecided(AuditRequest r) {
    if (r.status() != AuditRequest.Status.SUBMITTED) {
      throw new IllegalStateException("audit request " + r.id() + " is already " + r.status());
    }
  }

  private static void requireDeclarer(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    AccessPolicy.DEFAULT.require(by, Operation.AUDIT_COMPETITOR, null);
  }

  private AccessPolicy access() {
    return access;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
