package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A security incident affecting one client's data (DPA 6): when the processor became aware of it,
 * the 72-hour clock to notify the client (R-BR-1), and the notifications sent (R-BR-2, R-BR-3).
 * An incident caused by the client is recorded as such and has no clock (R-BR-4).
 *
 * @param summary a short internal description (stored, never written to evidence)
 * @param notifyBy {@code awareAt} plus 72 hours; null for an incident caused by the client
 * @param firstNotifiedAt when the first notification was sent: the clock stops there
 * @param escalatedAt when the missed deadline was escalated, or null
 * @param clientCause why the incident is the client's doing (R-BR-4), or null
 */
public record Incident(
    String id,
    ClientId client,
    Instant awareAt,
    String summary,
    Instant recordedAt,
    String recordedBy,
    Instant notifyBy,
    Instant firstNotifiedAt,
    Instant escalatedAt,
    String clientCause,
    List<BreachNotification> notifications) {

  /** How long the processor has to notify the client, where possible (R-BR-1, GDPR 33). */
  public static final Duration NOTIFICATION_DEADLINE = Duration.ofHours(72);

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(awareAt, "awareAt");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(recordedBy, "recordedBy");
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }

  /** True if the client caused it: the breach duties do not apply (R-BR-4). */
  public boolean causedByClient() {
    return clientCause != null;
  }

  /** True while the client is still to be notified and the 72-hour clock runs. */
  public boolean clockRunning() {
    return !causedByClient() && firstNotifiedAt == null;
  }

  /** True if the clock runs and more than 72 hours have passed since awareness at {@code now}. */
  public boolean overdueAt(Instant now) {
    return clockRunning() && now.isAfter(notifyBy);
  }

  /** The deadline as a wall-clock time in {@code zone}, or null without a clock. */
  public ZonedDateTime notifyByIn(ZoneId zone) {
    return notifyBy == null ? null : notifyBy.atZone(zone);
  }

  /** True once a final notification is stored: nothing more is sent. */
  public boolean closed() {
    return notifications.stream().anyMatch(n -> n.kind() == BreachNotification.Kind.FINAL);
  }

  /** What the library must act on next: the deadline while it runs, or a notification to resend. */
  /** When the incident next needs attention: its oldest pending notification or its deadline. */
  public Instant dueAt() {
    Instant pending = notifications.stream()
        .filter(n -> n.status() == BreachNotification.Status.PENDING)
        .map(BreachNotification::createdAt).min(Instant::compareTo).orElse(null);
    Instant deadline = clockRunning() ? notifyBy : null;
    if (pending == null) {
      return deadline;
    }
    return deadline == null || pending.isBefore(deadline) ? pending : deadline;
  }

  /** A copy with {@code n} added, or replacing the notification of the same sequence. */
  public Incident withNotification(BreachNotification n) {
    List<BreachNotification> all = new ArrayList<>(notifications);
    all.removeIf(x -> x.sequence() == n.sequence());
    all.add(n);
    all.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
    Instant first = firstNotifiedAt == null && n.status() == BreachNotification.Status.SENT
        ? n.sentAt() : firstNotifiedAt;
    return new Incident(id, client, awareAt, summary, recordedAt, recordedBy, notifyBy, first,
        escalatedAt, clientCause, all);
  }

  /** A copy escalated at {@code at}. */
  public Incident escalated(Instant at) {
    return new Incident(id, client, awareAt, summary, recordedAt, recordedBy, notifyBy,
        firstNotifiedAt, at, clientCause, notifications);
  }

  /** A copy recording that the client caused the breach: its notification clock stops. */
  public Incident causedByClient(String reason) {
    return new Incident(id, client, awareAt, summary, recordedAt, recordedBy, null,
        firstNotifiedAt, escalatedAt, reason, notifications);
  }
}
