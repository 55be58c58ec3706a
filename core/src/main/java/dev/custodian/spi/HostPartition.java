package dev.custodian.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A whole partition of a host table that a sweep may empty in one operation instead of row by row
 * (see {@link HostData#partitions}): its name as the host knows it, its time bounds, and what it
 * held when listed.
 *
 * @param name the partition's name, opaque to the library (a table name on PostgreSQL); passed back
 *     unchanged to {@link HostData#emptyPartition}
 * @param from the partition's lower time bound, inclusive
 * @param before the partition's upper time bound, exclusive
 * @param rows the rows it held when listed, held or not
 * @param deletable the rows of those the selection selected (rows the spared slices cover excluded)
 */
public record HostPartition(String name, Instant from, Instant before, long rows, long deletable) {
  public HostPartition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(before, "before");
    if (!from.isBefore(before)) {
      throw new IllegalArgumentException("a partition's lower bound must be before its upper bound");
    }
    if (rows < 0 || deletable < 0 || deletable > rows) {
      throw new IllegalArgumentException("a partition holds rows >= deletable >= 0");
    }
  }

  /** Rows the spared slices kept out of the selection when listed. */
  public long held() {
    return rows - deletable;
  }
}
