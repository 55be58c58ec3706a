package dev.custodian.instruction;

/**
 * The four conditions an instruction must meet before the processor acts on it (DPA 9: "instruction
 * écrite, spécifique et préalable"; R-DSR-3, R-ACC-1). A refusal names every one that failed.
 */
public enum Condition {
  /** A recorded document, with its author. */
  WRITTEN,
  /** It names this request, this action, and a scope that covers what is about to be done. */
  SPECIFIC,
  /** Issued before the action and not before the request was received. */
  PRIOR,
  /** Its author holds an instructing role of the same client (R-ACC-1). */
  AUTHORISED
}
