package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What points at a subject: an E.164 phone number, an e-mail address, a user id or an SSO id.
 *
 * <p>Every implementation is validated and normalised at construction, so two equal identifiers
 * denote the same subject. {@link Object#toString() toString()} is masked: an identifier that slips into a log line
 * does not reveal the subject (R-EVID-2). Use {@link #value()} only to reach the host's data, and
 * {@link Pseudonymizer} for evidence.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PhoneNumber.class, name = "phone"),
  @JsonSubTypes.Type(value = EmailAddress.class, name = "email"),
  @JsonSubTypes.Type(value = UserId.class, name = "user"),
  @JsonSubTypes.Type(value = SsoId.class, name = "sso")
})
public sealed interface SubjectIdentifier permits PhoneNumber, EmailAddress, UserId, SsoId {

  /** The normalised value, in clear. Never log it. */
  String value();

  /** A short stable name of the identifier's kind: {@code phone}, {@code email}, {@code user}, {@code sso}. */
  String kind();

  /** A rendering that lets a person recognise the identifier without revealing it. */
  String masked();

  /**
   * Parses a raw identifier, guessing its kind: {@code +} or {@code 00} then digits is a phone
   * number, anything with {@code @} an e-mail address, anything else a user id.
   *
   * @throws IllegalArgumentException if the raw value fits no kind
   */
  static SubjectIdentifier parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("subject identifier is empty");
    }
    String s = raw.strip();
    if (s.indexOf('@') >= 0) {
      return EmailAddress.of(s);
    }
    if (s.startsWith("+") || s.startsWith("00")) {
      return PhoneNumber.of(s);
    }
    return UserId.of(s);
  }
}
