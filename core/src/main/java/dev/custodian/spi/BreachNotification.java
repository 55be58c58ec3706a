package dev.custodian.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification of an incident to its client (R-BR-1 to R-BR-3).
 *
 * @param sequence 1 for the first notification of the incident, then 2, 3...
 * @param status PENDING once stored, SENT once the sender accepted it
 */
public record BreachNotification(
    int sequence,
    Kind kind,
    NotificationContent content,
    Instant createdAt,
    String createdBy,
    Status status,
    Instant sentAt) {

  /** Which notification this is. */
  public enum Kind {
    /** The first notice, within 72 hours; may be incomplete (R-BR-1). */
    INITIAL,
    /** More information as it becomes known (R-BR-2). */
    FOLLOW_UP,
    /** The complete notification: every R-BR-3 field; closes the incident. */
    FINAL
  }

  /** Whether it has gone out. */
  public enum Status {
    PENDING,
    SENT
  }

  public BreachNotification {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(status, "status");
  }

  /** A copy marked sent at {@code at}. */
  public BreachNotification sent(Instant at) {
    return new BreachNotification(sequence, kind, content, createdAt, createdBy, Status.SENT, at);
  }
}
