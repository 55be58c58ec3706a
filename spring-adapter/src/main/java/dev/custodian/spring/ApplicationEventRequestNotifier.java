package dev.custodian.spring;

import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.RequestNotifier;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The default {@link RequestNotifier}: publishes each {@link ClientNotice} as a Spring application
 * event, so the host delivers it to the client from an ordinary listener, for example
 * {@code @EventListener void on(ClientNotice.SubjectRequest notice)}.
 *
 * <p>Listeners run synchronously in the publishing thread: a listener that throws makes the
 * delivery fail, and the library keeps the notice pending and retries it at the next check
 * (at-least-once; de-duplicate on {@link ClientNotice#noticeId()}). With no listener at all the
 * notice counts as delivered, so a host must listen before it goes live. A notice may hold the
 * subject's identifiers, which the client needs: a listener must not log them in clear.
 */
public class ApplicationEventRequestNotifier implements RequestNotifier {
  private final ApplicationEventPublisher publisher;

  public ApplicationEventRequestNotifier(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void tellClient(ClientNotice notice) {
    publisher.publishEvent(Objects.requireNonNull(notice, "notice"));
  }
}
