package dev.custodian.evidence;

/**
 * The evidence actions about the library's own keys (R-EVID-1). The values never change once
 * released.
 */
public final class EvidenceActions {
  /** The pseudonymisation key was rotated; old and new key fingerprints in the details, never the keys. */
  public static final String PSEUDONYMIZATION_KEY_ROTATED = "pseudonymization.key.rotated";

  private EvidenceActions() {}
}
