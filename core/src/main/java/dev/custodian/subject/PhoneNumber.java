package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form: {@code +}, a country code, at most 15 digits in all.
 *
 * <p>{@link #of(String)} accepts common writings ({@code +33 1 99 00 12 34}, {@code
 * 0033.1.99.00.12.34}, {@code +33 (0)1 99 00 12 34}) and normalises them to {@code +33199001234}.
 */
public record PhoneNumber(String value) implements SubjectIdentifier {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-/()]");

  /** @throws IllegalArgumentException if {@code value} is not already in E.164 form */
  @JsonCreator
  public PhoneNumber(@JsonProperty("value") String value) {
    if (value == null || !E164.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "phone number must be in E.164 form: '+', a country code, 7 to 15 digits in all");
    }
    this.value = value;
  }

  /**
   * Normalises and validates a written phone number; it must carry its country code.
   *
   * @throws IllegalArgumentException with a message that says what is wrong (never echoing the
   *     number)
   */
  public static PhoneNumber of(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("phone number is empty");
    }
    String s = raw.strip().replace("(0)", "");
    s = SEPARATORS.matcher(s).replaceAll("");
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    if (!s.startsWith("+")) {
      throw new IllegalArgumentException(
          "phone number needs its country code: + or 00, then the country code (33 for France)");
    }
    if (!s.substring(1).chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("phone number may hold only digits after '+'");
    }
    return new PhoneNumber(s);
  }

  /**
   * Normalises a national number (leading trunk {@code 0}) with the given country calling code, for
   * example {@code ofNational("01 99 00 12 34", "33")}.
   */
  public static PhoneNumber ofNational(String raw, String countryCallingCode) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("phone number is empty");
    }
    if (countryCallingCode == null || !countryCallingCode.matches("[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException("country calling code must be 1 to 3 digits");
    }
    String s = SEPARATORS.matcher(raw.strip()).replaceAll("");
    if (s.startsWith("+") || s.startsWith("00")) {
      return of(s);
    }
    if (s.startsWith("0")) {
      s = s.substring(1);
    }
    return of("+" + countryCallingCode + s);
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
