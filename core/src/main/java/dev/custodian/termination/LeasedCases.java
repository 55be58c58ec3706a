package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The termination cases as stored, and the lease a node holds on a case while advancing it. A step
 * stores the case's next state with its evidence in the outbox ({@link #save}), then appends that
 * evidence ({@link #flush}); a node whose lease ran out stores nothing. The lease is one unit of a
 * {@link WorkQueue} job per case, measured in the queue's own time.
 */
final class LeasedCases {
  /** The work-queue job holding a case's lease: one job per case, one unit in it. */
  static final String LEASE_JOB = "termination-lease:";
  static final String LEASE_UNIT = "case";

  private final Repository<TerminationCase> cases;
  private final EvidenceLog evidence;
  private final WorkQueue leases;
  private final Duration lease;
  private final String instance = "node-" + UUID.randomUUID();
  /** The lease this node holds on a case while advancing it, by case id. */
  private final Map<String, WorkQueue.WorkClaim> claims = new ConcurrentHashMap<>();

  LeasedCases(Repository<TerminationCase> cases, EvidenceLog evidence, WorkQueue leases,
      Duration lease) {
    this.cases = cases;
    this.evidence = evidence;
    this.leases = leases;
    this.lease = lease;
  }

  Optional<Versioned<TerminationCase>> find(String caseId) {
    return cases.find(caseId);
  }

  Versioned<TerminationCase> insert(TerminationCase c) {
    return cases.insert(c.id(), c.client(), c);
  }

  List<Versioned<TerminationCase>> list() {
    return cases.list(null);
  }

  List<Versioned<TerminationCase>> listDue(Instant until) {
    return cases.listDue(until);
  }

  Versioned<TerminationCase> load(ClientId client) {
    return cases.find(TerminationService.caseId(Objects.requireNonNull(client, "client")))
        .orElseThrow(() -> new IllegalStateException("client " + client + " has no termination case"));
  }

  // ------------------------------------------------------------------ leases

  /** Takes the case's lease for this node; false while another node holds it. */
  boolean claim(String caseId) {
    String job = LEASE_JOB + caseId;
    leases.enqueue(job, List.of(LEASE_UNIT));
    Optional<WorkQueue.WorkClaim> claim = leases.claim(job, instance, lease);
    if (claim.isEmpty()) {
      return false;
    }
    claims.put(caseId, claim.get());
    return true;
  }

  /** Renews this node's lease on the case; stops the step if another node took it over. */
  void renew(String caseId) {
    WorkQueue.WorkClaim claim = claims.get(caseId);
    if (claim == null || !leases.checkpoint(claim, null, 0, lease)) {
      throw new LeaseLost(caseId);
    }
  }

  /** Gives up this node's lease on the case, so any node may take it at once. */
  void release(String caseId) {
    WorkQueue.WorkClaim claim = claims.remove(caseId);
    if (claim != null) {
      leases.checkpoint(claim, null, 0, Duration.ZERO);
    }
  }

  /** Forgets a lease another node took over: it runs out in the store's time. */
  void forget(String caseId) {
    claims.remove(caseId);
  }

  /** This node no longer holds the case's lease: it must stop writing. */
  static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient String caseId;

    LeaseLost(String caseId) {
      super("the lease on termination case " + caseId + " was lost", null, false, false);
      this.caseId = caseId;
    }

    String caseId() {
      return caseId;
    }
  }

  // ------------------------------------------------------------------ state changes

  /**
   * Stores the next state under this node's lease, renewed first: a node that lost it (its step
   * outlasted the lease) stores nothing.
   */
  Versioned<TerminationCase> save(Versioned<TerminationCase> v, TerminationCase next) {
    renew(next.id());
    next = stepped(next, v.version());
    // Leases live in the work queue now; a lease stored by an earlier version is cleared.
    return cases.update(next.id(), v, next.withLease(null, null));
  }

  /** Stores the state and sets when the case next needs attention; the lease goes at the end. */
  void park(Versioned<TerminationCase> v, TerminationCase c, Instant nextCheck) {
    TerminationCase next = c.withNextCheck(nextCheck).withLease(null, null);
    if (!next.equals(v.value())) {
      cases.update(next.id(), v, next);
    }
  }

  /** Appends the evidence stored with the last state change, then clears it. */
  Versioned<TerminationCase> flush(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    long first = 0;
    for (EvidenceRecord r : c.outbox()) {
      EvidenceEntry e = evidence.append(r);
      first = first == 0 ? e.sequence() : first;
    }
    TerminationCase next = c.withOutbox(List.of());
    if (c.evidenceFrom() == 0 && first > 0) {
      next = next.withEvidenceFrom(first);
    }
    return cases.update(c.id(), v, next);
  }

  /**
   * Applies a change made by a person (a choice, an acknowledgement) with optimistic retries, then
   * appends its evidence.
   */
  TerminationCase change(ClientId client, Function<TerminationCase, TerminationCase> change) {
    for (int attempt = 0; ; attempt++) {
      Versioned<TerminationCase> v = load(client);
      if (!v.value().outbox().isEmpty()) {
        v = flush(v);
      }
      TerminationCase next = change.apply(v.value());
      if (next == v.value()) {
        return next;
      }
      next = stepped(next, v.version());
      try {
        return flush(cases.update(next.id(), v, next)).value();
      } catch (StaleStateException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /**
   * The identity of one step of the case, for its evidence entry: the same however often the step
   * is resumed, so the log keeps its evidence once (a crash between the append and the state
   * update appends it again on resume, as a no-op).
   */
  static String stepId(TerminationCase c, String... parts) {
    return c.id() + "/" + String.join("/", parts);
  }

  /**
   * Gives the outbox records that name no step the identity of the state change that carries them
   * (the version it replaces): one change, one step.
   */
  private static TerminationCase stepped(TerminationCase next, long replacedVersion) {
    if (next.outbox().stream().allMatch(r -> r.step() != null)) {
      return next;
    }
    List<EvidenceRecord> out = new ArrayList<>();
    for (int i = 0; i < next.outbox().size(); i++) {
      EvidenceRecord r = next.outbox().get(i);
      out.add(r.step() != null ? r : r.withStep(stepId(next, r.action().substring(
          r.action().indexOf('.') + 1), "v" + replacedVersion + (i == 0 ? "" : "." + i))));
    }
    return next.withOutbox(out);
  }
}
