package dev.custodian.subprocessor;

import java.time.LocalDate;

/**
 * A change was asked to take effect too soon to give clients the contract's notice (R-SUB-2). The
 * message and {@link #earliestAllowed()} say the earliest date that would be accepted.
 */
public class NoticeTooShortException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final LocalDate requested;
  private final LocalDate earliestAllowed;

  public NoticeTooShortException(LocalDate requested, LocalDate earliestAllowed, int businessDays) {
    super("a change effective on " + requested + " is too close: clients must be told at least "
        + businessDays + " business days before (R-SUB-2); the earliest allowed date is "
        + earliestAllowed);
    this.requested = requested;
    this.earliestAllowed = earliestAllowed;
  }

  public LocalDate requested() {
    return requested;
  }

  public LocalDate earliestAllowed() {
    return earliestAllowed;
  }
}
