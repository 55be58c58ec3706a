package dev.custodian.retention;

/**
 * A retention schedule that cannot be obeyed, for example a legal floor longer than a legal
 * ceiling of the same category. Thrown when the schedule is built, never at classification time.
 */
public final class ScheduleConflictException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ScheduleConflictException(String message) {
    super(message);
  }
}
