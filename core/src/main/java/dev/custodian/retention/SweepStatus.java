package dev.custodian.retention;

import java.time.Instant;

/**
 * Metrics of the retention sweeps, for health checks and dashboards.
 *
 * @param lastRunFinishedAt when the latest finished sweep finished; null if none has
 * @param lastRunDeleted records the latest finished sweep deleted
 * @param backlog records planned for deletion and not yet deleted, over unfinished sweeps
 * @param oldestOverdueSince the planning instant of the oldest unfinished sweep with records still
 *     to delete: those records have been overdue at least since then; null if none
 */
public record SweepStatus(Instant lastRunFinishedAt, long lastRunDeleted, long backlog, Instant oldestOverdueSince) {}
