package dev.custodian.retention;

/** An attempt to store a record of a category the contract says is never stored (R-RET-4). */
public final class NeverStoredException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public NeverStoredException(String message) {
    super(message);
  }
}
