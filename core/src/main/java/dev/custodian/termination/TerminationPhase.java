package dev.custodian.termination;

/**
 * Where a termination case stands. Phases only move forward; each move is persisted before the
 * side effects of the next phase run, so a crash resumes where it stopped.
 */
public enum TerminationPhase {
  /** Before the termination date, or waiting for the client's choice until the deadline. */
  AWAITING_CHOICE,
  /** Mode decided and plan persisted: restricting legal archives, instructing sub-processors. */
  PLANNED,
  /** Return mode: the archive is being written to the sink. */
  EXPORTING,
  /** Return mode: delivered; waiting for the client's acknowledgement or a checksum check. */
  AWAITING_ACKNOWLEDGEMENT,
  /** Deleting, category by category, in bounded batches. */
  DELETING,
  /** Deletions done; waiting for sub-processors' acknowledgements (escalated when late). */
  AWAITING_SUB_PROCESSORS,
  /**
   * Certificate issued; legal archives and held records remain until their period ends or the
   * hold is released; the client's key is kept until then.
   */
  CERTIFIED,
  /** Nothing of the client's data remains and its key is destroyed. */
  CLOSED
}
