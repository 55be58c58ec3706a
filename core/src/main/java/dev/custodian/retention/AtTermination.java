package dev.custodian.retention;

/**
 * What becomes of a category's records when the client's contract ends (Annex A, DPA 8.3,
 * R-TERM-2, R-TERM-5). The termination duty reads it; the retention rules carry it out over time.
 */
public enum AtTermination {
  /** Deleted at termination, whatever the client chose (for example SMS contents). */
  DELETE,
  /** Returned to the client or deleted, as the client chooses; deleted without a choice (R-TERM-2). */
  RETURN_OR_DELETE,
  /**
   * Kept as a restricted archive, processed for no other purpose, until its legal or contractual
   * period ends, then deleted (R-TERM-5): traffic data under CPCE L.34-1, company information and
   * faxes kept one year for authority requisitions.
   */
  LEGAL_ARCHIVE_THEN_DELETE,
  /** Never stored at all (R-RET-4): there is nothing to return or delete. */
  NOT_STORED,
  /** Not the client's data (the operator's own customers and prospects): termination leaves it. */
  NOT_CLIENT_DATA
}
