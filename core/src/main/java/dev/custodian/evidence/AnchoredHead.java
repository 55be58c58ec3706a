package dev.custodian.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * The head of the evidence chain as recorded somewhere other than the entries themselves: its
 * sequence, its hash and when it was appended. A log that ends before an anchored head, or whose
 * entry at that sequence carries another hash, was cut or rewritten.
 */
public record AnchoredHead(long sequence, String hash, Instant at) {
  /**
   * A head as recorded.
   *
   * @param sequence the head entry's sequence, at least 1
   * @param hash its hash
   * @param at when it was appended
   * @throws IllegalArgumentException if the sequence is below 1
   */
  public AnchoredHead {
    if (sequence < 1) {
      throw new IllegalArgumentException("an anchored head has a sequence of at least 1");
    }
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
  }

  /**
   * The head that {@code entry} makes.
   *
   * @param entry the last entry appended
   * @return its sequence, hash and time
   */
  public static AnchoredHead of(EvidenceEntry entry) {
    return new AnchoredHead(entry.sequence(), entry.hash(), entry.at());
  }
}
