package dev.custodian.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical encodings the chain hashes: each field as its UTF-8 length, ':' and its bytes, in a
 * fixed order, details sorted by key. Length prefixes make the encoding unambiguous, so no two
 * different entries encode alike. Changing either version breaks every stored chain: never do.
 *
 * <p>Version 1 ({@link ChainAlgorithm#SHA256}) is kept only to verify entries written before the
 * keyed chain; version 2 ({@link ChainAlgorithm#HMAC_SHA256}) adds the step and the algorithm and
 * is keyed. Neither is reachable from outside this package.
 */
final class Canonical {
  private Canonical() {}

  /** The hash {@code e} should carry under its own algorithm. */
  static String hash(EvidenceEntry e, EvidenceKey key) {
    return switch (e.chain()) {
      case SHA256 -> sha256(v1(e));
      case HMAC_SHA256 -> key.mac(v2(e));
    };
  }

  private static String v1(EvidenceEntry e) {
    StringBuilder b = new StringBuilder(256);
    field(b, "v1");
    field(b, e.previousHash());
    field(b, Long.toString(e.sequence()));
    field(b, e.at().toString());
    field(b, e.client() == null ? "" : e.client().value());
    field(b, e.action());
    field(b, e.actor());
    field(b, e.basis() == null ? "" : e.basis());
    details(b, e.details());
    return b.toString();
  }

  private static String v2(EvidenceEntry e) {
    StringBuilder b = new StringBuilder(256);
    field(b, "v2");
    field(b, e.previousHash());
    field(b, Long.toString(e.sequence()));
    field(b, e.at().toString());
    optional(b, e.client() == null ? null : e.client().value());
    field(b, e.action());
    field(b, e.actor());
    optional(b, e.basis());
    optional(b, e.step());
    details(b, e.details());
    return b.toString();
  }

  private static void details(StringBuilder b, Map<String, String> details) {
    field(b, Integer.toString(details.size()));
    for (Map.Entry<String, String> d : details.entrySet()) {
      field(b, d.getKey());
      field(b, d.getValue() == null ? "" : d.getValue());
    }
  }

  private static void field(StringBuilder b, String value) {
    b.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
  }

  /** Absent as a lone '-', which no length prefix starts with; present as a field. */
  private static void optional(StringBuilder b, String value) {
    if (value == null) {
      b.append('-');
    } else {
      field(b, value);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
