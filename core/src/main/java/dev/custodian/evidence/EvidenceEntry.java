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
 * basis}), as which step of a duty ({@code step}, null if the entry is not one step's evidence),
 * with details that never hold personal data in clear (R-EVID-2).
 *
 * <p>{@code hash} covers {@code previousHash} and every other field, computed as {@code chain}
 * says: entries appended by this version are {@link ChainAlgorithm#HMAC_SHA256}, keyed with the
 * {@link EvidenceKey}, so only the key holder can compute or check it; entries of a log written
 * before the keyed chain stay {@link ChainAlgorithm#SHA256}. The first entry's {@code previousHash}
 * is {@link #GENESIS}. Entries are immutable; only {@link EvidenceLog} computes hashes.
 */
public record EvidenceEntry(
    long sequence,
    Instant at,
    ClientId client,
    String action,
    String actor,
    String basis,
    Map<String, String> details,
    String step,
    ChainAlgorithm chain,
    String previousHash,
    String hash) {

  /** The previous hash of the first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  /**
   * An entry as stored; only {@link EvidenceLog} computes its hash.
   *
   * @param sequence the entry's place in the chain, from 1
   * @param at when it was appended
   * @param client the client concerned, or null
   * @param action a dotted lower-case code
   * @param actor the principal id, or {@code system}
   * @param basis the instruction, rule or legal basis behind it, or null
   * @param details extra facts, copied in key order
   * @param step the step it is the evidence of, or null
   * @param chain how {@code hash} is computed
   * @param previousHash the hash of the entry before, or {@link #GENESIS}
   * @param hash this entry's hash
   * @throws IllegalArgumentException if the sequence is below 1
   */
  public EvidenceEntry {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1");
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
    details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /**
   * A keyed entry without a step: the shape of most entries. Computes nothing; the hash is taken
   * as given (a store reading rows, or a test forging an entry).
   *
   * @param sequence the entry's place in the chain, from 1
   * @param at when it was appended
   * @param client the client concerned, or null
   * @param action a dotted lower-case code
   * @param actor the principal id, or {@code system}
   * @param basis the instruction, rule or legal basis behind it, or null
   * @param details extra facts, copied in key order
   * @param previousHash the hash of the entry before, or {@link #GENESIS}
   * @param hash this entry's hash
   */
  public EvidenceEntry(long sequence, Instant at, ClientId client, String action, String actor,
      String basis, Map<String, String> details, String previousHash, String hash) {
    this(sequence, at, client, action, actor, basis, details, null, ChainAlgorithm.HMAC_SHA256,
        previousHash, hash);
  }
}
