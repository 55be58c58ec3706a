package dev.custodian.spi;

/**
 * How a response reaches a subject or an authority: the host sends it through its own channel.
 *
 * <p>The library calls this only from its response gates, and only with a response that carries
 * its authorisation: a verified instruction of the client (R-DSR-3, R-AUTH-2) or, for an authority
 * under a prohibition to inform the client, a legal compulsion approved by the processor's
 * designated officer (R-AUTH-3). A response without one cannot be built. The host should send
 * nothing to a subject or an authority by any other path.
 *
 * <p>Delivery is at least once: after a crash the same response (same {@code responseId}) may come
 * again; the host should de-duplicate on it. Throw to signal that delivery failed; the library
 * keeps the request in its responding state so the response can be retried.
 */
public interface Responder {

  /** Sends an answer to a subject on behalf of the client. */
  void answerSubject(SubjectResponse response);

  /** Sends an answer to an authority. */
  void answerAuthority(AuthorityResponse response);
}
