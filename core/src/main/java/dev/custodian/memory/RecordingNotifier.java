package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.RequestNotifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps client notices and escalations in memory instead of delivering them, for tests and the
 * demo. {@link #failNext(int)} makes the next deliveries fail, to show that they stay pending.
 * Thread-safe.
 */
public final class RecordingNotifier implements RequestNotifier, EscalationChannel {
  private final List<ClientNotice> notices = new ArrayList<>();
  private final List<Escalation> escalations = new ArrayList<>();
  private int failures;

  @Override
  public synchronized void tellClient(ClientNotice notice) {
    failIfAsked();
    notices.add(notice);
  }

  @Override
  public synchronized void escalate(Escalation escalation) {
    failIfAsked();
    escalations.add(escalation);
  }

  /** Every notice delivered so far, oldest first. */
  public synchronized List<ClientNotice> notices() {
    return List.copyOf(notices);
  }

  /** The notices delivered to one client. */
  public synchronized List<ClientNotice> noticesFor(ClientId client) {
    return notices.stream().filter(n -> n.client().equals(client)).toList();
  }

  /** Every escalation delivered so far, oldest first. */
  public synchronized List<Escalation> escalations() {
    return List.copyOf(escalations);
  }

  /** Makes the next {@code count} deliveries throw. */
  public synchronized void failNext(int count) {
    this.failures = count;
  }

  private void failIfAsked() {
    if (failures > 0) {
      failures--;
      throw new IllegalStateException("delivery failed (simulated)");
    }
  }
}
