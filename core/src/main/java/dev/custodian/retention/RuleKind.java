package dev.custodian.retention;

/**
 * What a retention rule does when its clock has run its period. Retaining and deleting are
 * separate rules, as in Purview and S3 lifecycle policies; precedence combines them.
 */
public enum RuleKind {
  /** Keep the record at least until the end of the period. */
  RETAIN,
  /** Delete the record at the end of the period (end action: delete). */
  DELETE,
  /**
   * From the end of the period, keep the record only as a restricted archive, processed for no
   * other purpose, until a deletion rule ends it (end action: restricted archive, R-TERM-5).
   */
  RESTRICT
}
