package dev.custodian.jdbc;

import java.util.Locale;

/**
 * What a retention sweep may do to the partitions of a host table (declarative range partitions on
 * the mapped time column, as pg_partman makes them), set per table in its {@link TableMapping}.
 * The host chooses: the default touches rows only. Whole-partition sweeps run on PostgreSQL only;
 * elsewhere every option sweeps rows.
 *
 * <p>A partition is emptied whole only if it lies entirely before its group's cutoff and every row
 * in it belongs to a client of that group (clients with other rules, or of another group, keep the
 * partition on row batches). Its rows are counted per client under a lock in the same transaction
 * that empties it, so the evidence stays exact; rows an active hold protects stay.
 */
public enum PartitionSweep {
  /** Rows only: every expired row deleted in batches, no partition emptied or dropped (default). */
  ROWS,
  /**
   * A whole expired partition is emptied with {@code TRUNCATE}; the rows holds protect are copied
   * to a temporary table first and inserted back, in the same transaction. The partition stays
   * attached, empty (or holding its held rows), for the host's partition maintenance to drop.
   */
  TRUNCATE,
  /**
   * Like {@link #TRUNCATE}, but a whole expired partition that no hold touches is detached and
   * dropped. Detaching locks the parent table briefly ({@code ACCESS EXCLUSIVE}), so inserts into
   * the live partitions wait for it.
   */
  DROP;

  /** The option named {@code code}: {@code rows}, {@code truncate} or {@code drop}, in any case. */
  public static PartitionSweep ofCode(String code) {
    if (code == null) {
      return ROWS;
    }
    for (PartitionSweep p : values()) {
      if (p.name().equals(code.strip().toUpperCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("partitions must be rows, truncate or drop");
  }
}
