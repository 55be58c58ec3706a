package dev.custodian.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the evidence chain (HMAC-SHA256, R-EVID-1): without it nobody can recompute
 * an entry's hash, so an entry changed in storage cannot be re-chained unnoticed. Keep it in the
 * host's secret store, never beside the log, and keep it stable: a log can be verified only with
 * the key it was written with.
 *
 * <p>{@link #derivedFrom(byte[])} derives it from the pseudonymisation key when the host supplies
 * none: HMAC-SHA256 keyed with the pseudonymisation key over the label {@value #DERIVATION_LABEL},
 * so the two keys are distinct and one does not reveal the other. {@link #toString()} never shows
 * the key.
 */
public final class EvidenceKey {
  /** The label the derived key is computed over; part of the stored format: never change it. */
  public static final String DERIVATION_LABEL = "dev.custodian/evidence-chain-key/v1";

  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  private EvidenceKey(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * A key from at least 32 bytes of secret material; the bytes are copied.
   *
   * @param secret the key material, from the host's secret store
   * @return the key
   * @throws IllegalArgumentException if shorter than 32 bytes
   */
  public static EvidenceKey of(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException("the evidence key must be at least 32 bytes");
    }
    return new EvidenceKey(secret.clone());
  }

  /**
   * The key derived from the pseudonymisation key (see the class comment): used when the host
   * configures no evidence key of its own.
   *
   * @param pseudonymizationKey the pseudonymisation key's bytes
   * @return the derived key, the same for the same pseudonymisation key
   * @throws IllegalArgumentException if the pseudonymisation key is shorter than 32 bytes
   */
  public static EvidenceKey derivedFrom(byte[] pseudonymizationKey) {
    Objects.requireNonNull(pseudonymizationKey, "pseudonymizationKey");
    if (pseudonymizationKey.length < 32) {
      throw new IllegalArgumentException("pseudonymisation key must be at least 32 bytes");
    }
    return new EvidenceKey(hmac(new SecretKeySpec(pseudonymizationKey.clone(), ALGORITHM),
        DERIVATION_LABEL));
  }

  /** A random key that only this process holds: for logs that live in memory and die with it. */
  static EvidenceKey ephemeral() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new EvidenceKey(secret);
  }

  /** HMAC-SHA256 of {@code text} (UTF-8) under this key, in lower-case hex. */
  String mac(String text) {
    return HexFormat.of().formatHex(hmac(key, text));
  }

  private static byte[] hmac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "EvidenceKey[hidden]";
  }
}
