package dev.custodian.jdbc;

import dev.custodian.subject.EmailAddress;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SsoId;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.subject.UserId;
import java.util.Locale;

/**
 * The kind of subject identifier a mapped column holds. The column must hold the identifier's
 * normalised form (E.164 for phone numbers, lower-case e-mail addresses), since lookups compare
 * values as stored.
 */
public enum SubjectKind {
  PHONE("phone"),
  EMAIL("email"),
  USER("user"),
  SSO("sso");

  private final String code;

  SubjectKind(String code) {
    this.code = code;
  }

  /** The short name used in mapping files and by {@link SubjectIdentifier#kind()}. */
  public String code() {
    return code;
  }

  /**
   * The kind named {@code code} ({@code phone}, {@code email}, {@code user}, {@code sso}),
   * case-insensitive.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static SubjectKind ofCode(String code) {
    String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    for (SubjectKind k : values()) {
      if (k.code.equals(c)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown subject kind '" + code + "': use phone, email, user or sso");
  }

  /** The kind of {@code identifier}. */
  public static SubjectKind of(SubjectIdentifier identifier) {
    return ofCode(identifier.kind());
  }

  /** The identifier a stored value denotes. @throws IllegalArgumentException if it is not valid */
  SubjectIdentifier parse(String stored) {
    return switch (this) {
      case PHONE -> PhoneNumber.of(stored);
      case EMAIL -> EmailAddress.of(stored);
      case USER -> UserId.of(stored);
      case SSO -> SsoId.of(stored);
    };
  }
}
