package dev.custodian.termination;

import static dev.custodian.termination.LeasedCases.stepId;
import static dev.custodian.termination.TerminationService.caseId;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a person's command does to a termination case: the opening, the client's choice, the
 * hand-over of the return, a sub-processor's confirmation. Each gives the next state with its
 * evidence in the outbox, or refuses; {@link TerminationService} checks who may ask and stores it.
 */
final class CaseChanges {
  private final Clock clock;
  private final TerminationOptions options;
  private final Planner planner;

  CaseChanges(Clock clock, TerminationOptions options, Planner planner) {
    this.clock = clock;
    this.options = options;
    this.planner = planner;
  }

  /** The sub-processors' names, sorted. @throws IllegalArgumentException if one is blank */
  static Set<String> subprocessorNames(Set<String> subProcessors) {
    Set<String> names = new TreeSet<>(Objects.requireNonNull(subProcessors, "subProcessors"));
    names.forEach(n -> {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("a sub-processor needs a name");
      }
    });
    return names;
  }

  /** A new case, awaiting the client's choice, each sub-processor's instruction id fixed. */
  TerminationCase opened(String by, ClientId client, Instant terminationDate, Set<String> names) {
    Instant now = clock.instant();
    List<TerminationCase.SubprocessorStep> subs = new ArrayList<>();
    for (String n : names) {
      subs.add(TerminationCase.SubprocessorStep.pending(n, caseId(client) + "-" + UUID.randomUUID()));
    }
    return new TerminationCase(caseId(client), client, now, by, terminationDate,
        terminationDate.plus(options.choiceWindow()), null, null, null, false, null,
        TerminationPhase.AWAITING_CHOICE, planner.scheduleVersion(), List.of(), null, subs, null, 0,
        null, null, null, terminationDate, null, null,
        List.of(EvidenceRecord.of(TerminationActions.OPENED, by)
            .withStep(caseId(client) + "/opened")
            .withClient(client)
            .withBasis(caseId(client)).withDetail("terminationDate", terminationDate)
            .withDetail("choiceDeadline", terminationDate.plus(options.choiceWindow()))
            .withDetail("subProcessors", names.toString())));
  }

  /** The client's choice, refused once the work started or the deadline passed (R-TERM-2). */
  TerminationCase chosen(TerminationCase c, String by, TerminationMode mode, boolean encrypted) {
    Instant now = clock.instant();
    if (c.phase() != TerminationPhase.AWAITING_CHOICE) {
      throw new IllegalStateException("the termination is already under way in mode " + c.mode()
          + "; the choice can no longer change");
    }
    if (!now.isBefore(c.choiceDeadline())) {
      throw new IllegalStateException("the choice deadline " + c.choiceDeadline()
          + " has passed: the data is deleted by default (R-TERM-2)");
    }
    return c.withChoice(mode, by, now, encrypted)
        .withNextCheck(c.terminatedAt(now) ? now : c.terminationDate())
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.CHOICE_MADE, by)
            .withClient(c.client()).withBasis(c.id()).withDetail("choice", mode)
            .withDetail("encrypted", encrypted)));
  }

  /** The client's acknowledgement of the archive, naming the manifest it received (R-TERM-8). */
  TerminationCase acknowledgedByClient(TerminationCase c, String by, String manifestSha256) {
    TerminationCase.ReturnDelivery d = deliveredArchive(c);
    if (!d.manifestSha256().equalsIgnoreCase(Objects.requireNonNull(manifestSha256, "manifestSha256"))) {
      throw new IllegalStateException("the acknowledged manifest is not the one delivered");
    }
    return handedOver(c, d, by, "client");
  }

  /** The hand-over confirmed by the processor's check of the checksums (R-TERM-8). */
  TerminationCase verifiedByChecksums(TerminationCase c, String by) {
    return c.delivery() != null && c.delivery().acknowledged() ? c
        : handedOver(c, deliveredArchive(c), by, "checksums");
  }

  private TerminationCase handedOver(TerminationCase c, TerminationCase.ReturnDelivery d, String by,
      String how) {
    if (d.acknowledged()) {
      return c;
    }
    Instant now = clock.instant();
    return c.withDelivery(d.withAcknowledged(now, by, how)).withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.RETURN_HANDED_OVER, by)
            .withStep(stepId(c, "return.handed_over", d.archiveId()))
            .withClient(c.client()).withBasis(c.id()).withDetail("archive", d.archiveId())
            .withDetail("manifestSha256", d.manifestSha256()).withDetail("confirmedBy", how)
            .withDetail("note", "from the hand-over on, the returned copy is the client's responsibility (DPA 8.3)")));
  }

  /** The delivered return archive. @throws IllegalStateException if none was delivered */
  static TerminationCase.ReturnDelivery deliveredArchive(TerminationCase c) {
    if (c.delivery() == null || !c.delivery().delivered()) {
      throw new IllegalStateException("no return archive has been delivered for client " + c.client());
    }
    return c.delivery();
  }

  /** A sub-processor's confirmation that it returned or deleted the data (R-TERM-4). */
  TerminationCase subprocessorAcknowledged(TerminationCase c, String by, String subProcessor,
      String reference) {
    TerminationCase.SubprocessorStep s = c.subProcessor(subProcessor).orElseThrow(() ->
        new IllegalArgumentException(subProcessor + " is not a sub-processor of this termination"));
    if (s.acknowledged()) {
      return c;
    }
    Instant now = clock.instant();
    return c.withSubProcessor(subProcessor, x -> x.withAcknowledged(now, by, reference))
        .withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.SUBPROCESSOR_ACKNOWLEDGED, by)
            .withStep(stepId(c, "subprocessor.acknowledged", subProcessor))
            .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", subProcessor)
            .withDetail("instruction", s.instructionId())
            .withDetail("reference", reference == null ? "" : reference)));
  }
}
