package dev.custodian.breach;

/** The evidence actions of the breach duty (R-BR-1 to R-BR-4). The values never change once released. */
public final class BreachActions {
  /** An incident was recorded; the 72-hour notification clock starts at its detection time. */
  public static final String INCIDENT_RECORDED = "breach.incident.recorded";
  /** An incident the client itself caused was recorded. */
  public static final String INCIDENT_CLIENT_CAUSED = "breach.incident.client_caused";
  /** The client was notified of an incident. */
  public static final String NOTIFICATION_SENT = "breach.notification.sent";
  /** A notification was refused (incomplete, or by someone not allowed to send it). */
  public static final String NOTIFICATION_REFUSED = "breach.notification.refused";
  /** An incident's notification passed its deadline without being sent. */
  public static final String NOTIFICATION_OVERDUE = "breach.notification.overdue";

  private BreachActions() {}
}
