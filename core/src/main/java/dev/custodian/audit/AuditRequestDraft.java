package dev.custodian.audit;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What a client asks for when it requests an on-site audit. Start from {@link #of} and add the
 * rest with the {@code with...} methods.
 *
 * @param receivedAt when the processor received it; only processor staff recording a request
 *     received by other means set it, otherwise it is the moment of submission
 * @param writtenDocument a reference to the written request; a client submitting through the API
 *     needs none (the submission is the written request), staff recording a request received
 *     otherwise give the letter or e-mail reference, or none if it was not in writing
 */
public record AuditRequestDraft(
    ClientId client,
    LocalDateTime proposedStart,
    LocalDateTime proposedEnd,
    String auditPlan,
    Instant receivedAt,
    String writtenDocument) {

  public AuditRequestDraft {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(proposedStart, "proposedStart");
    Objects.requireNonNull(proposedEnd, "proposedEnd");
  }

  /** An audit of {@code client} each day from {@code start}'s date to {@code end}'s date. */
  public static AuditRequestDraft of(ClientId client, LocalDateTime start, LocalDateTime end) {
    return new AuditRequestDraft(client, start, end, null, null, null);
  }

  public AuditRequestDraft withAuditPlan(String value) {
    return new AuditRequestDraft(client, proposedStart, proposedEnd, value, receivedAt, writtenDocument);
  }

  public AuditRequestDraft withReceivedAt(Instant value) {
    return new AuditRequestDraft(client, proposedStart, proposedEnd, auditPlan, value, writtenDocument);
  }

  public AuditRequestDraft withWrittenDocument(String value) {
    return new AuditRequestDraft(client, proposedStart, proposedEnd, auditPlan, receivedAt, value);
  }
}
