package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The host's data in memory, for tests and the demo. Records are keyed by category and id; keys
 * order as strings. Thread-safe.
 */
public final class InMemoryHostData implements HostData {
  private final Map<CategoryId, TreeMap<String, HostRecord>> data = new TreeMap<>();
  private final Set<String> restricted = new HashSet<>();

  /** Adds or replaces a record. */
  public synchronized void put(HostRecord record) {
    data.computeIfAbsent(record.category(), c -> new TreeMap<>()).put(record.id(), record);
  }

  /** True if the record is still there. */
  public synchronized boolean contains(CategoryId category, String id) {
    return data.getOrDefault(category, new TreeMap<>()).containsKey(id);
  }

  /** True if the record was marked restricted (R-DSR-4). */
  public synchronized boolean isRestricted(CategoryId category, String id) {
    return restricted.contains(category + "/" + id);
  }

  /** How many records are held in all. */
  public synchronized long size() {
    return data.values().stream().mapToLong(Map::size).sum();
  }

  @Override
  public synchronized Set<CategoryId> categories() {
    return Set.copyOf(data.keySet());
  }

  @Override
  public synchronized Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers) {
    Set<ClientId> out = new TreeSet<>();
    for (TreeMap<String, HostRecord> t : data.values()) {
      for (HostRecord r : t.values()) {
        if (r.subjects().stream().anyMatch(identifiers::contains)) {
          out.add(r.client());
        }
      }
    }
    return out;
  }

  @Override
  public synchronized List<HostRecord> findSubject(
      ClientId client, Collection<SubjectIdentifier> identifiers) {
    List<HostRecord> out = new ArrayList<>();
    for (TreeMap<String, HostRecord> t : data.values()) {
      for (HostRecord r : t.values()) {
        if (r.client().equals(client) && r.subjects().stream().anyMatch(identifiers::contains)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  @Override
  public synchronized Set<ClientId> clients(CategoryId category) {
    Set<ClientId> out = new TreeSet<>();
    data.getOrDefault(category, new TreeMap<>()).values().forEach(r -> out.add(r.client()));
    return out;
  }

  @Override
  public void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink) {
    List<HostRecord> copy;
    synchronized (this) {
      copy = new ArrayList<>(data.getOrDefault(category, new TreeMap<>()).values());
    }
    copy.stream().filter(r -> r.client().equals(client)).forEach(sink);
  }

  @Override
  public synchronized long count(RecordSelection selection) {
    return data.getOrDefault(selection.category(), new TreeMap<>()).values().stream()
        .filter(selection::matches)
        .count();
  }

  @Override
  public synchronized DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    TreeMap<String, HostRecord> table = data.getOrDefault(selection.category(), new TreeMap<>());
    NavigableMap<String, HostRecord> tail = afterKey == null ? table : table.tailMap(afterKey, false);
    List<String> doomed = new ArrayList<>();
    String last = afterKey;
    for (HostRecord r : tail.values()) {
      if (selection.matches(r)) {
        doomed.add(r.id());
        last = r.id();
        if (doomed.size() == limit) {
          break;
        }
      }
    }
    doomed.forEach(table::remove);
    boolean exhausted =
        doomed.size() < limit
            || table.tailMap(last, false).values().stream().noneMatch(selection::matches);
    return new DeletionBatch(doomed.size(), last, exhausted);
  }

  @Override
  public synchronized Optional<Instant> earliest(GroupSelection selection) {
    return data.getOrDefault(selection.category(), new TreeMap<>()).values().stream()
        .filter(r -> selection.clients().containsKey(r.client()))
        .filter(r -> selection.from() == null || !r.time().isBefore(selection.from()))
        .filter(r -> r.time().isBefore(selection.before()))
        .map(HostRecord::time).min(Instant::compareTo);
  }

  @Override
  public synchronized long restrict(RecordSelection selection) {
    long n = 0;
    for (HostRecord r : data.getOrDefault(selection.category(), new TreeMap<>()).values()) {
      if (selection.matches(r) && restricted.add(r.category() + "/" + r.id())) {
        n++;
      }
    }
    return n;
  }
}
