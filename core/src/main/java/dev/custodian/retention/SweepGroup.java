package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A work unit of a plan that sweeps several clients of one category at once: their records older
 * than {@code before} (and at or after {@code from}, if set), deleted by the same rule. A plan
 * groups the clients whose entries are that simple (one deletion slice from the start of time to a
 * common cutoff, nothing to restrict), so that a multi-tenant table's expired range is walked once
 * for all of them rather than once per client; a large group is cut into time slices that several
 * nodes sweep at once. The grouped entries stay in the plan, per client, as its dry-run report
 * (R-RET-5); they are not swept again on their own.
 *
 * @param unit the work-unit id within its plan
 * @param rule the id of the rule that makes these records deletable
 * @param from records at or after this instant; null for no lower bound (the first slice)
 * @param before records strictly before this instant
 * @param clients the clients swept, in client order
 * @param entries the units of the plan entries this group sweeps (all of them, in every slice)
 * @param deletable the records this slice should delete if nothing changes; for one slice of
 *     several, its share estimated by time (the slices of a group add up to the group's count)
 */
public record SweepGroup(
    String unit,
    CategoryId category,
    String rule,
    Instant from,
    Instant before,
    List<ClientId> clients,
    List<String> entries,
    long deletable) {

  public SweepGroup {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(before, "before");
    clients = List.copyOf(clients);
    entries = List.copyOf(entries);
  }
}
