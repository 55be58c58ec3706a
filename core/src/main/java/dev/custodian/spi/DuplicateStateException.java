package dev.custodian.spi;

/** Thrown by {@link StateStore#insert} when a state with the same kind and id already exists. */
public class DuplicateStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateStateException(String kind, String id) {
    super(kind + " " + id + " already exists");
  }
}
