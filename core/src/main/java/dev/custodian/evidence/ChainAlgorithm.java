package dev.custodian.evidence;

/**
 * How an entry's hash was computed. Entries written before the keyed chain existed are {@link
 * #SHA256}; every entry appended since is {@link #HMAC_SHA256}. A log may hold unkeyed entries only
 * as its prefix: the verifier reports an unkeyed entry after a keyed one, which is what re-chaining
 * without the key would produce.
 */
public enum ChainAlgorithm {
  /** Plain SHA-256 over the canonical encoding (version 1): anyone can recompute it. */
  SHA256(1),
  /** HMAC-SHA256 under the {@link EvidenceKey} (version 2): only the key holder can compute it. */
  HMAC_SHA256(2);

  private final int code;

  ChainAlgorithm(int code) {
    this.code = code;
  }

  /** {@return the number stores keep for it}; part of the stored format, never changed */
  public int code() {
    return code;
  }

  /**
   * The algorithm of a stored code; a store that keeps none (an entry older than the code) passes
   * 0 and gets {@link #SHA256}.
   *
   * @param code the stored number
   * @return its algorithm
   * @throws IllegalArgumentException for an unknown code
   */
  public static ChainAlgorithm ofCode(int code) {
    return switch (code) {
      case 0, 1 -> SHA256;
      case 2 -> HMAC_SHA256;
      default -> throw new IllegalArgumentException("unknown evidence chain algorithm " + code);
    };
  }
}
