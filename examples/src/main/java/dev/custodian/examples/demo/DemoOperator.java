package dev.custodian.examples.demo;

import dev.custodian.spi.BreachNotification;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.spi.Incident;
import dev.custodian.client.ClientId;
import dev.custodian.spi.SubprocessorNotice;
import dev.custodian.spi.SubprocessorNoticeSender;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The demo operator's own channels, which a real host wires to e-mail, tickets or its console:
 * here they only keep what was sent, so the story can show it.
 */
final class DemoOperator implements SubprocessorNoticeSender, BreachNotificationSender {
  private final List<SubprocessorNotice> subprocessorNotices = new ArrayList<>();
  private final List<BreachNotification> breachNotifications = new ArrayList<>();

  @Override
  public Collection<ClientId> clientsUnderContract() {
    return DemoData.CLIENTS;
  }

  @Override
  public synchronized void send(SubprocessorNotice notice) {
    subprocessorNotices.add(notice);
  }

  @Override
  public synchronized void send(Incident incident, BreachNotification notification) {
    breachNotifications.add(notification);
  }

  synchronized List<SubprocessorNotice> subprocessorNotices() {
    return List.copyOf(subprocessorNotices);
  }

  synchronized List<BreachNotification> breachNotifications() {
    return List.copyOf(breachNotifications);
  }
}
