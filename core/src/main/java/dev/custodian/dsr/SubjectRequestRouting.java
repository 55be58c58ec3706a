package dev.custodian.dsr;

import static dev.custodian.dsr.SubjectRequestActions.CASE_NOTIFICATION_ESCALATED;
import static dev.custodian.dsr.SubjectRequestActions.CASE_NOTIFIED;
import static dev.custodian.dsr.SubjectRequestActions.CASE_OPENED;
import static dev.custodian.dsr.SubjectRequestActions.REQUEST_ESCALATED;
import static dev.custodian.dsr.SubjectRequestActions.REQUEST_RECEIVED;
import static dev.custodian.dsr.SubjectRequestActions.REQUEST_ROUTED;
import static dev.custodian.dsr.SubjectRequestActions.REQUEST_UNMATCHED;

import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.dsr.SubjectCase.State;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.StaleStateException;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes subject requests in and routes them (R-DSR-1, R-DSR-2, R-DSR-6, R-DSR-7): one case per
 * client holding data on the subject, each client notified by the deadline, overdue notifications
 * and unmatched requests escalated to the privacy contact. Every state change is stored before its
 * side effect runs, so calling a step again after a crash resumes it. Who may call is checked by
 * {@link SubjectRequestService}.
 */
final class SubjectRequestRouting {
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(SubjectRequestService.class);

  private final Repository<SubjectRequest> requests;
  private final Repository<SubjectCase> cases;
  private final HostData hostData;
  private final RequestNotifier notifier;
  private final EscalationChannel escalations;
  private final EvidenceLog evidence;
  private final Pseudonymizer pseudonymizer;
  private final Function<ClientId, ZoneId> clientZones;
  private final Duration notificationDeadline;
  private final Duration escalationDelay;
  private final Clock clock;

  SubjectRequestRouting(Repository<SubjectRequest> requests, Repository<SubjectCase> cases,
      HostData hostData, RequestNotifier notifier, EscalationChannel escalations,
      EvidenceLog evidence, Pseudonymizer pseudonymizer, Function<ClientId, ZoneId> clientZones,
      Duration notificationDeadline, Duration escalationDelay, Clock clock) {
    this.requests = requests;
    this.cases = cases;
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.escalations = Objects.requireNonNull(escalations, "escalations");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.clientZones = Objects.requireNonNull(clientZones, "clientZones");
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
  }

  /** Records a request taken in by {@code by}, then routes it. */
  SubjectRequest receive(ProcessorPrincipal by, SubjectRequestIntake intake) {
    Constraints.check(Objects.requireNonNull(intake, "intake"));
    Instant now = clock.instant();
    if (intake.receivedAt().isAfter(now)) {
      throw new IllegalArgumentException("a request cannot be received in the future");
    }
    SubjectRequest r = new SubjectRequest("dsr-" + UUID.randomUUID(), intake.right(),
        intake.channel(), intake.receivedAt(), intake.identifiers(), intake.reference(), by.id(),
        now, SubjectRequest.State.RECEIVED, List.of(), null);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(REQUEST_RECEIVED, by.id()).withBasis("R-DSR-1")
        .withDetail("request", r.id()).withDetail("right", r.right())
        .withDetail("channel", r.channel()).withDetail("received_at", r.receivedAt())
        .withDetail("subjects", pseudonyms(r.subjects()));
    requests.insert(r.id(), null, r);
    evidence.append(evidenceRecord);
    LOG.info("subject request {} received ({}, {})", r.id(), r.right(), r.channel());
    return route(r.id());
  }

  /** Routes a received request; on a routed or unmatched one, finishes what a crash left. */
  SubjectRequest route(String requestId) {
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
          EvidenceRecord.of(REQUEST_UNMATCHED, "system").withBasis("R-DSR-7")
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
        EvidenceRecord.of(REQUEST_ROUTED, "system").withBasis("R-DSR-2")
        .withDetail("request", r.id()).withDetail("cases",
            refs.stream().map(SubjectRequest.CaseRef::caseId).toList());
    requests.update(r.id(), v, routed);
    evidence.append(evidenceRecord);
    LOG.info("subject request {} routed to {} case(s)", r.id(), refs.size());
    openCases(routed);
    return routed;
  }

  /** Notifies every client not yet told of its case; returns how many notices went out. */
  int notifyPending() {
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

  /** Cases whose client was not notified by the deadline, oldest deadline first. */
  List<Versioned<SubjectCase>> overdue() {
    Instant now = clock.instant();
    return cases.listDue(now).stream()
        .filter(v -> v.value().state() == State.AWAITING_NOTIFICATION)
        .sorted(Comparator.comparing(v -> v.value().notifyBy())).toList();
  }

  /** Escalates overdue notifications past the delay and unmatched requests not escalated yet. */
  List<Escalation> escalateOverdue() {
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
        evidence.append(EvidenceRecord.of(CASE_NOTIFICATION_ESCALATED, "system")
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

  /** Record counts per category. */
  static Map<CategoryId, Long> countByCategory(List<HostRecord> records) {
    return records.stream().collect(Collectors.groupingBy(HostRecord::category, TreeMap::new,
        Collectors.counting()));
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
    evidence.append(EvidenceRecord.of(CASE_OPENED, "system").withClient(c.client())
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
        EvidenceRecord.of(CASE_NOTIFIED, "system").withClient(c.client())
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
        EvidenceRecord.of(REQUEST_ESCALATED, "system").withBasis("R-DSR-7")
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

  private List<String> pseudonyms(Set<SubjectIdentifier> ids) {
    return ids.stream().map(pseudonymizer::pseudonym).sorted().toList();
  }
}
