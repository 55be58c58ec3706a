package dev.custodian.termination;

import static dev.custodian.termination.LeasedCases.stepId;
import static dev.custodian.termination.TerminationSteps.SYSTEM;

import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.Transactions;
import java.util.List;
import java.util.Optional;

/**
 * The deletion at termination (R-TERM-2, R-TERM-7, R-HOLD-1): one category after another, one
 * batch per step, through the deletion gate so held records stay, each category written to the
 * erasure ledger before its first batch. In return mode it refuses to start before the hand-over.
 */
final class DeletionSteps {
  private final TerminationService.Wiring w;
  private final TerminationOptions options;
  private final LeasedCases cases;
  private final ErasureLedger ledger;
  private final Transactions transactions;

  DeletionSteps(TerminationService.Wiring w, TerminationOptions options, LeasedCases cases,
      ErasureLedger ledger, Transactions transactions) {
    this.w = w;
    this.options = options;
    this.cases = cases;
    this.ledger = ledger;
    this.transactions = transactions;
  }

  boolean deleteNext(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Optional<TerminationCase.CategoryStep> next = c.categories().stream()
        .filter(s -> s.deletedAtTermination() && !s.deletionDone()).findFirst();
    if (next.isEmpty()) {
      cases.save(v, c.withPhase(TerminationPhase.AWAITING_SUB_PROCESSORS));
      return true;
    }
    TerminationCase.CategoryStep s = next.get();
    if (c.mode() == TerminationMode.RETURN
        && (c.delivery() == null || !c.delivery().acknowledged())) {
      throw new IllegalStateException("refusing to delete before the return is acknowledged");
    }
    RecordSelection all = RecordSelection.all(c.client(), s.category());
    String ledgerId = c.id() + "." + s.category();
    if (s.cursor() == null) {
      // The ledger line is written before the first batch, so it exists for whatever gets deleted.
      ledger.recordIntent(ledgerId, c.client(), s.category(), null, null, c.id());
    }
    // One unit of work where the stores share a database: the batch's deletion, its evidence and
    // the case's new cursor (or the category's completion) commit together, so a crash leaves
    // neither rows deleted without their evidence nor a cursor ahead of them (R-EVID-1).
    return transactions.inOneTransaction(() -> deleteOneBatch(v, c, s, all, ledgerId));
  }

  private boolean deleteOneBatch(Versioned<TerminationCase> v, TerminationCase c,
      TerminationCase.CategoryStep s, RecordSelection all, String ledgerId) {
    DeletionBatch b = w.deletionGate().deleteBatch(all, s.cursor(), options.deletionBatchSize(),
        SYSTEM, TerminationActions.DELETION_BATCH, c.id());
    if (!b.exhausted()) {
      cases.save(v, c.withCategory(s.category(), x -> x.withCursor(b.nextKey())));
      return true;
    }
    // Counted as records gone rather than summed per batch: a crash between a batch and its
    // checkpoint must not make the certificate under-count.
    long remaining = w.hostData().count(all);
    long held = w.deletionGate().countHeld(all);
    if (remaining > 0) {
      // What a hold kept is a confidential archive, processed for no other purpose (R-HOLD-1).
      w.hostData().restrict(all);
    }
    long deleted = Math.max(0, s.atStart() - remaining);
    ledger.complete(ledgerId, deleted);
    cases.save(v, c.withCategory(s.category(), x -> x.withCursor(b.nextKey()).withDeletionDone(deleted, held))
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.CATEGORY_DELETED, SYSTEM)
            .withStep(stepId(c, "category.deleted", s.category().value()))
            .withClient(c.client()).withBasis(c.id()).withDetail("category", s.category())
            .withDetail("disposition", s.disposition()).withDetail("deleted", deleted)
            .withDetail("held", held))));
    return true;
  }

  /**
   * Deletes everything {@code sel} selects, sparing held records, and returns how many went. A
   * plain time window is written to the erasure ledger first; a slice narrowed by subjects is not
   * (the schedule that chose it chooses it again after a restore).
   *
   * @param why the evidence action of the deletion; each batch is recorded as {@code why.batch}
   */
  long deleteAll(TerminationCase c, CategoryId category, RecordSelection sel, String why,
      String ledgerId) {
    boolean plain = sel.subjects().isEmpty() && sel.excluding().isEmpty();
    if (plain) {
      ledger.recordIntent(ledgerId, c.client(), category, sel.from(), sel.before(), c.id());
    }
    long before = w.hostData().count(sel);
    String cursor = null;
    DeletionBatch b;
    do {
      b = w.deletionGate().deleteBatch(sel, cursor, options.deletionBatchSize(), SYSTEM,
          why + ".batch", c.id());
      cursor = b.nextKey();
    } while (!b.exhausted());
    long deleted = before - w.hostData().count(sel);
    if (plain) {
      ledger.complete(ledgerId, deleted);
    }
    return deleted;
  }
}
