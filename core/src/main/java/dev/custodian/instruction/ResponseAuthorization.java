package dev.custodian.instruction;

import java.time.Instant;

/**
 * What allows the library to answer a subject or an authority: a verified instruction of the
 * client (R-DSR-3, R-AUTH-2) or, when the law forbids informing the client, a legal compulsion
 * approved by the processor's designated officer (R-AUTH-3).
 *
 * <p>Neither kind can be built outside this package: the only way to hold one is to pass
 * verification. Every response handed to the host's {@link dev.custodian.spi.Responder} carries
 * one, so the host can see, and log, what authorised it.
 */
public sealed interface ResponseAuthorization permits VerifiedInstruction, LegalCompulsion {

  /** The request it authorises a response to. */
  Target target();

  /** The evidence basis: the instruction id, or the compulsion's id. */
  String basis();

  /** When the authorisation was established. */
  Instant at();
}
