package dev.custodian.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A dry-run report of what a sweep deletes (R-RET-5), per client and category, with counts and the
 * rule behind each; nothing is deleted by making one. Executing it deletes exactly its slices
 * (minus what holds spare at that moment), so if nothing changes in between, the sweep's counts
 * equal the plan's.
 *
 * @param plannedAt the instant the classification was made for
 * @param entries the client and category pairs with something to delete, hold back or restrict
 */
public record RetentionPlan(String id, Instant plannedAt, List<PlanEntry> entries) {

  public RetentionPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plannedAt, "plannedAt");
    entries = entries == null ? List.of() : List.copyOf(entries);
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
