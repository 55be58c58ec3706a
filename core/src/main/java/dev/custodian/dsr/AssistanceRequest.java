package dev.custodian.dsr;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * A client's express request that the processor help it answer a subject (DPA 9, R-DSR-5), and
 * its course: quoted, accepted or declined, worked on, completed. Billable work starts only after
 * the client accepted the quote.
 *
 * @param quote the quote, once made
 * @param quoteSentAt when the quote reached the client; null until then
 * @param decision the client's answer to the quote, once given
 * @param billable true if the work is billed under the accepted quote
 */
public record AssistanceRequest(
    String id,
    ClientId client,
    String caseId,
    String description,
    String requestedBy,
    Instant requestedAt,
    State state,
    Quote quote,
    String quotedBy,
    Instant quotedAt,
    Instant quoteSentAt,
    Decision decision,
    boolean billable,
    String startedBy,
    Instant startedAt,
    String completedBy,
    Instant completedAt,
    String summary) {

  /** Where the request stands. */
  public enum State {
    REQUESTED,
    QUOTED,
    ACCEPTED,
    DECLINED,
    IN_PROGRESS,
    COMPLETED
  }

  public AssistanceRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(state, "state");
  }

  Instant quoteNoticeDue() {
    return state == State.QUOTED && quoteSentAt == null ? quotedAt : null;
  }

  AssistanceRequest quoted(Quote q, String by, Instant at) {
    return new AssistanceRequest(id, client, caseId, description, requestedBy, requestedAt,
        State.QUOTED, q, by, at, null, null, false, null, null, null, null, null);
  }

  AssistanceRequest quoteSent(Instant at) {
    return new AssistanceRequest(id, client, caseId, description, requestedBy, requestedAt, state,
        quote, quotedBy, quotedAt, at, decision, billable, startedBy, startedAt, completedBy,
        completedAt, summary);
  }

  AssistanceRequest decided(Decision d) {
    return new AssistanceRequest(id, client, caseId, description, requestedBy, requestedAt,
        d.accepted() ? State.ACCEPTED : State.DECLINED, quote, quotedBy, quotedAt, quoteSentAt, d,
        false, null, null, null, null, null);
  }

  AssistanceRequest started(boolean isBillable, String by, Instant at) {
    return new AssistanceRequest(id, client, caseId, description, requestedBy, requestedAt,
        State.IN_PROGRESS, quote, quotedBy, quotedAt, quoteSentAt, decision, isBillable, by, at,
        null, null, null);
  }

  AssistanceRequest completed(String by, Instant at, String what) {
    return new AssistanceRequest(id, client, caseId, description, requestedBy, requestedAt,
        State.COMPLETED, quote, quotedBy, quotedAt, quoteSentAt, decision, billable, startedBy,
        startedAt, by, at, what);
  }

  /** The client's answer to a quote. */
  public record Decision(boolean accepted, String by, Instant at, String reason) {
    public Decision {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
    }
  }
}
