package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.AnchoredHead;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@link EvidenceStore} in memory, for tests, the demo and single-process use. Thread-safe.
 * Records its head beside the entries, as the JDBC store does in its own table.
 */
public final class InMemoryEvidenceStore implements EvidenceStore {
  private final List<EvidenceEntry> entries = new ArrayList<>();
  private final Map<String, EvidenceEntry> steps = new HashMap<>();
  private AnchoredHead recordedHead;

  @Override
  public synchronized EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next) {
    Optional<EvidenceEntry> head = head();
    if (recordedHead != null && (entries.isEmpty()
        || !AnchoredHead.of(head.get()).equals(recordedHead))) {
      // Continuing would hide the cut behind new entries.
      throw new IllegalStateException("the evidence log ends at entry " + entries.size()
          + " but its recorded head is entry " + recordedHead.sequence()
          + ": the log was cut or rewritten; appends stop until it is restored");
    }
    EvidenceEntry e = next.apply(head);
    if (e.step() != null && steps.containsKey(e.step())) {
      return steps.get(e.step());
    }
    long expected = head.map(h -> h.sequence() + 1).orElse(1L);
    if (e.sequence() != expected) {
      throw new IllegalStateException("evidence entry out of sequence: expected " + expected);
    }
    entries.add(e);
    if (e.step() != null) {
      steps.put(e.step(), e);
    }
    recordedHead = AnchoredHead.of(e);
    return e;
  }

  @Override
  public synchronized List<EvidenceEntry> appendAll(
      List<Function<Optional<EvidenceEntry>, EvidenceEntry>> next) {
    List<EvidenceEntry> out = new ArrayList<>(next.size());
    next.forEach(f -> out.add(append(f)));
    return out;
  }

  @Override
  public synchronized Optional<EvidenceEntry> head() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  @Override
  public synchronized Optional<AnchoredHead> recordedHead() {
    return Optional.ofNullable(recordedHead);
  }

  @Override
  public synchronized Optional<EvidenceEntry> findByStep(String step) {
    return Optional.ofNullable(steps.get(step));
  }

  @Override
  public synchronized List<EvidenceEntry> readAll(long fromSequence, int limit) {
    int start = (int) Math.max(0, Math.min(entries.size(), fromSequence - 1));
    int end = (int) Math.min(entries.size(), (long) start + Math.max(0, limit));
    return List.copyOf(entries.subList(start, end));
  }

  @Override
  public synchronized List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit) {
    List<EvidenceEntry> out = new ArrayList<>();
    for (int i = (int) Math.max(0, fromSequence - 1); i < entries.size() && out.size() < limit; i++) {
      if (client.equals(entries.get(i).client())) {
        out.add(entries.get(i));
      }
    }
    return out;
  }

  /**
   * Replaces one stored entry as an attacker with write access to the storage would. Exists only
   * so tests and demos can show that the verifier catches tampering.
   */
  public synchronized void tamper(long sequence, Function<EvidenceEntry, EvidenceEntry> change) {
    int i = (int) (sequence - 1);
    entries.set(i, change.apply(entries.get(i)));
  }

  /**
   * Deletes every entry after {@code lastKept} (all of them for 0) as an attacker with write access
   * to the entries would, leaving the recorded head behind. Exists only so tests and demos can show
   * that the verifier catches a cut log.
   */
  public synchronized void cutAfter(long lastKept) {
    while (entries.size() > Math.max(0, lastKept)) {
      EvidenceEntry gone = entries.remove(entries.size() - 1);
      if (gone.step() != null) {
        steps.remove(gone.step());
      }
    }
  }
}
