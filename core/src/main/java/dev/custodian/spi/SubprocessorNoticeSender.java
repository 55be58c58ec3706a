package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.util.Collection;

/**
 * What the host implements so the registry can tell every client of a change (R-SUB-2): who the
 * clients are, and how a notice reaches one (e-mail to its super administrators, a message in its
 * personal space...). Narrow on purpose: sub-processor notices only.
 *
 * <p>Delivery is at least once: after a crash between {@link #send} and the library recording it,
 * the same notice (same {@link SubprocessorNotice#id()}) is sent again.
 */
public interface SubprocessorNoticeSender {

  /** Every client under contract now: each is sent the notice of a change. */
  Collection<ClientId> clientsUnderContract();

  /**
   * Delivers one notice to its client; returns normally once the host has accepted it for
   * delivery. Throwing leaves the notice pending: it is retried by {@code deliverPending()}.
   */
  void send(SubprocessorNotice notice);
}
