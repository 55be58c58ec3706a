package dev.custodian.evidence;

import dev.custodian.client.ClientId;
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
 *   <li>Each step is logged at most once: if the entry {@code next} computes carries a {@link
 *       EvidenceEntry#step() step} that an entry in the log already carries, nothing is appended
 *       and the logged entry is returned; the check and the append are one atomic action.
 *   <li>The store records its head (sequence, hash, time) atomically with each append, apart from
 *       the entries, and returns it from {@link #recordedHead()}: deleting entries leaves it
 *       behind, so a cut log is visible.
 * </ul>
 */
public interface EvidenceStore {

  /**
   * Appends the entry that {@code next} computes from the current head (empty when the log is
   * empty) and returns it; if that entry's step is already logged, appends nothing and returns the
   * logged entry. {@code next} may be called more than once if the store retries.
   */
  EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next);

  /**
   * Appends one entry per function, in order: the first computed from the current head, each next
   * from the entry before it (an entry whose step is already logged, in the log or earlier in the
   * same call, is not appended: the logged one is returned in its place and the next is computed
   * from the same head). Returns them in order. A store that can (the JDBC store does) appends
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

  /**
   * The head as the store recorded it with the last append, kept apart from the entries; empty if
   * nothing was appended since the store began recording it. The default records nothing.
   */
  default Optional<AnchoredHead> recordedHead() {
    return Optional.empty();
  }

  /**
   * The entry that is the evidence of {@code step}, if logged. The default reads the whole log;
   * stores override it with a lookup.
   */
  default Optional<EvidenceEntry> findByStep(String step) {
    long from = 1;
    while (true) {
      List<EvidenceEntry> page = readAll(from, 1000);
      if (page.isEmpty()) {
        return Optional.empty();
      }
      for (EvidenceEntry e : page) {
        if (step.equals(e.step())) {
          return Optional.of(e);
        }
      }
      from = page.get(page.size() - 1).sequence() + 1;
    }
  }

  /** Up to {@code limit} entries with sequence at least {@code fromSequence}, ascending. */
  List<EvidenceEntry> readAll(long fromSequence, int limit);

  /** Like {@link #readAll} but only entries of {@code client}. */
  List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit);
}
