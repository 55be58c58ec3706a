package dev.custodian.retention;

/**
 * What one call to run a sweep did on this node.
 *
 * @param planId the plan swept
 * @param deleted records this call deleted
 * @param restricted records this call newly marked restricted
 * @param unitsCompleted units this call completed
 * @param finished true when every unit of the plan is done (by any node)
 */
public record SweepReport(String planId, long deleted, long restricted, int unitsCompleted, boolean finished) {}
