package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the evidence log lives. Append-only: an implementation offers no update and no delete.
 *
 * <p>Contract (checked by {@code EvidenceStoreContract} in core's test-jar):
 * <ul>
 *   <li>{@link #append} is atomic: it reads the head, calls {@code next} with it and stores the
 *       result, with no other append in between, even across processes. Concurrent appenders
 *       therefore always form a single chain with consecutive sequences.
 *   <li>Reads return entries in ascending sequence order, exactly as appended.
 * </ul>
 */
public interface EvidenceStore {

  /**
   * Appends the entry that {@code next} computes from the current head (empty when the log is
   * empty) and returns it. {@code next} may be called more than once if the store retries.
   */
  EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next);

  /** The last entry, if any. */
  Optional<EvidenceEntry> head();

  /** Up to {@code limit} entries with sequence at least {@code fromSequence}, ascending. */
  List<EvidenceEntry> readAll(long fromSequence, int limit);

  /** Like {@link #readAll} but only entries of {@code client}. */
  List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit);
}
