package dev.custodian.audit;

import dev.custodian.audit.AuditAssessment.Refusal;
import dev.custodian.client.ClientId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A client's request for an on-site audit (DPA 7, R-AUD-2).
 *
 * @param submittedBy the principal who submitted or recorded it
 * @param receivedAt when the processor received it
 * @param writtenDocument the written request: a reference to the document (letter, e-mail, the
 *     request recorded through the API); null if the request was not made in writing
 * @param proposedStart the first day and daily start time proposed, local to the processor
 * @param proposedEnd the last day and daily end time proposed, local to the processor
 * @param auditPlan the detailed audit plan, or a reference to it; null until provided
 * @param planApprovedBy the security-team member who approved the plan, or null
 * @param refusals the rules failed, once decided
 */
public record AuditRequest(
    String id,
    ClientId client,
    String submittedBy,
    Instant receivedAt,
    String writtenDocument,
    LocalDateTime proposedStart,
    LocalDateTime proposedEnd,
    String auditPlan,
    String planApprovedBy,
    Instant planApprovedAt,
    Status status,
    List<Refusal> refusals,
    String decidedBy,
    Instant decidedAt) {

  /** Where a request stands. */
  public enum Status {
    SUBMITTED,
    ACCEPTED,
    REFUSED
  }

  public AuditRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(submittedBy, "submittedBy");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(proposedStart, "proposedStart");
    Objects.requireNonNull(proposedEnd, "proposedEnd");
    Objects.requireNonNull(status, "status");
    refusals = refusals == null ? List.of() : List.copyOf(refusals);
  }

  AuditRequest withPlan(String plan) {
    return new AuditRequest(id, client, submittedBy, receivedAt, writtenDocument, proposedStart,
        proposedEnd, plan, null, null, status, refusals, decidedBy, decidedAt);
  }

  AuditRequest planApproved(String by, Instant at) {
    return new AuditRequest(id, client, submittedBy, receivedAt, writtenDocument, proposedStart,
        proposedEnd, auditPlan, by, at, status, refusals, decidedBy, decidedAt);
  }

  AuditRequest decided(AuditAssessment a, String by, Instant at) {
    return new AuditRequest(id, client, submittedBy, receivedAt, writtenDocument, proposedStart,
        proposedEnd, auditPlan, planApprovedBy, planApprovedAt,
        a.valid() ? Status.ACCEPTED : Status.REFUSED, a.refusals(), by, at);
  }
}
