package dev.custodian.dsr;

import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.instruction.VerifiedInstruction;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.Responder;
import dev.custodian.spi.SubjectResponse;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one place that answers a subject (R-DSR-3): it calls the host's {@link Responder}, and only
 * with a {@link VerifiedInstruction}, which only the instruction verifier can create. Package-
 * private: nothing outside this package can reach it, and an architecture test checks that no
 * other class calls the responder.
 */
final class SubjectResponseGate {
  private final Responder responder;
  private final EvidenceLog evidence;

  SubjectResponseGate(Responder responder, EvidenceLog evidence) {
    this.responder = Objects.requireNonNull(responder, "responder");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
  }

  /** Sends the answer; records it as evidence once the host has taken it. */
  void send(VerifiedInstruction proof, SubjectCase c, String responseId, String message,
      List<HostRecord> data, String actor) {
    Objects.requireNonNull(proof, "a subject is answered only under a verified instruction");
    SubjectResponse response = new SubjectResponse(responseId, c.requestId(), c.id(), c.client(),
        c.right(), c.channel(), c.subjects(), message, data, proof);
    try {
      responder.answerSubject(response);
    } catch (RuntimeException e) {
      evidence.append(EvidenceRecord.of("dsr.response.failed", actor).withClient(c.client())
          .withBasis(proof.basis()).withDetail("case", c.id()).withDetail("response", responseId)
          .withDetail("error", e.getClass().getSimpleName()));
      throw e;
    }
    evidence.append(EvidenceRecord.of("dsr.response.sent", actor).withClient(c.client())
        .withBasis(proof.basis()).withDetail("case", c.id()).withDetail("response", responseId)
        .withDetail("records", data.size())
        .withDetail("categories", new TreeSet<>(data.stream().map(HostRecord::category).toList())
            .stream().map(CategoryId::value).toList()));
  }
}
