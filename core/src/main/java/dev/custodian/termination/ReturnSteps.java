package dev.custodian.termination;

import static dev.custodian.termination.LeasedCases.stepId;
import static dev.custodian.termination.TerminationSteps.SYSTEM;
import static dev.custodian.termination.TerminationSteps.earliest;

import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The return of a client's data (R-TERM-3, R-TERM-8): exports the archive to the sink, removes what
 * an interrupted export left there before trying again under a new archive id, and waits for the
 * hand-over, reminding the client when it is overdue. Nothing is deleted in this phase.
 */
final class ReturnSteps {
  private final TerminationService.Wiring w;
  private final TerminationOptions options;
  private final LeasedCases cases;
  private final ReturnExport export;
  private final SubprocessorInstructions subProcessors;

  ReturnSteps(TerminationService.Wiring w, TerminationOptions options, LeasedCases cases,
      ReturnExport export, SubprocessorInstructions subProcessors) {
    this.w = w;
    this.options = options;
    this.cases = cases;
    this.export = export;
    this.subProcessors = subProcessors;
  }

  boolean exportArchive(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    TerminationCase.ReturnDelivery previous = c.delivery();
    if (previous != null && !previous.delivered() && !previous.discarded()) {
      discardArchive(v, previous);
      return true;
    }
    int attempt = previous == null ? 1 : previous.attempt() + 1;
    String archiveId = archiveId(c, attempt);
    // The attempt is stored first: an export that crashes is discarded, then redone under a new
    // archive id (an encrypted one under a new key).
    AtomicReference<Versioned<TerminationCase>> started = new AtomicReference<>(cases.save(v,
        c.withDelivery(TerminationCase.ReturnDelivery.started(attempt, archiveId,
            c.encryptReturn(), now, previous == null ? List.of() : previous.discardedArchives()))));
    List<CategoryId> returned = c.categories().stream()
        .filter(s -> s.disposition() == Disposition.RETURN_THEN_DELETE)
        .map(TerminationCase.CategoryStep::category).toList();
    byte[] key = c.encryptReturn() ? ArchiveCipher.newKey() : null;
    ReturnExport.Result result;
    try {
      // The lease is renewed after each category, so a long export keeps the case to itself.
      result = export.export(c.client(), c.id(), archiveId, returned, c.scheduleVersion(), key, now,
          () -> cases.renew(c.id()));
      if (key != null) {
        w.sink().deliverKey(c.client(), archiveId, key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("return archive " + archiveId + " could not be written", e);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
    ReturnManifest m = result.manifest();
    TerminationCase next = started.get().value();
    for (ReturnManifest.ManifestFile f : m.files()) {
      next = next.withCategory(f.category(), s -> s.withReturned(f.records()));
    }
    Instant done = w.clock().instant();
    next = next.withDelivery(started.get().value().delivery().withDelivered(result.manifestSha256(),
            m.totalRecords(), m.earliestRecord(), m.latestRecord(),
            w.sink().location(c.client(), archiveId), done))
        .withPhase(TerminationPhase.AWAITING_ACKNOWLEDGEMENT).withNextCheck(done)
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.ARCHIVE_DELIVERED, SYSTEM)
            .withStep(stepId(c, "archive.delivered", archiveId))
            .withClient(c.client()).withBasis(c.id()).withDetail("archive", archiveId)
            .withDetail("manifestSha256", result.manifestSha256())
            .withDetail("records", m.totalRecords()).withDetail("files", m.files().size())
            .withDetail("encrypted", key != null)
            .withDetail("scheduleVersion", c.scheduleVersion())));
    cases.save(started.get(), next);
    return true;
  }

  static String archiveId(TerminationCase c, int attempt) {
    return c.id() + "-return-" + attempt;
  }

  /**
   * Removes what an export that stopped half-way left in the sink (finished files, partial copies
   * holding personal data, its key), checks that no partial copy remains, and records it.
   */
  private void discardArchive(Versioned<TerminationCase> v, TerminationCase.ReturnDelivery abandoned) {
    TerminationCase c = v.value();
    String archiveId = abandoned.archiveId();
    List<String> removed;
    List<String> left;
    try {
      removed = w.sink().discard(c.client(), archiveId);
      left = w.sink().partialFiles(c.client(), archiveId);
    } catch (IOException e) {
      throw new UncheckedIOException("abandoned return archive " + archiveId + " could not be removed", e);
    }
    if (!left.isEmpty()) {
      throw new IllegalStateException("abandoned return archive " + archiveId + " still holds "
          + left.size() + " partial files after removal; retried at the next run");
    }
    cases.save(v, c.withDelivery(abandoned.withDiscarded())
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.ARCHIVE_DISCARDED, SYSTEM)
            .withStep(stepId(c, "archive.discarded", archiveId))
            .withClient(c.client()).withBasis(c.id()).withDetail("archive", archiveId)
            .withDetail("attempt", abandoned.attempt()).withDetail("filesRemoved", removed.size())
            .withDetail("partialFilesLeft", 0))));
  }

  /**
   * How many partial copies the return's attempts left in the sink, counted when the certificate
   * is issued (0 unless a sink failed to remove them).
   */
  int partialFilesLeft(TerminationCase c) {
    if (c.delivery() == null) {
      return 0;
    }
    int n = 0;
    for (int i = 1; i <= c.delivery().attempt(); i++) {
      try {
        n += w.sink().partialFiles(c.client(), archiveId(c, i)).size();
      } catch (IOException e) {
        throw new UncheckedIOException("the return archive store could not be listed", e);
      }
    }
    return n;
  }

  boolean awaitAcknowledgement(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    TerminationCase.ReturnDelivery d = c.delivery();
    Instant now = w.clock().instant();
    if (d.acknowledged()) {
      cases.save(v, c.withPhase(TerminationPhase.DELETING));
      return true;
    }
    if (d.readyNotifiedAt() == null) {
      w.notifier().returnArchiveReady(c.client(), d.archiveId(), d.location());
      cases.save(v, c.withDelivery(d.withReadyNotified(now)));
      return true;
    }
    Instant overdue = d.deliveredAt().plus(options.returnAcknowledgementDelay());
    if (d.overdueNotifiedAt() == null && !now.isBefore(overdue)) {
      w.notifier().returnAcknowledgementOverdue(c.client(), d.archiveId(), d.deliveredAt());
      cases.save(v, c.withDelivery(d.withOverdueNotified(now))
          .withOutbox(List.of(EvidenceRecord.of(TerminationActions.ARCHIVE_ACKNOWLEDGEMENT_OVERDUE, SYSTEM)
              .withStep(stepId(c, "archive.acknowledgement_overdue", d.archiveId()))
              .withClient(c.client()).withBasis(c.id()).withDetail("archive", d.archiveId()))));
      return true;
    }
    if (subProcessors.chores(v)) {
      return true;
    }
    Instant next = d.overdueNotifiedAt() == null ? overdue : now.plus(options.archiveCheckInterval());
    cases.park(v, c, earliest(next, subProcessors.nextCheck(c)));
    return false;
  }
}
