package dev.custodian.termination;

import static dev.custodian.termination.LeasedCases.stepId;
import static dev.custodian.termination.TerminationSteps.SYSTEM;
import static dev.custodian.termination.TerminationSteps.earliest;

import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.SubprocessorInstruction;
import java.time.Instant;
import java.util.List;

/**
 * The sub-processors' part of a termination (R-TERM-4): sends each its instruction under a stable
 * id, re-sends a failed one after the retry interval, and escalates a missing acknowledgement once.
 * Every attempt is stored with its evidence, under the case's lease.
 */
final class SubprocessorInstructions {
  private final TerminationService.Wiring w;
  private final TerminationOptions options;
  private final LeasedCases cases;

  SubprocessorInstructions(TerminationService.Wiring w, TerminationOptions options,
      LeasedCases cases) {
    this.w = w;
    this.options = options;
    this.cases = cases;
  }

  void send(Versioned<TerminationCase> v, TerminationCase.SubprocessorStep s) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    SubprocessorInstruction instruction = new SubprocessorInstruction(s.instructionId(),
        c.client(), s.name(), s.action(), c.terminationDate(), s.issuedAt());
    try {
      w.sender().send(instruction);
    } catch (RuntimeException e) {
      TerminationSteps.warn(e, "instruction {} to sub-processor {} could not be sent; retried later",
          s.instructionId(), s.name());
      cases.save(v, c.withSubProcessor(s.name(), x -> x.withAttempt(now, false))
          .withOutbox(List.of(EvidenceRecord.of(TerminationActions.SUBPROCESSOR_SEND_FAILED, SYSTEM)
              .withStep(stepId(c, "subprocessor.send_failed", s.name(), "" + (s.attempts() + 1)))
              .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", s.name())
              .withDetail("instruction", s.instructionId()))));
      return;
    }
    cases.save(v, c.withSubProcessor(s.name(), x -> x.withAttempt(now, true))
        .withOutbox(List.of(EvidenceRecord.of(TerminationActions.SUBPROCESSOR_INSTRUCTED, SYSTEM)
            .withStep(stepId(c, "subprocessor.instructed", s.name()))
            .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", s.name())
            .withDetail("instruction", s.instructionId()).withDetail("action", s.action()))));
  }

  /** Re-sends a failed instruction or escalates a missing acknowledgement; true if it did one. */
  boolean chores(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (s.sentAt() == null && s.action() != null
          && (s.lastAttemptAt() == null || !now.isBefore(s.lastAttemptAt().plus(options.retryInterval())))) {
        send(v, s);
        return true;
      }
    }
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (!s.acknowledged() && s.escalatedAt() == null && s.issuedAt() != null
          && !now.isBefore(escalationDue(s))) {
        w.notifier().subProcessorAcknowledgementOverdue(c.client(), s.name(), s.instructionId(),
            s.sentAt());
        cases.save(v, c.withSubProcessor(s.name(), x -> x.withEscalated(now))
            .withOutbox(List.of(EvidenceRecord.of(TerminationActions.SUBPROCESSOR_ESCALATED, SYSTEM)
                .withStep(stepId(c, "subprocessor.escalated", s.name()))
                .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", s.name())
                .withDetail("instruction", s.instructionId())
                .withDetail("sent", s.sentAt() != null))));
        return true;
      }
    }
    return false;
  }

  /** The sub-processors whose acknowledgement is overdue now. */
  List<TerminationCase.SubprocessorStep> overdue(TerminationCase c) {
    Instant now = w.clock().instant();
    return c.subProcessors().stream()
        .filter(s -> !s.acknowledged() && s.issuedAt() != null && !now.isBefore(escalationDue(s)))
        .toList();
  }

  /** When a sub-processor's missing acknowledgement is escalated. */
  private Instant escalationDue(TerminationCase.SubprocessorStep s) {
    return (s.sentAt() != null ? s.sentAt() : s.issuedAt())
        .plus(options.subProcessorAcknowledgementDelay());
  }

  /** When the sub-processors' part next needs attention: a retry or an escalation. */
  Instant nextCheck(TerminationCase c) {
    Instant now = w.clock().instant();
    Instant next = null;
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (s.acknowledged() || s.issuedAt() == null) {
        continue;
      }
      if (s.sentAt() == null) {
        next = earliest(next, s.lastAttemptAt() == null ? now : s.lastAttemptAt().plus(options.retryInterval()));
      }
      if (s.escalatedAt() == null) {
        next = earliest(next, escalationDue(s));
      }
    }
    return next == null ? now.plus(options.archiveCheckInterval()) : next;
  }
}
