package dev.custodian.spi;


/**
 * What the host implements to tell a client of an incident (R-BR-1, R-BR-2) and to alert its own
 * staff when the 72-hour clock runs out. Narrow on purpose: breach notifications only.
 */
public interface BreachNotificationSender {

  /**
   * Delivers {@code notification} of {@code incident} to the incident's client; returns normally
   * once the host has accepted it. Throwing leaves the notification pending and the clock running;
   * {@code BreachService.deliverPending()} retries it.
   */
  void send(Incident incident, BreachNotification notification);

  /**
   * Alerts the processor's privacy contact that {@code incident} passed its deadline without the
   * client being notified (R-BR-1). Called once per incident, after the escalation is recorded.
   * Does nothing by default: the host may poll {@code BreachService.overdue()} instead.
   */
  default void escalate(Incident incident) {}
}
