package dev.custodian.hold;

/**
 * The evidence actions of legal holds (R-HOLD-1, R-HOLD-2). Hold entries are processor-wide (the client is in
 * the details), so that a client's evidence never reveals a hold an authority forbids telling it of.
 * The values never change once released.
 */
public final class HoldActions {
  /** A hold was placed; its scope and basis in the details. */
  public static final String PLACED = "hold.placed";
  /** A hold was released. */
  public static final String RELEASED = "hold.released";

  private HoldActions() {}
}
