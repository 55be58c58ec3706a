package dev.custodian.subject;

/** Checks and masking shared by the opaque identifiers (user ids, SSO ids). */
final class OpaqueIds {
  private OpaqueIds() {}

  /** @throws IllegalArgumentException if empty, too long or holding control characters */
  static String check(String kind, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(kind + " id is empty");
    }
    if (value.length() > 256 || !value.equals(value.strip())
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(kind
          + " id must be 1 to 256 characters without surrounding spaces or control characters");
    }
    return value;
  }

  /** The first two characters and the length: {@code ab***(12)}. */
  static String mask(String value) {
    return value.substring(0, Math.min(2, value.length())) + "***(" + value.length() + ")";
  }
}
