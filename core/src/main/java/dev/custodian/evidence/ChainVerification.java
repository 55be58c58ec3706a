package dev.custodian.evidence;

import java.util.OptionalLong;

/**
 * The verifier's verdict on the evidence chain and its anchors.
 *
 * @param entriesChecked how many entries were read
 * @param firstBroken the sequence of the first entry that is wrong or missing (for a cut log, the
 *     first missing one); empty if the chain is intact
 * @param reason what broke, in words that name the entries and the anchor concerned; empty if
 *     intact
 * @param problem what kind of break; {@link Problem#NONE} if intact
 * @param lastSequence the sequence of the last entry found (0 for an empty log)
 * @param anchoredSequence the highest sequence an anchor records (the store's own head or a
 *     host's anchor); empty if nothing is anchored yet
 */
public record ChainVerification(long entriesChecked, OptionalLong firstBroken, String reason,
    Problem problem, long lastSequence, OptionalLong anchoredSequence) {

  /** The kinds of break the verifier names. */
  public enum Problem {
    /** The chain and every anchor agree. */
    NONE,
    /** Entries are missing inside the log (or at its start). */
    MISSING_ENTRIES,
    /** An entry does not link to the hash of the one before it. */
    BROKEN_LINK,
    /** An entry's content does not match its hash: changed, or re-chained without the key. */
    CHANGED_ENTRY,
    /** An unkeyed entry after a keyed one: the log was re-chained without the key. */
    UNKEYED_AFTER_KEYED,
    /** The log ends before an anchored head: its tail was cut or it was truncated. */
    CUT_TAIL,
    /** The log is empty though an anchor records entries. */
    EMPTY_LOG,
    /** The entry at an anchored sequence carries another hash: the log was rewritten. */
    ANCHOR_MISMATCH,
    /** An anchor could not be read, so the log could not be compared with it. */
    ANCHOR_UNREADABLE
  }

  /** {@return true if the chain is intact}: no problem was found */
  public boolean valid() {
    return problem == Problem.NONE;
  }

  static ChainVerification intact(long checked, long last, OptionalLong anchored) {
    return new ChainVerification(checked, OptionalLong.empty(), "", Problem.NONE, last, anchored);
  }

  static ChainVerification broken(Problem problem, long checked, long sequence, String reason,
      long last, OptionalLong anchored) {
    return new ChainVerification(checked, OptionalLong.of(sequence), reason, problem, last,
        anchored);
  }
}
