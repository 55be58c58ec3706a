package dev.custodian.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical encoding the chain hashes: each field as its UTF-8 length, ':' and its bytes, in a
 * fixed order, details sorted by key. Length prefixes make the encoding unambiguous, so no two
 * different entries encode alike. Changing this breaks every stored chain: never do.
 */
final class Canonical {
  private Canonical() {}

  static String hash(EvidenceEntry e) {
    StringBuilder b = new StringBuilder(256);
    field(b, "v1");
    field(b, e.previousHash());
    field(b, Long.toString(e.sequence()));
    field(b, e.at().toString());
    field(b, e.client() == null ? "" : e.client().value());
    field(b, e.action());
    field(b, e.actor());
    field(b, e.basis() == null ? "" : e.basis());
    field(b, Integer.toString(e.details().size()));
    for (Map.Entry<String, String> d : e.details().entrySet()) {
      field(b, d.getKey());
      field(b, d.getValue() == null ? "" : d.getValue());
    }
    return sha256(b.toString());
  }

  private static void field(StringBuilder b, String value) {
    b.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
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
