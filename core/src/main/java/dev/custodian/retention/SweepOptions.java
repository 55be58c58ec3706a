package dev.custodian.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How sweeps run: batch size, lease on a work unit, and this node's name in the work queue.
 *
 * @param batchSize records deleted per host-data call (and per evidence entry); at least 1
 * @param lease how long a claimed unit stays this node's without a checkpoint
 * @param node this node's owner name in the work queue
 */
public record SweepOptions(int batchSize, Duration lease, String node) {
  /** The default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 1000;
  /** The default lease. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  public SweepOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(node, "node");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
  }

  /** Batches of 1000, leases of 5 minutes, a random node name. */
  public static SweepOptions defaults() {
    return new SweepOptions(DEFAULT_BATCH_SIZE, DEFAULT_LEASE, "node-" + UUID.randomUUID());
  }

  public SweepOptions withBatchSize(int value) {
    return new SweepOptions(value, lease, node);
  }

  public SweepOptions withLease(Duration value) {
    return new SweepOptions(batchSize, value, node);
  }

  public SweepOptions withNode(String value) {
    return new SweepOptions(batchSize, lease, value);
  }
}
