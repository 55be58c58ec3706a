package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.hold.DeletionGate;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The erasure ledger (R-TERM-7): every erasure a termination decides, written before it runs, by
 * criteria and without personal data, so it can be kept where the host's backups are not (pass a
 * separate {@link StateStore}) and survive a restore. After restoring a backup the host calls
 * {@link #replay} and nothing erased comes back: the same criteria are deleted again through the
 * hold-aware deletion gate, and destroyed keys are destroyed again.
 */
public final class ErasureLedger {
  static final String KIND = "erasure-ledger";

  private final Repository<ErasureEntry> entries;
  private final DeletionGate gate;
  private final KeyCustody keys;
  private final Clock clock;

  public ErasureLedger(StateStore store, DeletionGate gate, KeyCustody keys, Clock clock) {
    this.entries = new Repository<>(Objects.requireNonNull(store, "store"), KIND, ErasureEntry.class);
    this.gate = Objects.requireNonNull(gate, "gate");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every entry, of one client or (null) of all, ordered by id. */
  public List<ErasureEntry> entries(ClientId client) {
    return entries.list(client).stream().map(Versioned::value).toList();
  }

  /**
   * Erases again everything the ledger lists (of one client, or of all if {@code client} is null),
   * for example after a backup restore. Held records stay spared. Safe to run any number of times.
   *
   * @return how many records this replay deleted (0 when nothing had come back)
   */
  public long replay(ClientId client, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    long deleted = 0;
    for (ErasureEntry e : entries(client)) {
      if (e.what() == ErasureEntry.What.DATA_KEY) {
        keys.destroy(e.client());
        continue;
      }
      RecordSelection sel = RecordSelection.all(e.client(), e.category())
          .withWindow(e.from(), e.before());
      String cursor = null;
      DeletionBatch b;
      do {
        b = gate.deleteBatch(sel, cursor, batchSize, "system", ErasureLedgerActions.REPLAY_BATCH, e.id());
        deleted += b.deleted();
        cursor = b.nextKey();
      } while (!b.exhausted());
    }
    return deleted;
  }

  /** Writes the entry for a records erasure before it runs; idempotent by id. */
  ErasureEntry recordIntent(String id, ClientId client, CategoryId category, Instant from,
      Instant before, String basis) {
    return entries.find(id).map(Versioned::value).orElseGet(() -> insert(new ErasureEntry(id,
        client, ErasureEntry.What.RECORDS, category, from, before, clock.instant(), null, 0, basis)));
  }

  /** Writes the entry for a key destruction before it runs; idempotent by id. */
  ErasureEntry recordKeyIntent(String id, ClientId client, String basis) {
    return entries.find(id).map(Versioned::value).orElseGet(() -> insert(new ErasureEntry(id,
        client, ErasureEntry.What.DATA_KEY, null, null, null, clock.instant(), null, 0, basis)));
  }

  /** Marks an entry completed with its count. */
  void complete(String id, long erased) {
    Versioned<ErasureEntry> v = entries.find(id)
        .orElseThrow(() -> new IllegalStateException("no erasure ledger entry " + id));
    if (v.value().completedAt() == null) {
      entries.update(id, v, v.value().completed(clock.instant(), erased));
    }
  }

  private ErasureEntry insert(ErasureEntry e) {
    try {
      return entries.insert(e.id(), e.client(), e).value();
    } catch (DuplicateStateException race) {
      return entries.find(e.id()).orElseThrow().value();
    }
  }
}
