package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Criteria that select the records of several clients in one category and one time window, each
 * client sparing its own slices (the projections of its holds). A sweep deletes a multi-tenant
 * table through one of these so that an adapter can walk the table's time range once for all the
 * clients, instead of once per client.
 *
 * @param category the category, as in {@link RecordSelection}
 * @param from records whose time is at or after this instant; null for no lower bound
 * @param before records whose time is strictly before this instant; never null (a group is a
 *     sweep's expired range)
 * @param clients the clients selected, each with the slices it spares; at least one; iterated in
 *     client order
 */
public record GroupSelection(
    CategoryId category,
    Instant from,
    Instant before,
    Map<ClientId, List<RecordSelection.Exclusion>> clients) {

  public GroupSelection {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(clients, "clients");
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("a group selects at least one client");
    }
    if (from != null && !from.isBefore(before)) {
      throw new IllegalArgumentException("selection window is empty: from must be before 'before'");
    }
    TreeMap<ClientId, List<RecordSelection.Exclusion>> sorted = new TreeMap<>();
    clients.forEach((client, spared) -> sorted.put(Objects.requireNonNull(client, "client"),
        spared == null ? List.of() : List.copyOf(spared)));
    clients = Collections.unmodifiableMap(sorted);
  }

  /** What this group selects of one of its clients, as a single-client selection. */
  public RecordSelection of(ClientId client) {
    List<RecordSelection.Exclusion> spared = clients.get(client);
    if (spared == null) {
      throw new IllegalArgumentException("client is not in this group");
    }
    return new RecordSelection(client, category, from, before, null, spared);
  }

  /** The same group with another window. */
  public GroupSelection withWindow(Instant newFrom, Instant newBefore) {
    return new GroupSelection(category, newFrom, newBefore, clients);
  }

  /** The same clients and window, with the slices each client spares replaced. */
  public GroupSelection withExcluding(Map<ClientId, List<RecordSelection.Exclusion>> value) {
    return new GroupSelection(category, from, before, value);
  }

  /** True if {@code r} is selected. Reference semantics for adapters. */
  public boolean matches(HostRecord r) {
    return clients.containsKey(r.client()) && of(r.client()).matches(r);
  }
}
