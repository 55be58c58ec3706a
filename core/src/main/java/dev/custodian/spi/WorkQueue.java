package dev.custodian.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Shares the units of a long-running job (a retention sweep, a termination's deletions) among
 * several application nodes: each unit is claimed by one node at a time under a lease, progress is
 * checkpointed so a crash resumes where it stopped, and a lease that expires (measured in the
 * store's own time, never the nodes' clocks) lets another node take the unit over.
 *
 * <p>Contract (checked by {@code WorkQueueContract} in the test kit, {@code custodian-test}): a
 * unit is never held by two live claims; a checkpoint or completion by a claim that lost its lease
 * is refused; {@link #enqueue} is idempotent.
 */
public interface WorkQueue {

  /** Adds the units to the job; units already there are left as they are. */
  void enqueue(String jobId, List<String> unitIds);

  /**
   * Claims one unit of the job that is not done and not under a live lease, for {@code lease}.
   * Returns empty when there is none to claim now.
   */
  Optional<WorkClaim> claim(String jobId, String owner, Duration lease);

  /**
   * Records progress and renews the lease. Returns false, changing nothing, if this claim is no
   * longer the unit's live claim.
   */
  boolean checkpoint(WorkClaim claim, String cursor, long processed, Duration lease);

  /** Marks the unit done with its final progress; false, changing nothing, if the claim was lost. */
  boolean complete(WorkClaim claim, String cursor, long processed);

  /** Every unit of the job, ordered by unit id. */
  List<WorkUnit> units(String jobId);

  /**
   * A live claim on a unit. {@code token} changes at every claim, so a node whose lease expired
   * cannot write over its successor's progress.
   *
   * @param cursor the last checkpointed position (null at the start)
   * @param processed the count checkpointed so far
   */
  record WorkClaim(String jobId, String unitId, String owner, long token, String cursor, long processed) {}

  /** A unit's state as stored. */
  record WorkUnit(String jobId, String unitId, String owner, boolean done, String cursor, long processed) {}
}
