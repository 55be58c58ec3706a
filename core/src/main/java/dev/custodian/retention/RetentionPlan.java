package dev.custodian.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A dry-run report of what a sweep deletes (R-RET-5), per client and category, with counts and the
 * rule behind each; nothing is deleted by making one. Executing it deletes exactly its slices
 * (minus what holds spare at that moment), so if nothing changes in between, the sweep's counts
 * equal the plan's.
 *
 * @param plannedAt the instant the classification was made for
 * @param entries the client and category pairs with something to delete, hold back or restrict
 * @param groups the work units that sweep several entries at once (see {@link SweepGroup}); an
 *     entry named by a group is swept only by that group
 * @param partitions the whole partitions the sweep empties for a group in one operation each (see
 *     {@link SweepPartition}), with their counts: the dry run's list of partitions that would go;
 *     empty unless the host's mapping allows it
 */
public record RetentionPlan(String id, Instant plannedAt, List<PlanEntry> entries,
    List<SweepGroup> groups, List<SweepPartition> partitions) {

  public RetentionPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plannedAt, "plannedAt");
    entries = entries == null ? List.of() : List.copyOf(entries);
    groups = groups == null ? List.of() : List.copyOf(groups);
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
    Set<String> known = new HashSet<>();
    entries.forEach(e -> known.add(e.unit()));
    for (SweepGroup g : groups) {
      if (!known.containsAll(g.entries())) {
        throw new IllegalArgumentException("group " + g.unit() + " names an entry the plan does not hold");
      }
    }
    for (SweepPartition p : partitions) {
      if (!known.containsAll(p.entries())) {
        throw new IllegalArgumentException("partition unit " + p.unit() + " names an entry the plan does not hold");
      }
    }
  }

  /** A plan without whole-partition units. */
  public RetentionPlan(String id, Instant plannedAt, List<PlanEntry> entries,
      List<SweepGroup> groups) {
    this(id, plannedAt, entries, groups, List.of());
  }

  /** A plan whose every entry is swept on its own. */
  public RetentionPlan(String id, Instant plannedAt, List<PlanEntry> entries) {
    this(id, plannedAt, entries, List.of(), List.of());
  }

  /**
   * The work units a sweep executes: every whole partition, then every group, then every entry no
   * group takes over.
   */
  public List<String> units() {
    Set<String> grouped = new HashSet<>();
    List<String> out = new ArrayList<>();
    partitions.forEach(p -> out.add(p.unit()));
    for (SweepGroup g : groups) {
      grouped.addAll(g.entries());
      out.add(g.unit());
    }
    entries.stream().map(PlanEntry::unit).filter(u -> !grouped.contains(u)).forEach(out::add);
    return out;
  }

  /** Records the sweep deletes if nothing changes. */
  public long deletable() {
    return entries.stream().mapToLong(PlanEntry::deletable).sum();
  }

  /** Records held back by holds. */
  public long held() {
    return entries.stream().mapToLong(PlanEntry::held).sum();
  }

  /** Records restricted (kept only as an archive). */
  public long restrictable() {
    return entries.stream().mapToLong(PlanEntry::restrictable).sum();
  }
}
