package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;

/**
 * Hooks a host implements to export sweep metrics (Micrometer, logs). Called on the sweeping
 * thread; keep them quick. All methods default to doing nothing.
 */
public interface RetentionMetrics {
  /** Does nothing. */
  RetentionMetrics NONE = new RetentionMetrics() {};

  /** A plan was made: its totals are the backlog it adds. */
  default void planned(RetentionPlan plan) {}

  /** A batch of {@code deleted} records of the client's category was deleted. */
  default void batchDeleted(ClientId client, CategoryId category, String rule, long deleted) {}

  /** This node stopped working on a sweep (finished or nothing left to claim). */
  default void swept(SweepReport report) {}
}
