package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan does to one client's category (R-RET-5): the slices it deletes with the rule behind
 * each, how many records active holds held back and by which hold, and how many records become a
 * restricted archive.
 *
 * @param unit the work-unit id of this entry within its plan
 * @param heldByHold records each active hold spared when planned (a record two holds cover counts
 *     for both)
 * @param restrictAll true if every record not deleted is kept only as a restricted archive
 * @param restrictBefore otherwise, records with a time before this (and not deleted) are kept only
 *     as a restricted archive; null for none
 * @param restrictable records in the restricted window when planned
 */
public record PlanEntry(
    String unit,
    ClientId client,
    CategoryId category,
    List<PlannedSelection> selections,
    Map<String, Long> heldByHold,
    boolean restrictAll,
    Instant restrictBefore,
    long restrictable) {

  public PlanEntry {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(category, "category");
    selections = selections == null ? List.of() : List.copyOf(selections);
    heldByHold = heldByHold == null ? Map.of() : Map.copyOf(heldByHold);
  }

  /** Records in the deletion slices when planned, held ones included. */
  public long matched() {
    return selections.stream().mapToLong(PlannedSelection::matched).sum();
  }

  /** Records held back by active holds. */
  public long held() {
    return selections.stream().mapToLong(PlannedSelection::held).sum();
  }

  /** Records the sweep deletes if nothing changes. */
  public long deletable() {
    return selections.stream().mapToLong(PlannedSelection::deletable).sum();
  }

  /** The rules behind the deletions, in slice order. */
  public List<String> rules() {
    return selections.stream().map(PlannedSelection::rule).distinct().toList();
  }
}
