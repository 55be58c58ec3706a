package dev.custodian.dsr;

import static dev.custodian.dsr.SubjectRequestActions.ERASURE_BATCH;
import static dev.custodian.dsr.SubjectRequestActions.ERASURE_COMPLETED;

import dev.custodian.client.ClientId;
import dev.custodian.client.Principal;
import dev.custodian.dsr.SubjectCase.ErasureRun;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.terms.InstructedAction;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.ClockStart;
import dev.custodian.retention.RetentionRule;
import dev.custodian.retention.RetentionService;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a subject's records under a verified ERASE instruction (R-DSR-4): in batches through the
 * hold-aware deletion gate, held records spared and counted (R-HOLD-2), records the law still
 * requires keeping deferred to the retention duty and counted (R-RET-2). The run is stored before
 * every batch, so calling again with the same instruction after a crash resumes it.
 */
final class SubjectErasure {
  private static final int BATCH = 500;
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(SubjectRequestService.class);

  private final Repository<SubjectCase> cases;
  private final HostData hostData;
  private final DeletionGate deletionGate;
  private final RetentionService retention;
  private final EvidenceLog evidence;
  private final Clock clock;

  SubjectErasure(Repository<SubjectCase> cases, HostData hostData, DeletionGate deletionGate,
      RetentionService retention, EvidenceLog evidence, Clock clock) {
    this.cases = cases;
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.deletionGate = Objects.requireNonNull(deletionGate, "deletionGate");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs (or resumes) the erasure of {@code categories} on the open case {@code v}. */
  ErasureReport erase(Principal by, Versioned<SubjectCase> v, String instructionId,
      List<CategoryId> categories) {
    SubjectCase c = v.value();
    String caseId = c.id();
    ErasureRun run = c.erasure() != null && c.erasure().instructionId().equals(instructionId)
        && c.erasure().categories().equals(categories)
        ? c.erasure()
        : ErasureRun.start(instructionId, categories, legalKeepFrom(c.client(), categories));
    v = cases.update(caseId, v, c.withStep(new SubjectCase.Step(InstructedAction.ERASE,
        instructionId, by.id(), clock.instant())).withErasure(run));
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
      DeletionBatch batch = deletionGate.deleteBatch(selection, run.afterKey(), BATCH,
          by.id(), ERASURE_BATCH, instructionId);
      run = run.after(batch.deleted(), batch.nextKey(), batch.exhausted());
      v = cases.update(caseId, v, v.value().withErasure(run));
    }
    cases.update(caseId, v, v.value().withErasure(null));
    ErasureReport report = new ErasureReport(caseId, instructionId, run.deleted(), run.held(),
        run.deferred(), run.deferredUntil());
    evidence.append(EvidenceRecord.of(ERASURE_COMPLETED, by.id()).withClient(c.client())
        .withBasis(instructionId).withDetail("case", caseId)
        .withDetail("deleted", report.totalDeleted()).withDetail("held", report.totalHeld())
        .withDetail("deferred", report.totalDeferred()).withDetail("categories", categories));
    LOG.info("subject case {}: erased {} record(s), {} spared by holds, {} deferred by law",
        caseId, report.totalDeleted(), report.totalHeld(), report.totalDeferred());
    return report;
  }

  /**
   * Per category under a legal minimum counted from the record's time, the time from which the
   * subject's records must still be kept. One day of margin keeps this on the safe side of the
   * retention calendar's month ends and DST rules; whatever it leaves is deleted by the retention
   * sweep under the deferred deletion request.
   */
  private Map<CategoryId, Instant> legalKeepFrom(ClientId client, List<CategoryId> categories) {
    RetentionService retention = this.retention;
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
    RetentionService.DeletionRequest request = retention.requestDeletion(by, c.client(),
        run.keepFrom().keySet(), c.subjects(), run.instructionId());
    return run.deferralRecorded(counts, request.deferredUntil());
  }

  private static RecordSelection erasable(SubjectCase c, CategoryId category,
      Map<CategoryId, Instant> keepFrom) {
    RecordSelection all = RecordSelection.all(c.client(), category).withSubjects(c.subjects());
    Instant from = keepFrom.get(category);
    return from == null ? all : all.withWindow(null, from);
  }
}
