package dev.custodian.termination;

import static dev.custodian.termination.LeasedCases.stepId;
import static dev.custodian.termination.TerminationSteps.SYSTEM;
import static dev.custodian.termination.TerminationSteps.earliest;

import dev.custodian.client.Principal;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.retention.PlanEntry;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.RecordSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a termination (R-TERM-5 to R-TERM-7, R-HOLD-1): destroys the client's key once nothing
 * needs it, issues the certificate of deletion once, then keeps deleting what legal archives and
 * released holds no longer keep, and closes the case when nothing is left.
 */
final class ClosingSteps {
  /** The duty's log category, as before these steps had a class of their own. */
  private static final Logger LOG = LoggerFactory.getLogger(TerminationService.class);

  private final TerminationService.Wiring w;
  private final TerminationOptions options;
  private final LeasedCases cases;
  private final Repository<CertificateOfDeletion> certificates;
  private final ErasureLedger ledger;
  private final DeletionSteps deletion;
  private final ReturnSteps returns;

  ClosingSteps(TerminationService.Wiring w, TerminationOptions options, LeasedCases cases,
      Repository<CertificateOfDeletion> certificates, ErasureLedger ledger, DeletionSteps deletion,
      ReturnSteps returns) {
    this.w = w;
    this.options = options;
    this.cases = cases;
    this.certificates = certificates;
    this.ledger = ledger;
    this.deletion = deletion;
    this.returns = returns;
  }

  void issueCertificate(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    // Issued once: after a crash, the stored certificate is reused, never recomputed.
    CertificateOfDeletion cert = certificates.find(c.id()).map(Versioned::value).orElseGet(() -> {
      EvidenceEntry head = w.evidence().head().orElseThrow();
      CertificateOfDeletion fresh = Certificates.build(c, keyStatus(c), returns.partialFilesLeft(c),
          head, now);
      try {
        certificates.insert(c.id(), c.client(), fresh);
        return fresh;
      } catch (DuplicateStateException race) {
        return certificates.find(c.id()).orElseThrow().value();
      }
    });
    cases.save(v, c.withCertificate(cert.sha256(), cert.issuedAt()).withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.CERTIFICATE_ISSUED, SYSTEM)
            .withStep(stepId(c, "certificate.issued"))
            .withClient(c.client()).withBasis(c.id()).withDetail("certificateSha256", cert.sha256())
            .withDetail("evidenceFrom", cert.evidenceFrom())
            .withDetail("evidenceTo", cert.evidenceTo()))));
  }

  private String keyStatus(TerminationCase c) {
    if (c.keyDestroyedAt() != null) {
      return "destroyed at " + c.keyDestroyedAt();
    }
    Instant archiveEnd = c.categories().stream()
        .filter(s -> s.disposition() == Disposition.LEGAL_ARCHIVE && s.atStart() > 0)
        .map(TerminationCase.CategoryStep::archivedUntil).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
    return "kept while restricted archives or holds need it"
        + (archiveEnd == null ? "" : " (archives end by " + archiveEnd + ")")
        + "; then destroyed, making copies that cannot be deleted row by row unreadable (R-TERM-7)";
  }

  /**
   * After the certificate: deletes archived records whose period ended and held records whose
   * hold was released, and destroys the client's key once nothing needs it (R-TERM-5, R-TERM-7).
   */
  boolean maintain(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    for (TerminationCase.CategoryStep s : c.categories()) {
      if (s.disposition() == Disposition.NOT_CLIENT_DATA || s.disposition() == Disposition.NOT_STORED) {
        continue;
      }
      List<RecordSelection> doomed = new ArrayList<>();
      String why;
      String basis;
      if (s.disposition() == Disposition.LEGAL_ARCHIVE) {
        // The schedule, not this duty, says when an archived record's period is over (R-TERM-5).
        PlanEntry entry = w.retention().plan(Principal.system(), c.client(), s.category());
        entry.selections().stream().filter(p -> p.deletable() > 0)
            .forEach(p -> doomed.add(p.toSelection(c.client(), s.category())));
        why = TerminationActions.ARCHIVE_EXPIRED;
        basis = String.join(", ", entry.rules());
      } else {
        RecordSelection all = RecordSelection.all(c.client(), s.category());
        if (w.hostData().count(w.deletionGate().sparingHolds(all)) > 0) {
          doomed.add(all);
        }
        why = TerminationActions.HOLD_RELEASE_DELETED;
        basis = s.basis() == null ? "" : s.basis();
      }
      if (doomed.isEmpty()) {
        continue;
      }
      long deleted = 0;
      for (int i = 0; i < doomed.size(); i++) {
        deleted += deletion.deleteAll(c, s.category(), doomed.get(i), why,
            c.id() + "." + s.category() + "." + now.toEpochMilli() + "." + i);
      }
      if (deleted == 0) {
        // The host reports records it does not delete: do not spin on them; retried at the next check.
        LOG.warn("termination case {}: records of {} could not be deleted", c.id(), s.category());
        continue;
      }
      long total = s.archiveDeleted() + deleted;
      long count = deleted;
      cases.save(v, c.withCategory(s.category(), x -> x.withArchiveDeleted(total))
          .withOutbox(List.of(EvidenceRecord.of(why, SYSTEM)
              .withStep(stepId(c, why.substring("termination.".length()), s.category().value(), "" + total))
              .withClient(c.client())
              .withBasis(c.id()).withDetail("category", s.category()).withDetail("deleted", count)
              .withDetail("rules", basis))));
      return true;
    }
    if (keyFree(c, now)) {
      if (c.keyDestroyedAt() == null) {
        destroyKey(v);
        return true;
      }
      cases.save(v, c.withClosed(now).withOutbox(List.of(
          EvidenceRecord.of(TerminationActions.CLOSED, SYSTEM)
              .withStep(stepId(c, "closed")).withClient(c.client()).withBasis(c.id()))));
      return true;
    }
    Instant next = now.plus(options.archiveCheckInterval());
    cases.park(v, c, pendingArchive(c, now).map(p -> earliest(p, next)).orElse(next));
    return false;
  }

  /** The end of the latest restricted archive still running, if any. */
  private static Optional<Instant> pendingArchive(TerminationCase c, Instant now) {
    // An archive that never held a record needs no key; one that did, until its period ends.
    return c.categories().stream()
        .filter(s -> s.disposition() == Disposition.LEGAL_ARCHIVE && s.atStart() > 0)
        .map(TerminationCase.CategoryStep::archivedUntil).filter(now::isBefore)
        .min(Comparator.naturalOrder());
  }

  /**
   * True once nothing needs the client's key (R-TERM-7): no restricted archive runs, no hold is
   * active, and none of the client's data is left.
   */
  boolean keyFree(TerminationCase c, Instant now) {
    return pendingArchive(c, now).isEmpty() && w.holds().active(Principal.system(), c.client()).isEmpty()
        && c.categories().stream().filter(s -> s.disposition() != Disposition.NOT_CLIENT_DATA)
            .noneMatch(s -> w.hostData().count(RecordSelection.all(c.client(), s.category())) > 0);
  }

  void destroyKey(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    String ledgerId = c.id() + ".key";
    // Written before the key goes, so a restore that brings the key back destroys it again.
    ledger.recordKeyIntent(ledgerId, c.client(), c.id());
    w.keys().destroy(c.client());
    ledger.complete(ledgerId, 0);
    Instant now = w.clock().instant();
    cases.save(v, c.withKeyDestroyed(now).withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.KEY_DESTROYED, SYSTEM)
            .withStep(stepId(c, "key.destroyed")).withClient(c.client()).withBasis(c.id()))));
  }
}
