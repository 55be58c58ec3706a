package dev.custodian;

/**
 * The pseudonymisation key differs from the one Custodian recorded at its first start: evidence
 * written under the two keys would no longer correlate (R-EVID-2). Thrown at start-up; the message
 * shows fingerprints only and says how to rotate on purpose.
 */
public class PseudonymizationKeyChangedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which must show fingerprints only, never a key.
   *
   * @param message what differs and how to rotate on purpose
   */
  public PseudonymizationKeyChangedException(String message) {
    super(message);
  }
}
