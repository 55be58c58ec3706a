package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A work unit of a plan that empties one whole partition of the host's table for a {@link
 * SweepGroup}'s clients in one operation (where the host's mapping allows it, see {@link
 * dev.custodian.spi.HostData#partitions}), rather than deleting its rows in batches: the partition
 * lies wholly before the group's cutoff and holds rows of the group's clients only. Its rows are
 * counted per client in the same transaction that removes them; rows that holds protect stay. The
 * group's own units still cover the partition's time range, so whatever a partition unit does not
 * remove (the partition no longer qualifies when swept) goes in row batches. A plan orders these
 * units first, so that a node empties partitions before it walks the rest.
 *
 * @param unit the work-unit id within its plan
 * @param rule the id of the rule that makes these records deletable
 * @param partition the partition's name, as the host listed it
 * @param from the partition's lower time bound, inclusive
 * @param before the partition's upper time bound, exclusive
 * @param clients the group's clients
 * @param entries the units of the plan entries of the group's clients
 * @param rows the rows in the partition when planned, held or not
 * @param deletable the rows the sweep should remove from it if nothing changes (rows minus held)
 */
public record SweepPartition(
    String unit,
    CategoryId category,
    String rule,
    String partition,
    Instant from,
    Instant before,
    List<ClientId> clients,
    List<String> entries,
    long rows,
    long deletable) {

  public SweepPartition {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(before, "before");
    clients = List.copyOf(clients);
    entries = List.copyOf(entries);
  }

  /** Rows that active holds kept in the partition when planned. */
  public long held() {
    return rows - deletable;
  }
}
