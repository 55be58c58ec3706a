package dev.custodian.authority;

/**
 * The evidence action names of the authority-request duty (R-AUTH-1 to R-AUTH-3). While the law
 * forbids informing the client, these entries are kept processor-wide. The values are part of the
 * evidence format: old logs verify only if they never change.
 */
public final class AuthorityRequestActions {
  /** An authority's request was taken in, with its kind, authority and categories. */
  public static final String REQUEST_RECEIVED = "authority.request.received";
  /** A request was closed, with a reason. */
  public static final String REQUEST_CLOSED = "authority.request.closed";
  /** The client was informed of the request (at once, or once a prohibition lifted). */
  public static final String CLIENT_INFORMED = "authority.client_informed";

  /** A prohibition to inform the client was recorded, with its legal basis and review date. */
  public static final String PROHIBITION_RECORDED = "authority.prohibition.recorded";
  /** A prohibition was kept in force after its review, until a new review date. */
  public static final String PROHIBITION_RENEWED = "authority.prohibition.renewed";
  /** A prohibition was lifted, with a reason. */
  public static final String PROHIBITION_LIFTED = "authority.prohibition.lifted";
  /** A prohibition whose review date came was escalated to the privacy contact. */
  public static final String PROHIBITION_REVIEW_ESCALATED =
      "authority.prohibition.review_escalated";
  /** The designated officer approved a legal compulsion to answer (R-AUTH-3). */
  public static final String COMPULSION_APPROVED = "authority.compulsion.approved";

  /** An instruction about a request was refused before it reached the verifier. */
  public static final String INSTRUCTION_REFUSED = "authority.instruction.refused";
  /** The host's responder took the answer to the authority. */
  public static final String RESPONSE_SENT = "authority.response.sent";
  /** The host's responder failed to take the answer to the authority. */
  public static final String RESPONSE_FAILED = "authority.response.failed";
  /** An answer to the authority was refused (no instruction or compulsion, no right, not open). */
  public static final String RESPONSE_REFUSED = "authority.response.refused";

  private AuthorityRequestActions() {}
}
