package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host's own data (calls, messages, recordings, contacts...), as the library reaches it. The
 * JDBC adapter implements this from declarative table mappings; {@code InMemoryHostData} serves
 * tests and the demo.
 *
 * <p>The library never deletes through this interface directly: every deletion goes through the
 * hold-aware deletion gate of the {@code hold} package, which fills in {@link
 * RecordSelection#excluding()}.
 */
public interface HostData {

  /** The categories this host has data in. */
  Set<CategoryId> categories();

  /** The clients holding at least one record about any of {@code identifiers} (R-DSR-2). */
  Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers);

  /** Every record of {@code client} about any of {@code identifiers}, in all categories (R-DSR-4). */
  List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers);

  /** The clients that have records in {@code category}. */
  Set<ClientId> clients(CategoryId category);

  /**
   * Streams every record of {@code client} in {@code category} to {@code sink}, in key order, in
   * constant memory whatever the volume (R-TERM-3).
   */
  void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink);

  /** How many records {@code selection} selects. */
  long count(RecordSelection selection);

  /**
   * Deletes at most {@code limit} selected records with keys after {@code afterKey} (null: from the
   * start), and commits them before returning. Safe to call again with the returned key after a
   * crash: records already deleted are simply gone.
   */
  DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit);

  /**
   * Marks the selected records restricted: kept, but no longer processed by the host (R-DSR-4).
   * Returns how many were marked.
   */
  long restrict(RecordSelection selection);

  /**
   * Deletes at most {@code limit} records that {@code selection} selects, over all its clients,
   * with keys after {@code afterKey} (null: from the start), and commits them before returning.
   * Safe to call again with the returned key after a crash. Pass the same selection (same clients,
   * same window) with every key it returned; only the slices each client spares may change.
   *
   * <p>The default goes client by client through {@link #deleteBatch}, which is correct for any
   * host; an adapter over a shared table overrides it to walk the table's time range once for all
   * the clients (the JDBC adapter does).
   *
   * @throws IllegalArgumentException if {@code limit} is below 1 or {@code afterKey} was not issued
   *     for this selection
   */
  default GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<ClientId> clients = List.copyOf(selection.clients().keySet());
    int index = 0;
    String key = null;
    if (afterKey != null) {
      int colon = afterKey.indexOf(':');
      try {
        index = Integer.parseInt(colon < 0 ? afterKey : afterKey.substring(0, colon));
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (colon < 0 || index < 0 || index > clients.size()) {
        throw new IllegalArgumentException(
            "afterKey was not issued by deleteGroupBatch: pass back nextKey unchanged");
      }
      key = colon + 1 == afterKey.length() ? null : afterKey.substring(colon + 1);
    }
    Map<ClientId, Long> deleted = new HashMap<>();
    long left = limit;
    while (index < clients.size() && left > 0) {
      ClientId client = clients.get(index);
      DeletionBatch batch = deleteBatch(selection.of(client), key, (int) left);
      deleted.merge(client, batch.deleted(), Long::sum);
      left -= batch.deleted();
      if (batch.exhausted()) {
        index++;
        key = null;
      } else {
        key = batch.nextKey();
      }
    }
    return new GroupDeletion(deleted, index + ":" + (key == null ? "" : key), index >= clients.size());
  }

  /**
   * For each client of {@code selection}: its records in the group's window, and how many of them
   * its spared slices leave selected. Clients without a record in the window may be absent. A dry
   * run counts a group of clients with one cutoff through this.
   *
   * <p>The default counts client by client through {@link #count}, twice each; an adapter over a
   * shared table overrides it to count all the clients in one pass (the JDBC adapter does).
   */
  default Map<ClientId, GroupCount> countGroup(GroupSelection selection) {
    Map<ClientId, GroupCount> out = new java.util.TreeMap<>();
    for (ClientId client : selection.clients().keySet()) {
      RecordSelection spared = selection.of(client);
      long matched = count(spared.withExcluding(List.of()));
      if (matched > 0) {
        out.put(client, new GroupCount(matched, spared.excluding().isEmpty() ? matched : count(spared)));
      }
    }
    return out;
  }

  /**
   * The earliest time of a record {@code selection} selects, ignoring the slices its clients spare;
   * empty if there is none, or if this host cannot tell cheaply. A sweep uses it to split a group's
   * time range between nodes; the default (empty) keeps each group in one piece.
   */
  default Optional<Instant> earliest(GroupSelection selection) {
    return Optional.empty();
  }

  /**
   * The partitions of {@code selection}'s table that a sweep may empty whole: each lies entirely
   * inside the selection's window, and every row in it belongs to one of the selection's clients,
   * with its counts (rows, and rows selected once the clients' spared slices are left out). In time
   * order. The default (none) leaves every row to {@link #deleteGroupBatch}; an adapter lists
   * partitions only where the host allowed it in its mapping.
   */
  default List<HostPartition> partitions(GroupSelection selection) {
    return List.of();
  }

  /**
   * Deletes every row of the named partition (one {@link #partitions} listed) that {@code
   * selection} selects, in one operation, and returns how many per client ({@code nextKey} the
   * partition's name, {@code exhausted} true); rows the clients' spared slices cover stay. The
   * counts are exact: read under a lock that keeps the partition still until the deletion commits.
   * Inside a unit of work of the host's {@link Transactions}, it joins that unit (so the deletion,
   * its evidence and the sweep's checkpoint commit together). Empty, deleting nothing, when the
   * partition no longer qualifies (gone, other bounds, or a row of another client in it): its rows
   * are then left to row batches. The default deletes nothing and returns empty.
   */
  default Optional<GroupDeletion> emptyPartition(GroupSelection selection, String partition) {
    return Optional.empty();
  }
}
