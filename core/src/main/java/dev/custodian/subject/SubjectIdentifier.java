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

  /** {@return the normalised value, in clear}. Never log it. */
  String value();

  /**
   * {@return a short stable name of the identifier's kind}: {@code phone}, {@code email}, {@code
   * user} or {@code sso}; part of stored state and of pseudonyms, so it never changes.
   */
  String kind();

  /** {@return a rendering that lets a person recognise the identifier without revealing it} */
  String masked();

  /**
   * Parses a raw identifier, reading national phone numbers as French ({@link
   * PersonalDataDetector#DEFAULT_REGION}): {@code parse(raw, "FR")}.
   *
   * @param raw the identifier as written
   * @return the identifier, normalised
   * @throws IllegalArgumentException if the raw value fits no kind, or is written like a phone
   *     number that is not one
   */
  static SubjectIdentifier parse(String raw) {
    return parse(raw, PersonalDataDetector.DEFAULT_REGION);
  }

  /**
   * Parses a raw identifier, guessing its kind, never silently (R-DSR-2):
   *
   * <ul>
   *   <li>anything with {@code @} is an e-mail address;
   *   <li>a value written like a phone number (only digits, {@code +} and the separators space,
   *       {@code . - / ( )}) that starts with {@code +}, {@code (+}, {@code 00} or the region's
   *       trunk prefix ({@code 0} in France), or holds a space, a dot or a bracket, is a phone
   *       number: international, or national in {@code region} ({@code 06 12 34 56 78} is {@code
   *       +33612345678} for {@code FR}); if it is not a possible number there, it is refused with a
   *       message saying how to write it, never taken for a user id;
   *   <li>anything else is a user id (numeric account ids such as {@code 123456789} included).
   * </ul>
   *
   * @param raw the identifier as written
   * @param region the client's region, an ISO 3166-1 alpha-2 code such as {@code FR}
   * @return the identifier, normalised
   * @throws IllegalArgumentException if the raw value fits no kind (the message never echoes it)
   */
  static SubjectIdentifier parse(String raw, String region) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("subject identifier is empty");
    }
    String s = raw.strip();
    if (s.indexOf('@') >= 0) {
      return EmailAddress.of(s);
    }
    PersonalDataDetector detector = PersonalDataDetector.forRegion(region);
    if (writtenLikePhoneNumber(s, detector)) {
      return PhoneNumber.of(s, detector.region());
    }
    return UserId.of(s);
  }

  private static boolean writtenLikePhoneNumber(String s, PersonalDataDetector detector) {
    if (!PersonalDataDetector.phoneShaped(s)) {
      return false;
    }
    String trunk = detector.trunkPrefix();
    return s.startsWith("+") || s.startsWith("(") || s.startsWith("00")
        || (!trunk.isEmpty() && s.startsWith(trunk))
        || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '.' || c == ')');
  }
}
