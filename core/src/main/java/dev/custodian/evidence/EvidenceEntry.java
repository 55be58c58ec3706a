package dev.custodian.evidence;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of the evidence log (R-EVID-1): what was done ({@code action}), when, for which client
 * (null for processor-wide facts), by whom ({@code actor}), under which instruction or rule ({@code
 * basis}), with details that never hold personal data in clear (R-EVID-2).
 *
 * <p>{@code hash} is SHA-256 over {@code previousHash} and the canonical encoding of every other
 * field; the first entry's {@code previousHash} is {@link #GENESIS}. Entries are immutable.
 */
public record EvidenceEntry(
    long sequence,
    Instant at,
    ClientId client,
    String action,
    String actor,
    String basis,
    Map<String, String> details,
    String previousHash,
    String hash) {

  /** The previous hash of the first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  public EvidenceEntry {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1");
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
    details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** The hash this entry should carry, recomputed from its fields. */
  public String computeHash() {
    return Canonical.hash(this);
  }
}
