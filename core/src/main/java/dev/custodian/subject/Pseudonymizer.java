package dev.custodian.subject;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a subject identifier into a keyed hash (HMAC-SHA-256) for evidence and logs (R-EVID-2).
 *
 * <p>The same identifier and key always give the same pseudonym, so evidence about one subject can
 * be correlated by whoever holds the key, and by no one else. The pseudonym has the form {@code
 * phone:1f2e...} (kind, then 32 hex digits). Thread-safe.
 */
public final class Pseudonymizer {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  /**
   * @param key at least 32 bytes of secret material, kept by the processor
   * @throws IllegalArgumentException if the key is shorter than 32 bytes
   */
  public Pseudonymizer(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < 32) {
      throw new IllegalArgumentException("pseudonymisation key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /**
   * The keyed hash of {@code identifier}, prefixed by its kind: the same identifier always gives
   * the same pseudonym under one key, and the pseudonym reveals nothing of it without the key.
   *
   * @param identifier the subject's identifier
   * @return the pseudonym, safe to store in evidence and logs
   */
  public String pseudonym(SubjectIdentifier identifier) {
    Objects.requireNonNull(identifier, "identifier");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(identifier.kind().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(identifier.value().getBytes(StandardCharsets.UTF_8));
      return identifier.kind() + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
