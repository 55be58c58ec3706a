package dev.custodian.spi;

/**
 * Thrown by {@link StateStore#update} when the stored version is not the expected one: someone else
 * changed the state first. Re-read and decide again; never overwrite blindly.
 */
public class StaleStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StaleStateException(String kind, String id, long expectedVersion) {
    super(kind + " " + id + " changed concurrently (expected version " + expectedVersion + ")");
  }
}
