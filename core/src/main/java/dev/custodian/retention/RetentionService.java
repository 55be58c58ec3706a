package dev.custodian.retention;

import java.util.Objects;

/**
 * The retention duty (R-RET-1 to R-RET-6): the schedule, client events, and (as they land) the
 * classifier, client settings, plans and sweeps. Obtained from {@code Custodian.retention()}.
 */
public final class RetentionService {
  private final RetentionSchedule schedule;
  private final ClientEvents events;

  public RetentionService(RetentionSchedule schedule, ClientEvents events) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** The retention schedule in force. */
  public RetentionSchedule schedule() {
    return schedule;
  }

  /** Client events (contract end, contacts deleted, CRM synchronisation off, deletion requests). */
  public ClientEvents events() {
    return events;
  }
}
