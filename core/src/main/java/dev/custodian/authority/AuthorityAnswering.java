package dev.custodian.authority;

import static dev.custodian.authority.AuthorityRequestActions.RESPONSE_REFUSED;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.authority.AuthorityRequest.State;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.instruction.InstructionService;
import dev.custodian.instruction.LegalCompulsion;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.terms.Target;
import dev.custodian.instruction.Verification;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an authority (R-AUTH-2, R-AUTH-3): on the client's verified instruction while the client
 * may know of the request, or under the legal compulsion the designated officer approved while it
 * may not. The request moves to RESPONDING before the response gate is called and to ANSWERED
 * after, so a failed answer is resent with the same response id. Any refusal before the gate is
 * called is recorded as evidence and rethrown.
 */
final class AuthorityAnswering {
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(AuthorityRequestService.class);

  private final Repository<AuthorityRequest> requests;
  private final HostData hostData;
  private final InstructionService instructions;
  private final AuthorityResponseGate gate;
  private final EvidenceLog evidence;
  private final Clock clock;

  AuthorityAnswering(Repository<AuthorityRequest> requests, HostData hostData,
      InstructionService instructions, AuthorityResponseGate gate, EvidenceLog evidence,
      Clock clock) {
    this.requests = requests;
    this.hostData = Objects.requireNonNull(hostData, "hostData");
    this.instructions = Objects.requireNonNull(instructions, "instructions");
    this.gate = gate;
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  AuthorityRequest answer(Principal by, String requestId, AuthorityRequest.Authority under,
      String instructionId, AuthorityAnswer answer) {
    Objects.requireNonNull(by, "by");
    Versioned<AuthorityRequest> v = null;
    ResponseAuthorization authorization;
    List<HostRecord> data;
    try {
      Objects.requireNonNull(requestId, "requestId");
      v = requests.find(requestId).filter(x -> by.mayActFor(x.value().client())
              && AuthorityRequestService.informable(by, x.value()))
          .orElseThrow(() -> new NoSuchElementException(
              AuthorityRequestService.noRequest(requestId, by)));
      AuthorityRequest r = v.value();
      instructions.access().require(by, under == AuthorityRequest.Authority.INSTRUCTION
          ? Operation.AUTHORITY_HANDLE : Operation.AUTHORITY_PROHIBITION, r.client());
      boolean resumable = r.state() == State.RESPONDING && r.answer() != null
          && r.answer().under() == under;
      if (r.state() != State.OPEN && !resumable) {
        throw new IllegalStateException("authority request " + requestId + " is " + r.state());
      }
      Constraints.check(Objects.requireNonNull(answer, "answer"));
      if (!r.categories().containsAll(answer.include())) {
        throw new IllegalArgumentException("the answer discloses categories the authority did not"
            + " ask for");
      }
      authorization = under == AuthorityRequest.Authority.INSTRUCTION
          ? byInstruction(by, r, instructionId, answer.include())
          : byCompulsion(by, r);
      data = dataOf(r, answer.include());
    } catch (RuntimeException e) {
      refused(by, v == null ? null : v.value(), requestId, instructionId, under, e);
      throw e;
    }
    AuthorityRequest r = v.value();
    AuthorityRequest.Answer started = r.state() == State.RESPONDING ? r.answer()
        : new AuthorityRequest.Answer("resp-" + UUID.randomUUID(), under, authorization.basis(),
            by.id(), clock.instant(), null);
    v = requests.update(requestId, v, r.withAnswer(State.RESPONDING, started));
    gate.send(authorization, v.value(), started.responseId(), answer.message(), data, by.id());
    AuthorityRequest done = v.value().withAnswer(State.ANSWERED, new AuthorityRequest.Answer(
        started.responseId(), under, authorization.basis(), by.id(), started.startedAt(),
        clock.instant()));
    requests.update(requestId, v, done);
    LOG.info("authority request {} answered under {}", requestId, under);
    return done;
  }

  private ResponseAuthorization byInstruction(Principal by, AuthorityRequest r,
      String instructionId, Set<CategoryId> scope) {
    if (r.information() != Information.INFORMED) {
      throw new IllegalStateException("authority request " + r.id() + ": the client has not been"
          + " informed, so it cannot have instructed an answer");
    }
    Verification verdict = instructions.verify(by, instructionId, Target.Kind.AUTHORITY_REQUEST,
        r.id(), InstructedAction.RESPOND_TO_AUTHORITY, scope);
    if (!(verdict instanceof Verification.Verified ok)) {
      throw new InstructionRefusedException(verdict);
    }
    return ok.proof();
  }

  private LegalCompulsion byCompulsion(Principal by, AuthorityRequest r) {
    if (r.information() != Information.PROHIBITED) {
      throw new IllegalStateException("authority request " + r.id() + ": no prohibition to inform"
          + " the client holds, so the answer needs the client's instruction (R-AUTH-2)");
    }
    if (r.compulsion() == null) {
      throw new IllegalStateException("authority request " + r.id() + ": no legal compulsion has"
          + " been approved by the designated officer");
    }
    if (!(by instanceof ProcessorPrincipal officer)) {
      throw new SecurityException(
          "only the processor's designated officer answers under compulsion");
    }
    return instructions.compulsion(officer, r.id());
  }

  private void refused(Principal by, AuthorityRequest r, String requestId, String instructionId,
      AuthorityRequest.Authority under, RuntimeException e) {
    EvidenceRecord rec = r != null ? AuthorityEvidence.of(r, RESPONSE_REFUSED, by.id())
        : EvidenceRecord.of(RESPONSE_REFUSED, by.id())
            .withClient(by instanceof ClientPrincipal p ? p.client() : null)
            .withDetail("request", String.valueOf(requestId));
    rec = rec.withBasis(instructionId).withDetail("under", under)
        .withDetail("error", e.getClass().getSimpleName());
    if (e instanceof InstructionRefusedException ire
        && ire.verification() instanceof Verification.Refused no) {
      rec = rec.withDetail("failed", EnumSet.copyOf(no.failed()));
    }
    evidence.append(rec);
    LOG.info("refused answering authority request {} by {}: {}", requestId, by.id(),
        e.getClass().getSimpleName());
  }

  private List<HostRecord> dataOf(AuthorityRequest r, Set<CategoryId> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    List<HostRecord> out = new ArrayList<>();
    if (r.subjects().isEmpty()) {
      for (CategoryId c : new TreeSet<>(categories)) {
        hostData.stream(r.client(), c, out::add);
      }
      return out;
    }
    return hostData.findSubject(r.client(), r.subjects()).stream()
        .filter(h -> categories.contains(h.category()))
        .sorted(Comparator.comparing(HostRecord::category).thenComparing(HostRecord::id)).toList();
  }
}
