package dev.custodian.terms;

/** The eight rights a subject may exercise under the contract (DPA 9, GDPR 15-22; R-DSR-1). */
public enum SubjectRight {
  /** Access to one's data (GDPR 15). */
  ACCESS,
  /** Rectification of inaccurate data (GDPR 16). */
  RECTIFICATION,
  /** Restriction of processing (GDPR 18). */
  RESTRICTION,
  /** Erasure, the right to be forgotten (GDPR 17). */
  ERASURE,
  /** Data portability (GDPR 20). */
  PORTABILITY,
  /** Objection to processing (GDPR 21). */
  OBJECTION,
  /** Directives on the fate of one's data after death (loi Informatique et Libertés, art. 85). */
  POST_MORTEM_DIRECTIVES,
  /** Not to be subject to a decision based solely on automated processing (GDPR 22). */
  NO_AUTOMATED_DECISION
}
