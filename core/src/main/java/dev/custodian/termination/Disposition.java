package dev.custodian.termination;

/**
 * What a termination does with one category of the client's data, decided from the retention
 * schedule's behaviour at termination and the client's choice (R-TERM-2, R-TERM-3, R-TERM-5).
 */
public enum Disposition {
  /** Returned in the archive, then deleted once the delivery is acknowledged (R-TERM-3). */
  RETURN_THEN_DELETE,
  /** Deleted irreversibly. */
  DELETE,
  /** Kept as a restricted archive until its legal period ends, then deleted (R-TERM-5). */
  LEGAL_ARCHIVE,
  /** Never stored (R-RET-4): nothing to return or delete. */
  NOT_STORED,
  /** The operator's own data, not processed for the client: the termination leaves it. */
  NOT_CLIENT_DATA
}
