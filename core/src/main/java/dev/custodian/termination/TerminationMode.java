package dev.custodian.termination;

/** How a client's data leaves the processor at termination (R-TERM-2, DPA 8.3). */
public enum TerminationMode {
  /** The client chose to get its data back; deletion follows the acknowledged return. */
  RETURN,
  /** The client chose irreversible deletion. */
  DELETE,
  /** The client made no choice by the deadline: deletion, as the contract says. */
  DELETE_BY_DEFAULT;

  /** True for both kinds of deletion. */
  public boolean deletes() {
    return this != RETURN;
  }
}
