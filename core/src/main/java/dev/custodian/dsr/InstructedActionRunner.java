package dev.custodian.dsr;

import static dev.custodian.dsr.SubjectRequestActions.ERASE_REFUSED;
import static dev.custodian.dsr.SubjectRequestActions.EXPORT_PRODUCED;
import static dev.custodian.dsr.SubjectRequestActions.EXPORT_REFUSED;
import static dev.custodian.dsr.SubjectRequestActions.INSTRUCTION_REFUSED;
import static dev.custodian.dsr.SubjectRequestActions.RECTIFICATION_APPLIED;
import static dev.custodian.dsr.SubjectRequestActions.RECTIFY_REFUSED;
import static dev.custodian.dsr.SubjectRequestActions.RESPOND_TO_SUBJECT_REFUSED;
import static dev.custodian.dsr.SubjectRequestActions.RESTRICTION_APPLIED;
import static dev.custodian.dsr.SubjectRequestActions.RESTRICT_REFUSED;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Principal;
import dev.custodian.dsr.SubjectCase.State;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.InstructionService;
import dev.custodian.terms.Target;
import dev.custodian.instruction.Verification;
import dev.custodian.instruction.VerifiedInstruction;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.Rectifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the client's instructions about a subject case and runs the actions they order (R-DSR-3,
 * R-DSR-4): export, erasure, restriction, rectification, the answer to the subject. Each runs only
 * once the case is visible to the caller, the caller may handle its client's requests, the case is
 * open and the instruction verifies; any refusal before that is recorded as evidence and rethrown.
 */
final class InstructedActionRunner {
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(SubjectRequestService.class);

  private final Repository<SubjectCase> cases;
  private final HostData hostData;
  private final Rectifier rectifier;
  private final InstructionService instructions;
  private final SubjectResponseGate gate;
  private final SubjectErasure erasure;
  private final EvidenceLog evidence;
  private final Clock clock;

  InstructedActionRunner(Repository<SubjectCase> cases, HostData hostData, Rectifier rectifier,
      InstructionService instructions, SubjectResponseGate gate, SubjectErasure erasure,
      EvidenceLog evidence, Clock clock) {
    this.cases = cases;
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.rectifier = Objects.requireNonNull(rectifier, "rectifier");
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.gate = gate;
    this.erasure = erasure;
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Records the client's instruction about a case that is not closed; a refusal is recorded. */
  Instruction instruct(Principal by, String caseId, InstructionDraft draft) {
    Objects.requireNonNull(by, "by");
    SubjectCase c;
    try {
      c = cases.find(caseId).map(Versioned::value).filter(x -> by.mayActFor(x.client()))
          .orElseThrow(() -> new NoSuchElementException(SubjectRequestService.noCase(caseId, by)));
      if (c.state() == State.CLOSED) {
        throw new IllegalStateException("subject case " + caseId + " is closed");
      }
    } catch (RuntimeException e) {
      evidence.append(EvidenceRecord.of(INSTRUCTION_REFUSED, by.id())
          .withClient(by instanceof ClientPrincipal p ? p.client() : null)
          .withDetail("case", String.valueOf(caseId)).withDetail("reason", e.getMessage()));
      throw e;
    }
    return instructions.record(by, Target.Kind.SUBJECT_CASE, c.id(), draft);
  }

  SubjectExport exportForClient(Principal by, String caseId, String instructionId,
      Set<CategoryId> categories) {
    return act(by, caseId, instructionId, InstructedAction.EXPORT, categories, null, (v, proof) -> {
      SubjectCase c = v.value();
      List<HostRecord> records = dataOf(c, categories);
      EvidenceRecord evidenceRecord =
          EvidenceRecord.of(EXPORT_PRODUCED, by.id()).withClient(c.client())
          .withBasis(instructionId).withDetail("case", caseId)
          .withDetail("categories", sorted(categories)).withDetail("records", records.size());
      cases.update(caseId, v, c.withStep(step(InstructedAction.EXPORT, instructionId, by)));
      evidence.append(evidenceRecord);
      return new SubjectExport(caseId, c.client(), c.right(), clock.instant(), instructionId,
          records);
    });
  }

  ErasureReport erase(Principal by, String caseId, String instructionId,
      Set<CategoryId> categories) {
    return act(by, caseId, instructionId, InstructedAction.ERASE, categories, null,
        (v, proof) -> erasure.erase(by, v, instructionId, sorted(categories)));
  }

  long restrict(Principal by, String caseId, String instructionId, Set<CategoryId> categories) {
    return act(by, caseId, instructionId, InstructedAction.RESTRICT, categories, null,
        (v, proof) -> {
          SubjectCase c = v.value();
          cases.update(caseId, v, c.withStep(step(InstructedAction.RESTRICT, instructionId, by)));
          long n = 0;
          for (CategoryId category : sorted(categories)) {
            n += hostData.restrict(
                RecordSelection.all(c.client(), category).withSubjects(c.subjects()));
          }
          evidence.append(EvidenceRecord.of(RESTRICTION_APPLIED, by.id())
              .withClient(c.client()).withBasis(instructionId).withDetail("case", caseId)
              .withDetail("categories", sorted(categories)).withDetail("restricted", n));
          return n;
        });
  }

  int rectify(Principal by, String caseId, String instructionId, List<Correction> corrections) {
    Objects.requireNonNull(corrections, "corrections");
    Set<CategoryId> scope = corrections.stream().map(Correction::category)
        .collect(Collectors.toSet());
    return act(by, caseId, instructionId, InstructedAction.RECTIFY, scope,
        () -> {
          if (corrections.isEmpty()) {
            throw new IllegalArgumentException("no correction given");
          }
          corrections.forEach(Constraints::check);
        },
        (v, proof) -> {
          SubjectCase c = v.value();
          Set<String> own = hostData.findSubject(c.client(), c.subjects()).stream()
              .map(r -> r.category() + "/" + r.id()).collect(Collectors.toSet());
          for (Correction k : corrections) {
            if (!own.contains(k.category() + "/" + k.recordId())) {
              throw new IllegalArgumentException("record " + k.category() + "/" + k.recordId()
                  + " is not one of the subject's records in case " + caseId);
            }
          }
          cases.update(caseId, v, c.withStep(step(InstructedAction.RECTIFY, instructionId, by)));
          int n = 0;
          for (Correction k : corrections) {
            if (rectifier.rectify(c.client(), k.category(), k.recordId(), k.fields())) {
              n++;
            }
          }
          evidence.append(EvidenceRecord.of(RECTIFICATION_APPLIED, by.id())
              .withClient(c.client()).withBasis(instructionId).withDetail("case", caseId)
              .withDetail("records", n).withDetail("fields", corrections.stream()
                  .flatMap(k -> k.fields().keySet().stream()).collect(Collectors.toCollection(
                      TreeSet::new))));
          return n;
        });
  }

  SubjectCase respond(Principal by, String caseId, String instructionId, SubjectAnswer answer) {
    Set<CategoryId> scope = answer == null ? Set.of() : answer.include();
    return act(by, caseId, instructionId, InstructedAction.RESPOND_TO_SUBJECT, scope,
        () -> Constraints.check(Objects.requireNonNull(answer, "answer")),
        (v, proof) -> {
          SubjectCase c = v.value();
          Instant now = clock.instant();
          SubjectCase.Response response = c.state() == State.RESPONDING && c.response() != null
              ? c.response()
              : new SubjectCase.Response("resp-" + UUID.randomUUID(), instructionId, by.id(), now,
                  null);
          List<HostRecord> data = dataOf(c, answer.include());
          v = cases.update(caseId, v, c.withStep(step(InstructedAction.RESPOND_TO_SUBJECT,
              instructionId, by)).withResponse(State.RESPONDING, response));
          gate.send(proof, v.value(), response.responseId(), answer.message(), data, by.id());
          SubjectCase done = v.value().withResponse(State.RESPONDED,
              new SubjectCase.Response(response.responseId(), instructionId, by.id(),
                  response.startedAt(), clock.instant()));
          cases.update(caseId, v, done);
          LOG.info("subject case {} answered under instruction {}", caseId, instructionId);
          return done;
        });
  }

  /** The body of an instructed action, run once the instruction verified. */
  @FunctionalInterface
  private interface ActionBody<R> {
    R run(Versioned<SubjectCase> current, VerifiedInstruction proof);
  }

  /**
   * Runs an instructed action: the case must be visible to {@code by}, who must be allowed to act;
   * the case must be open; the instruction must verify. Any refusal before the action runs is
   * recorded as evidence and rethrown.
   */
  private <R> R act(Principal by, String caseId, String instructionId, InstructedAction action,
      Set<CategoryId> scope, Runnable validate, ActionBody<R> body) {
    Objects.requireNonNull(by, "by");
    Versioned<SubjectCase> v = null;
    VerifiedInstruction proof;
    try {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(scope, "scope");
      v = cases.find(caseId).filter(x -> by.mayActFor(x.value().client()))
          .orElseThrow(() -> new NoSuchElementException(SubjectRequestService.noCase(caseId, by)));
      SubjectCase c = v.value();
      if (!instructions.mayHandle(by, c.client())) {
        throw new SecurityException("principal " + by.id() + " may not act on client "
            + c.client() + "'s requests");
      }
      boolean resumable = action == InstructedAction.RESPOND_TO_SUBJECT
          && c.state() == State.RESPONDING;
      if (c.state() != State.OPEN && !resumable) {
        throw new IllegalStateException("subject case " + caseId + " is " + c.state()
            + (c.state() == State.AWAITING_NOTIFICATION ? ": the client has not been notified yet"
                : "") + "; cannot " + action);
      }
      if (validate != null) {
        validate.run();
      }
      Verification verdict = instructions.verify(by, instructionId, Target.Kind.SUBJECT_CASE,
          c.id(), action, scope);
      if (!(verdict instanceof Verification.Verified ok)) {
        throw new InstructionRefusedException(verdict);
      }
      proof = ok.proof();
    } catch (RuntimeException e) {
      refused(by, v == null ? null : v.value(), caseId, instructionId, action, e);
      throw e;
    }
    return body.run(v, proof);
  }

  private void refused(Principal by, SubjectCase c, String caseId, String instructionId,
      InstructedAction action, RuntimeException e) {
    ClientId client = c != null ? c.client()
        : by instanceof ClientPrincipal p ? p.client() : null;
    EvidenceRecord r = EvidenceRecord.of(refusal(action), by.id())
        .withClient(client).withBasis(instructionId).withDetail("case", String.valueOf(caseId))
        .withDetail("error", e.getClass().getSimpleName());
    if (e instanceof InstructionRefusedException ire) {
      r = r.withDetail("verdict", ire.verification().getClass().getSimpleName().toLowerCase());
      if (ire.verification() instanceof Verification.Refused no) {
        r = r.withDetail("failed", EnumSet.copyOf(no.failed()));
      }
    }
    evidence.append(r);
    LOG.info("refused {} on subject case {} by {}: {}", action, caseId, by.id(),
        e.getClass().getSimpleName());
  }

  /** The evidence action of a refused {@code action}; only the subject's actions run here. */
  private static String refusal(InstructedAction action) {
    return switch (action) {
      case EXPORT -> EXPORT_REFUSED;
      case ERASE -> ERASE_REFUSED;
      case RESTRICT -> RESTRICT_REFUSED;
      case RECTIFY -> RECTIFY_REFUSED;
      case RESPOND_TO_SUBJECT -> RESPOND_TO_SUBJECT_REFUSED;
      case RESPOND_TO_AUTHORITY -> throw new AssertionError("not an action on a subject case");
    };
  }

  private List<HostRecord> dataOf(SubjectCase c, Set<CategoryId> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    return hostData.findSubject(c.client(), c.subjects()).stream()
        .filter(r -> categories.contains(r.category()))
        .sorted(Comparator.comparing(HostRecord::category).thenComparing(HostRecord::id)).toList();
  }

  private SubjectCase.Step step(InstructedAction action, String instructionId, Principal by) {
    return new SubjectCase.Step(action, instructionId, by.id(), clock.instant());
  }

  private static List<CategoryId> sorted(Set<CategoryId> categories) {
    return new TreeSet<>(categories).stream().toList();
  }
}
