package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.terms.SubjectRight;
import dev.custodian.terms.InstructedAction;
import dev.custodian.subject.SubjectIdentifier;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An answer to a subject, on a client's behalf, as the host's {@link Responder} receives it.
 *
 * @param responseId stable across retries: de-duplicate on it
 * @param requestId the processor's id of the subject's request (what the subject was given)
 * @param recipient the subject's identifiers known to this client
 * @param message the text to send; may hold personal data meant for the subject: never log it
 * @param data the subject's records included in the answer (empty if none)
 * @param authorization the client's verified instruction to answer (a {@code
 *     dev.custodian.instruction.VerifiedInstruction}, the only kind that covers a subject); never
 *     null
 */
public record SubjectResponse(
    String responseId,
    String requestId,
    String caseId,
    ClientId client,
    SubjectRight right,
    RequestChannel channel,
    Set<SubjectIdentifier> recipient,
    String message,
    List<HostRecord> data,
    ResponseAuthorization authorization) {

  /**
   * @throws IllegalArgumentException if the authorisation is not for answering this case's subject
   *     with these data
   */
  public SubjectResponse {
    Objects.requireNonNull(responseId, "responseId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(channel, "channel");
    recipient = Set.copyOf(recipient);
    Objects.requireNonNull(message, "message");
    data = List.copyOf(data);
    Objects.requireNonNull(authorization,
        "a subject is answered only under a verified instruction");
    if (!authorization.target().client().equals(client)
        || !authorization.covers(caseId, InstructedAction.RESPOND_TO_SUBJECT,
            data.stream().map(HostRecord::category).collect(Collectors.toSet()))) {
      throw new IllegalArgumentException(
          "the verified instruction does not cover answering this case with these data");
    }
  }

  @Override
  public String toString() {
    return "SubjectResponse[" + responseId + " case " + caseId + ", " + data.size() + " records, "
        + "under " + authorization.basis() + "]";
  }
}
