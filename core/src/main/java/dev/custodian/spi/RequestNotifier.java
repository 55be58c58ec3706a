package dev.custodian.spi;

/**
 * How the library tells a client about a subject request, an authority request, a held instruction
 * or a quote: the host delivers the notice through its own channel to the client (e-mail to the
 * client's designated contact, a message in the client's console...).
 *
 * <p>A notice concerns one client and carries that client's data only (R-DSR-6, R-ACC-2); it may
 * hold the subject's identifiers, which the client, as controller, needs. The host must not log
 * them in clear.
 *
 * <p>Delivery is at least once: the library records a notice as sent only after this method
 * returns, so after a crash a notice may be delivered again. Throw to signal that delivery failed;
 * the library keeps the notice pending and retries it later.
 */
@FunctionalInterface
public interface RequestNotifier {

  /** Delivers {@code notice} to its client. */
  void tellClient(ClientNotice notice);
}
