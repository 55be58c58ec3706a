package dev.custodian.termination;

import static dev.custodian.termination.LeasedCases.stepId;

import dev.custodian.client.ClientId;
import dev.custodian.client.Principal;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.SubprocessorInstruction;
import dev.custodian.subject.PersonalDataDetector;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step machine of a termination case: takes the case's lease, then does one step after another
 * (each stored before its side effect runs) until the case waits for time or for someone. Decides
 * the mode and plans it, restricts legal archives and instructs the sub-processors itself, and hands
 * the later phases to {@link ReturnSteps}, {@link DeletionSteps} and {@link ClosingSteps}.
 */
final class TerminationSteps {
  /** The duty's log category, as before the steps had a class of their own. */
  private static final Logger LOG = LoggerFactory.getLogger(TerminationService.class);
  /** The actor of the evidence the steps append. */
  static final String SYSTEM = "system";

  private final TerminationService.Wiring w;
  private final LeasedCases cases;
  private final Planner planner;
  private final SubprocessorInstructions subProcessors;
  private final ReturnSteps returns;
  private final DeletionSteps deletion;
  private final ClosingSteps closing;

  TerminationSteps(TerminationService.Wiring w, LeasedCases cases, Planner planner,
      SubprocessorInstructions subProcessors, ReturnSteps returns, DeletionSteps deletion,
      ClosingSteps closing) {
    this.w = w;
    this.cases = cases;
    this.planner = planner;
    this.subProcessors = subProcessors;
    this.returns = returns;
    this.deletion = deletion;
    this.closing = closing;
  }

  /**
   * Logs a failure that is retried later, with its stack trace, unless its message may quote
   * personal data: then only the exception's class is logged (R-EVID-2).
   */
  static void warn(RuntimeException e, String message, Object... args) {
    if (PersonalDataDetector.standard().quotesPersonalData(e)) {
      Object[] withClass = Arrays.copyOf(args, args.length + 1);
      withClass[args.length] = e.getClass().getName();
      LOG.warn(message + ": {} (message withheld: it may hold personal data)", withClass);
    } else {
      Object[] withCause = Arrays.copyOf(args, args.length + 1);
      withCause[args.length] = e;
      LOG.warn(message, withCause);
    }
  }

  /** See {@link TerminationService#runDue()}. */
  int runDue() {
    int n = 0;
    for (Versioned<TerminationCase> v : cases.listDue(w.clock().instant())) {
      n++;
      try {
        advance(v.value().client());
      } catch (RuntimeException e) {
        warn(e, "termination case {} could not advance; it is retried at the next run",
            v.value().id());
      }
    }
    return n;
  }

  /** See {@link TerminationService#advance(ClientId)}. */
  TerminationCase advance(ClientId client) {
    TerminationCase first = cases.load(client).value();
    if (!cases.claim(first.id())) {
      return first;
    }
    TerminationCase last = first;
    try {
      while (true) {
        Versioned<TerminationCase> v = cases.load(client);
        last = v.value();
        try {
          if (!step(v)) {
            last = cases.load(client).value();
            break;
          }
        } catch (StaleStateException concurrent) {
          // An acknowledgement or another node changed the case: read it again and decide anew.
          LOG.debug("termination case {} changed concurrently; re-reading", last.id());
        }
      }
    } catch (LeasedCases.LeaseLost lost) {
      LOG.warn("termination case {}: this node's lease ran out; another node takes over",
          lost.caseId());
      cases.forget(first.id());
      return cases.load(client).value();
    } catch (RuntimeException e) {
      cases.release(first.id());
      throw e;
    }
    // An Error (the process is going down) keeps the lease: it runs out in the store's time.
    cases.release(first.id());
    return last;
  }

  /** Does one step; false when the case waits for time or for someone. */
  private boolean step(Versioned<TerminationCase> v) {
    if (!v.value().outbox().isEmpty()) {
      cases.flush(v);
      return true;
    }
    TerminationCase c = v.value();
    return switch (c.phase()) {
      case AWAITING_CHOICE -> decide(v);
      case PLANNED -> prepare(v);
      case EXPORTING -> returns.exportArchive(v);
      case AWAITING_ACKNOWLEDGEMENT -> returns.awaitAcknowledgement(v);
      case DELETING -> deletion.deleteNext(v);
      case AWAITING_SUB_PROCESSORS -> awaitSubProcessors(v);
      case CERTIFIED -> closing.maintain(v);
      case CLOSED -> {
        if (c.nextCheck() != null || c.leaseOwner() != null || c.leaseUntil() != null) {
          cases.park(v, c.withClosed(c.closedAt()), null);
        }
        yield false;
      }
    };
  }

  private boolean decide(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    if (!c.terminatedAt(now)) {
      cases.park(v, c, c.terminationDate());
      return false;
    }
    if (c.choice() == null && now.isBefore(c.choiceDeadline())) {
      cases.park(v, c, c.choiceDeadline());
      return false;
    }
    TerminationMode mode = c.choice() == null ? TerminationMode.DELETE_BY_DEFAULT : c.choice();
    SubprocessorInstruction.Action action = mode == TerminationMode.RETURN
        ? SubprocessorInstruction.Action.RETURN_THEN_DELETE : SubprocessorInstruction.Action.DELETE;
    List<TerminationCase.SubprocessorStep> subs = c.subProcessors().stream()
        .map(s -> s.withAction(action, now)).toList();
    List<TerminationCase.CategoryStep> plan = planner.plan(c.client(), mode, c.terminationDate(),
        w.retention().settings(Principal.system(), c.client()).zone());
    EvidenceRecord decided = EvidenceRecord.of(mode == TerminationMode.DELETE_BY_DEFAULT
            ? TerminationActions.CHOICE_DEFAULTED : TerminationActions.MODE_DECIDED, SYSTEM)
        .withStep(stepId(c, "mode.decided")).withClient(c.client()).withBasis(c.id())
        .withDetail("mode", mode)
        .withDetail("scheduleVersion", planner.scheduleVersion());
    for (TerminationCase.CategoryStep s : plan) {
      // One detail per category: the plan, with the counts it was made on.
      decided = decided.withDetail(TerminationService.PLAN + s.category(), planLine(s));
    }
    List<EvidenceRecord> out = List.of(decided);
    cases.save(v, c.withPlan(mode, planner.scheduleVersion(), plan, subs).withNextCheck(now)
        .withOutbox(out));
    return true;
  }

  /** The plan of one category as the evidence records it: disposition, records, held. */
  static String planLine(TerminationCase.CategoryStep s) {
    return s.disposition() + " records=" + s.atStart() + " held=" + s.heldAtStart();
  }

  /** Restricts legal archives, then sends the sub-processors' instructions, one per step. */
  private boolean prepare(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    for (TerminationCase.CategoryStep s : c.categories()) {
      if (s.disposition() == Disposition.LEGAL_ARCHIVE && !s.restricted()) {
        RecordSelection all = RecordSelection.all(c.client(), s.category());
        // Held records are restricted too: a hold keeps them as a confidential archive (R-HOLD-1).
        w.hostData().restrict(all);
        long held = w.deletionGate().countHeld(all);
        long archived = w.hostData().count(all) - held;
        cases.save(v, c.withCategory(s.category(), x -> x.withArchived(archived, held))
            .withOutbox(List.of(EvidenceRecord.of(TerminationActions.CATEGORY_ARCHIVED, SYSTEM)
                .withStep(stepId(c, "category.archived", s.category().value()))
                .withClient(c.client()).withBasis(c.id()).withDetail("category", s.category())
                .withDetail("archived", archived).withDetail("held", held)
                .withDetail("until", s.archivedUntil())
                .withDetail("clock", s.archiveFromContractEnd() ? "contract end" : "record time")
                .withDetail("legalBasis", s.basis()))));
        return true;
      }
    }
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (s.sentAt() == null && s.attempts() == 0) {
        subProcessors.send(v, s);
        return true;
      }
    }
    cases.save(v, c.withPhase(c.mode() == TerminationMode.RETURN
        ? TerminationPhase.EXPORTING : TerminationPhase.DELETING));
    return true;
  }

  private boolean awaitSubProcessors(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    if (subProcessors.chores(v)) {
      return true;
    }
    if (c.subProcessors().stream().allMatch(TerminationCase.SubprocessorStep::acknowledged)) {
      if (c.keyDestroyedAt() == null && closing.keyFree(c, w.clock().instant())) {
        // Nothing needs the key any more: destroy it first, so the certificate can say so.
        closing.destroyKey(v);
        return true;
      }
      closing.issueCertificate(v);
      return true;
    }
    cases.park(v, c, subProcessors.nextCheck(c));
    return false;
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
