package dev.custodian.authority;

import static dev.custodian.authority.AuthorityRequestActions.CLIENT_INFORMED;
import static dev.custodian.authority.AuthorityRequestActions.PROHIBITION_RECORDED;
import static dev.custodian.authority.AuthorityRequestActions.REQUEST_RECEIVED;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.authority.AuthorityRequest.State;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.StaleStateException;
import dev.custodian.subject.Pseudonymizer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes authority requests in and informs the client without delay (R-AUTH-1), or records the
 * prohibition to inform it; informs it later once a prohibition lifts, retrying failed notices.
 * Who may call is checked by {@link AuthorityRequestService}.
 */
final class AuthorityRequestReception {
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(AuthorityRequestService.class);

  private final Repository<AuthorityRequest> requests;
  private final RequestNotifier notifier;
  private final EvidenceLog evidence;
  private final Pseudonymizer pseudonymizer;
  private final Function<ClientId, ZoneId> clientZones;
  private final Clock clock;

  AuthorityRequestReception(Repository<AuthorityRequest> requests, RequestNotifier notifier,
      EvidenceLog evidence, Pseudonymizer pseudonymizer, Function<ClientId, ZoneId> clientZones,
      Clock clock) {
    this.requests = requests;
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.clientZones = Objects.requireNonNull(clientZones, "clientZones");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  AuthorityRequest receive(ProcessorPrincipal by, AuthorityRequestIntake intake) {
    AuthorityRequest r = newRequest(by, intake, Information.PENDING, null);
    EvidenceRecord evidenceRecord = received(r, by);
    Versioned<AuthorityRequest> v = requests.insert(r.id(), r.client(), r);
    evidence.append(evidenceRecord);
    LOG.info("authority request {} received ({})", r.id(), r.kind());
    return inform(v);
  }

  AuthorityRequest receiveUnderProhibition(ProcessorPrincipal by, AuthorityRequestIntake intake,
      Prohibition prohibition) {
    Constraints.check(Objects.requireNonNull(prohibition, "prohibition"));
    AuthorityRequest r = newRequest(by, intake, Information.PROHIBITED,
        new AuthorityRequest.ProhibitionRecord(prohibition.legalBasis(), prohibition.reviewOn(),
            by.id(), clock.instant(), null, null, null, null));
    EvidenceRecord evidenceRecord = received(r, by);
    EvidenceRecord prohibited = AuthorityEvidence.of(r, PROHIBITION_RECORDED, by.id())
        .withBasis(prohibition.legalBasis()).withDetail("review_on", prohibition.reviewOn());
    requests.insert(r.id(), r.client(), r);
    evidence.append(evidenceRecord);
    evidence.append(prohibited);
    LOG.info("authority request {} received under a prohibition to inform the client", r.id());
    return r;
  }

  /** Informs every client whose notice is pending (retrying failures); returns how many were. */
  int informPending() {
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

  /** Informs the client if its notice is pending; on failure it stays pending. */
  AuthorityRequest inform(Versioned<AuthorityRequest> v) {
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
        AuthorityEvidence.of(informed, CLIENT_INFORMED, "system").withBasis("R-AUTH-1")
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
    return AuthorityEvidence.of(r, REQUEST_RECEIVED, by.id()).withBasis("R-AUTH-1")
        .withDetail("kind", r.kind()).withDetail("authority", r.authority())
        .withDetail("categories", new TreeSet<>(r.categories()))
        .withDetail("subjects", r.subjects().stream().map(pseudonymizer::pseudonym).sorted()
            .toList());
  }
}
