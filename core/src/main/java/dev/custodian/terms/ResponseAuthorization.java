package dev.custodian.terms;

import java.time.Instant;
import java.util.Set;

/**
 * What allows the library to answer a subject or an authority: a verified instruction of the
 * client (R-DSR-3, R-AUTH-2) or, when the law forbids informing the client, a legal compulsion
 * approved by the processor's designated officer (R-AUTH-3).
 *
 * <p>The two kinds ({@code dev.custodian.instruction.VerifiedInstruction} and {@code
 * LegalCompulsion}) live with the instruction duty, whose verifier alone can build them: their
 * constructors are package-private there (checked by an architecture test). This interface is
 * the part the host ports carry, so that the ports need nothing of the duty; it is not sealed
 * because Java seals only within one package of an unnamed module. Every response handed to the
 * host's responder carries one, so the host can see, and log, what authorised it.
 */
public interface ResponseAuthorization {

  /** The request it authorises a response to. */
  Target target();

  /** The evidence basis: the instruction id, or the compulsion's id. */
  String basis();

  /** When the authorisation was established. */
  Instant at();

  /**
   * True if it authorises {@code action} on the request {@code targetId}, touching the
   * categories given. A verified instruction covers its own action and scope; a legal compulsion
   * covers answering the authority of its request, whatever the categories.
   */
  boolean covers(String targetId, InstructedAction action, Set<CategoryId> categories);
}
