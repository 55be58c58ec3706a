package dev.custodian.termination;

/**
 * The evidence actions of the erasure ledger (R-TERM-7): what a replay of recorded erasures
 * deletes again, for instance after a backup was restored. The values never change once released.
 */
public final class ErasureLedgerActions {
  /** One batch deleted again by a ledger replay (appended by the deletion gate); basis: the entry. */
  public static final String REPLAY_BATCH = "erasure.replay.batch";

  private ErasureLedgerActions() {}
}
