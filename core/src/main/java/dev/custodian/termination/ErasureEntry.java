package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the erasure ledger (R-TERM-7): what was erased, by criteria, never by content. It
 * names the client, the category and a time window, so that after a backup restore the same
 * criteria erase the same records again; it holds no personal data.
 *
 * @param id ledger id, ordered by time of writing
 * @param what the records of a category, or the client's data key
 * @param category the category erased; null for a key destruction
 * @param from records whose time is at or after this; null for no lower bound
 * @param before records whose time is before this; null for no upper bound
 * @param decidedAt when the erasure was decided (the entry is written before the deletion runs)
 * @param completedAt when it finished; null while running
 * @param erased how many records it erased (0 for a key)
 * @param basis the termination case or rule behind it
 */
public record ErasureEntry(
    String id,
    ClientId client,
    What what,
    CategoryId category,
    Instant from,
    Instant before,
    Instant decidedAt,
    Instant completedAt,
    long erased,
    String basis) {

  public ErasureEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(decidedAt, "decidedAt");
    if (what == What.RECORDS && category == null) {
      throw new IllegalArgumentException("a records erasure names its category");
    }
  }

  /** What an entry erased. */
  public enum What {
    RECORDS,
    DATA_KEY
  }

  ErasureEntry completed(Instant at, long count) {
    return new ErasureEntry(id, client, what, category, from, before, decidedAt, at, count, basis);
  }
}
