package dev.custodian.evidence;

import java.util.OptionalLong;

/**
 * The verifier's verdict on the evidence chain.
 *
 * @param entriesChecked how many entries were read
 * @param firstBroken the sequence of the first entry whose hash, link or number is wrong; empty if
 *     the chain is intact
 * @param reason why that entry is broken; empty if intact
 */
public record ChainVerification(long entriesChecked, OptionalLong firstBroken, String reason) {

  public boolean valid() {
    return firstBroken.isEmpty();
  }

  static ChainVerification intact(long checked) {
    return new ChainVerification(checked, OptionalLong.empty(), "");
  }

  static ChainVerification brokenAt(long checked, long sequence, String reason) {
    return new ChainVerification(checked, OptionalLong.of(sequence), reason);
  }
}
