package dev.custodian.examples.boot;

import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.Escalation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where the sample delivers Custodian's notices to its clients: the starter publishes each one as a
 * Spring event, and this listener stands for the client's console or the designated contact's
 * mailbox. It logs ids only: a notice may hold the subject's identifiers, which the client needs
 * but the logs must not show (R-EVID-2).
 */
@Component
class ClientInbox {
  private static final Logger LOG = LoggerFactory.getLogger(ClientInbox.class);
  private final List<ClientNotice> delivered = new CopyOnWriteArrayList<>();

  @EventListener
  void deliver(ClientNotice notice) {
    delivered.add(notice);
    LOG.info("notice {} delivered to client {}", notice.noticeId(), notice.client());
  }

  @EventListener
  void alertPrivacyContact(Escalation escalation) {
    LOG.warn("privacy contact alerted: {} for {}", escalation.reason(), escalation.reference());
  }

  List<ClientNotice> delivered() {
    return List.copyOf(delivered);
  }
}
