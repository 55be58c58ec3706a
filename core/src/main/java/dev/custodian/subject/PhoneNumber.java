package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form: {@code +}, a country code, at most 15 digits in all.
 *
 * <p>{@link #of(String)} accepts common international writings ({@code +33 1 99 00 12 34}, {@code
 * 0033.1.99.00.12.34}, {@code +33 (0)1 99 00 12 34}, {@code (+33) 1 99 00 12 34}) and normalises
 * them to {@code +33199001234}; {@link #of(String, String)} also reads the national writings of a
 * region ({@code 01 99 00 12 34} in France). Both read with libphonenumber, through the {@link
 * PersonalDataDetector} the evidence guard uses, so every number they accept is also refused in
 * evidence.
 */
public record PhoneNumber(String value) implements SubjectIdentifier {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  /**
   * A number already in E.164 form; {@link #of} reads one as written.
   *
   * @param value the number in E.164 form, such as {@code +33199001234}
   * @throws IllegalArgumentException if {@code value} is not already in E.164 form
   */
  @JsonCreator
  public PhoneNumber(@JsonProperty("value") String value) {
    if (value == null || !E164.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "phone number must be in E.164 form: '+', a country code, 7 to 15 digits in all");
    }
    this.value = value;
  }

  /**
   * Normalises and validates a written phone number that carries its country code ({@code +} or
   * {@code 00}); the number must be possible for that country (libphonenumber's length rules).
   * National writings need a region: {@link #of(String, String)}.
   *
   * @param raw the number as written, with its country code
   * @return the number in E.164 form
   * @throws IllegalArgumentException with a message that says what is wrong (never echoing the
   *     number)
   */
  public static PhoneNumber of(String raw) {
    String s = nonBlank(raw);
    if (E164.matcher(s).matches()) {
      return new PhoneNumber(s);
    }
    String international = s.startsWith("00") ? "+" + s.substring(2) : s;
    if (!international.startsWith("+") && !international.startsWith("(+")) {
      throw new IllegalArgumentException(
          "phone number needs its country code: + or 00, then the country code (33 for France);"
          + " or give the client's region to read a national number");
    }
    return new PhoneNumber(PersonalDataDetector.parse(international, "ZZ")
        .orElseThrow(PhoneNumber::notAPhoneNumber));
  }

  /**
   * Normalises a phone number written internationally or in the national format of {@code region}
   * (an ISO 3166-1 alpha-2 code, for example {@code FR}: {@code 06 39 98 12 34} is {@code
   * +33639981234}).
   *
   * @param raw the number as written
   * @param region the region national writings are read in, an ISO 3166-1 alpha-2 code
   * @return the number in E.164 form
   * @throws IllegalArgumentException if it is not a possible number there, with a message saying
   *     how to write it (never echoing the number)
   */
  public static PhoneNumber of(String raw, String region) {
    String s = nonBlank(raw);
    if (s.startsWith("+") || s.startsWith("(+") || s.startsWith("00")) {
      return of(s);
    }
    PersonalDataDetector detector = PersonalDataDetector.forRegion(region);
    return new PhoneNumber(detector.parsePhoneNumber(s).orElseThrow(() -> new IllegalArgumentException(
        "phone number is not a complete national number of region " + detector.region()
        + ": write it with its country code (+33 6 12 34 56 78) or as a national number with its"
        + " trunk prefix (06 12 34 56 78 in France)")));
  }

  /**
   * Normalises a national number (leading trunk {@code 0}) with the given country calling code, for
   * example {@code ofNational("01 99 00 12 34", "33")}.
   *
   * @param raw the national number as written
   * @param countryCallingCode 1 to 3 digits, assigned to a country
   * @return the number in E.164 form
   * @throws IllegalArgumentException if the code is not assigned or the number not possible there
   */
  public static PhoneNumber ofNational(String raw, String countryCallingCode) {
    nonBlank(raw);
    if (countryCallingCode == null || !countryCallingCode.matches("[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException("country calling code must be 1 to 3 digits");
    }
    String region = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance()
        .getRegionCodeForCountryCode(Integer.parseInt(countryCallingCode));
    if ("ZZ".equals(region)) {
      throw new IllegalArgumentException("country calling code is not assigned to any country");
    }
    return of(raw, region);
  }

  private static String nonBlank(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("phone number is empty");
    }
    return raw.strip();
  }

  private static IllegalArgumentException notAPhoneNumber() {
    return new IllegalArgumentException("phone number is not possible: after + or 00 comes a known"
        + " country code, then the number, only digits and the separators space . - / ( )");
  }

  @Override
  public String kind() {
    return "phone";
  }

  /** Keeps the {@code +}, two digits and the last two: {@code +33*******34}. */
  @Override
  public String masked() {
    return value.substring(0, 3) + "*".repeat(value.length() - 5) + value.substring(value.length() - 2);
  }

  @Override
  public String toString() {
    return masked();
  }
}
