package dev.custodian.spring;

import dev.custodian.spi.Escalation;
import dev.custodian.spi.EscalationChannel;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The default {@link EscalationChannel}: publishes each {@link Escalation} (ids and codes only, no
 * personal data) as a Spring application event for the host to route to its privacy contact:
 * {@code @EventListener void on(Escalation escalation)}. A listener that throws leaves the
 * escalation pending; it is retried at the next overdue check.
 */
public class ApplicationEventEscalationChannel implements EscalationChannel {
  private final ApplicationEventPublisher publisher;

  public ApplicationEventEscalationChannel(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void escalate(Escalation escalation) {
    publisher.publishEvent(Objects.requireNonNull(escalation, "escalation"));
  }
}
