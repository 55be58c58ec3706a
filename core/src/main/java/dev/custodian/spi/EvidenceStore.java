package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import java.util.ArrayList;
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

  /**
   * Appends one entry per function, in order: the first computed from the current head, each next
   * from the entry before it. Returns them in order. A store that can (the JDBC store does) appends
   * them in one transaction, so that they land together and contiguously; the default appends them
   * one by one through {@link #append}, which still forms one valid chain.
   */
  default List<EvidenceEntry> appendAll(List<Function<Optional<EvidenceEntry>, EvidenceEntry>> next) {
    List<EvidenceEntry> out = new ArrayList<>(next.size());
    for (Function<Optional<EvidenceEntry>, EvidenceEntry> f : next) {
      out.add(append(f));
    }
    return out;
  }

  /** The last entry, if any. */
  Optional<EvidenceEntry> head();

  /** Up to {@code limit} entries with sequence at least {@code fromSequence}, ascending. */
  List<EvidenceEntry> readAll(long fromSequence, int limit);

  /** Like {@link #readAll} but only entries of {@code client}. */
  List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit);
}
