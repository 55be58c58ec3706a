package dev.custodian.subject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks on a pseudonymisation key before it is used, and its fingerprint. Messages never repeat
 * the key, nor any part of it.
 */
public final class PseudonymizationKeys {
  /** Fewer distinct byte values than this is not secret material (32 random bytes have ~30). */
  static final int MIN_DISTINCT_BYTES = 8;
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "\\$\\{.*}|\\$\\(.*\\)|#\\{.*}|\\{\\{.*}}|%[A-Za-z_][A-Za-z0-9_]*%");
  /** Whole values only: {@code $CUSTODIAN_KEY}, {@code <your key>}. */
  private static final Pattern WHOLE_PLACEHOLDER =
      Pattern.compile("\\$[A-Z_][A-Z0-9_]*|<[^<>]+>");
  private static final List<String> DUMMIES = List.of("changeme", "change_me", "change-me",
      "change me", "changeit", "replaceme", "replace_me", "replace-me", "placeholder",
      "your_key", "your-key", "yourkey", "insert_key", "insert-key", "todo_", "fixme");

  private PseudonymizationKeys() {}

  /**
   * Why {@code key} cannot be a secret: it reads as a configuration placeholder that was never
   * resolved ({@code ${CUSTODIAN_KEY}}, {@code %CUSTODIAN_KEY%}, {@code $CUSTODIAN_KEY}, {@code
   * <key>}), holds a stand-in word ({@code changeme}...), or has too few distinct bytes (all the
   * same, an unfilled buffer). Empty if none of these applies; the length is checked elsewhere.
   *
   * @param key the candidate key
   * @return why the key is refused, in words that never quote it; empty if it is not
   */
  public static Optional<String> weakness(byte[] key) {
    Objects.requireNonNull(key, "key");
    long distinct = 0;
    boolean[] seen = new boolean[256];
    for (byte b : key) {
      if (!seen[b & 0xff]) {
        seen[b & 0xff] = true;
        distinct++;
      }
    }
    if (distinct < MIN_DISTINCT_BYTES) {
      return Optional.of("it has only " + distinct + " distinct byte value"
          + (distinct == 1 ? "" : "s") + " (at least " + MIN_DISTINCT_BYTES
          + " expected of secret material): it is not a random secret");
    }
    Optional<String> text = text(key);
    if (text.isPresent()) {
      String t = text.get().strip();
      if (PLACEHOLDER.matcher(t).find() || WHOLE_PLACEHOLDER.matcher(t).matches()) {
        return Optional.of("it reads as an unresolved configuration placeholder (such as"
            + " ${CUSTODIAN_KEY} or %CUSTODIAN_KEY%): the variable it names is not set");
      }
      String lower = t.toLowerCase(Locale.ROOT);
      for (String dummy : DUMMIES) {
        if (lower.contains(dummy)) {
          return Optional.of("it holds a stand-in word such as 'changeme': it is not a secret");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(byte[] key) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The key's fingerprint: HMAC-SHA-256 keyed by the key itself over a fixed label and {@code
   * salt}, 32 hex digits. It tells two keys apart and reveals nothing usable about either; the
   * salt keeps fingerprints of one key from matching across installations.
   *
   * @param key the key, not empty
   * @param salt the installation's salt
   * @return 32 lower-case hex digits
   */
  public static String fingerprint(byte[] key, byte[] salt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(salt, "salt");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update("custodian pseudonymisation key fingerprint v1".getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(salt), 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
