package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert to the processor's privacy contact.
 *
 * @param reason what happened
 * @param reference the id of the request or case concerned
 * @param client the client concerned, or null (an unmatched request concerns none)
 * @param due the deadline that was missed or the date that came, if any
 */
public record Escalation(Reason reason, String reference, ClientId client, Instant due) {

  /** Why the privacy contact is alerted. */
  public enum Reason {
    /** A subject request matched no client's data (R-DSR-7). */
    UNMATCHED_SUBJECT_REQUEST,
    /** A client was not notified of a subject request within the deadline (R-DSR-2). */
    CLIENT_NOTIFICATION_OVERDUE,
    /** The review date of a prohibition to inform the client has come (R-AUTH-1). */
    PROHIBITION_REVIEW_DUE
  }

  public Escalation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(reference, "reference");
  }
}
