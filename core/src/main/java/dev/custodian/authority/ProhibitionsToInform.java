package dev.custodian.authority;

import static dev.custodian.authority.AuthorityRequestActions.COMPULSION_APPROVED;
import static dev.custodian.authority.AuthorityRequestActions.PROHIBITION_LIFTED;
import static dev.custodian.authority.AuthorityRequestActions.PROHIBITION_RENEWED;
import static dev.custodian.authority.AuthorityRequestActions.PROHIBITION_REVIEW_ESCALATED;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.authority.AuthorityRequest.State;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.StaleStateException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a prohibition to inform the client (R-AUTH-1, R-AUTH-3): renewed at its review,
 * escalated when its review date comes, lifted (the caller then informs the client), and the legal
 * compulsion to answer approved while it holds. The designated officer's right to do so is checked
 * by {@link AuthorityRequestService}.
 */
final class ProhibitionsToInform {
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(AuthorityRequestService.class);

  private final Repository<AuthorityRequest> requests;
  private final EscalationChannel escalations;
  private final EvidenceLog evidence;
  private final Clock clock;

  ProhibitionsToInform(Repository<AuthorityRequest> requests, EscalationChannel escalations,
      EvidenceLog evidence, Clock clock) {
    this.requests = requests;
    this.escalations = Objects.requireNonNull(escalations, "escalations");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  AuthorityRequest renew(ProcessorPrincipal by, Versioned<AuthorityRequest> v, LocalDate reviewOn,
      String why) {
    AuthorityRequest r = v.value();
    requireProhibited(r, "renew its prohibition");
    if (!reviewOn.isAfter(LocalDate.ofInstant(clock.instant(), r.clientZone()))) {
      throw new IllegalArgumentException("the next review date must be in the future");
    }
    AuthorityRequest renewed = r.with(r.information(), r.clientInformedAt(),
        r.prohibition().renewed(reviewOn));
    EvidenceRecord evidenceRecord = AuthorityEvidence.of(r, PROHIBITION_RENEWED, by.id())
        .withBasis(r.prohibition().legalBasis()).withDetail("review_on", reviewOn)
        .withDetail("reason", why);
    requests.update(r.id(), v, renewed);
    evidence.append(evidenceRecord);
    return renewed;
  }

  /** Lifts the prohibition; the client's notice is then pending. */
  Versioned<AuthorityRequest> lift(ProcessorPrincipal by, Versioned<AuthorityRequest> v,
      String why) {
    AuthorityRequest r = v.value();
    requireProhibited(r, "lift its prohibition");
    AuthorityRequest lifted = r.with(Information.PENDING, null,
        r.prohibition().lifted(by.id(), clock.instant(), why));
    EvidenceRecord evidenceRecord = AuthorityEvidence.of(lifted, PROHIBITION_LIFTED, by.id())
        .withBasis(r.prohibition().legalBasis()).withDetail("reason", why);
    v = requests.update(r.id(), v, lifted);
    evidence.append(evidenceRecord);
    return v;
  }

  /** Prohibitions whose review date has come, oldest first. */
  List<Versioned<AuthorityRequest>> dueReviews() {
    return requests.listDue(clock.instant()).stream()
        .filter(v -> v.value().information() == Information.PROHIBITED)
        .sorted(Comparator.comparing(v -> v.value().prohibition().reviewOn())).toList();
  }

  /** Escalates every due review not escalated yet; returns the escalations delivered. */
  List<Escalation> escalateDueReviews() {
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
      evidence.append(AuthorityEvidence.of(r, PROHIBITION_REVIEW_ESCALATED, "system")
          .withBasis(r.prohibition().legalBasis()).withDetail("review_on",
              r.prohibition().reviewOn()));
      sent.add(e);
    }
    return sent;
  }

  AuthorityRequest approveCompulsion(ProcessorPrincipal officer, Versioned<AuthorityRequest> v,
      Compulsion compulsion) {
    AuthorityRequest r = v.value();
    requireProhibited(r, "approve a compulsion");
    if (r.state() != State.OPEN) {
      throw new IllegalStateException("authority request " + r.id() + " is " + r.state());
    }
    AuthorityRequest.CompulsionRecord c = new AuthorityRequest.CompulsionRecord(
        "comp-" + UUID.randomUUID(), compulsion.legalBasis(), compulsion.documentReference(),
        officer.id(), clock.instant());
    AuthorityRequest approved = r.withCompulsion(c);
    EvidenceRecord evidenceRecord =
        AuthorityEvidence.of(r, COMPULSION_APPROVED, officer.id()).withBasis(c.id())
        .withDetail("legal_basis", c.legalBasis()).withDetail("document", c.documentReference());
    requests.update(r.id(), v, approved);
    evidence.append(evidenceRecord);
    return approved;
  }

  private static void requireProhibited(AuthorityRequest r, String what) {
    if (r.information() != Information.PROHIBITED) {
      throw new IllegalStateException("authority request " + r.id() + " is not under a"
          + " prohibition to inform the client; cannot " + what);
    }
  }
}
