package dev.custodian.subject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a phone number or an e-mail address in clear, in free text or as a whole value
 * (R-EVID-2, R-DSR-2). One detector is shared by the evidence guard, the input validation of free
 * text ({@code @NoContactDetails}) and the subject parsers, so what a parser accepts as a phone
 * number is what the guard refuses.
 *
 * <p>A phone number is recognised, with Google's libphonenumber, in every writing {@link
 * PhoneNumber#of} accepts ({@code +33639981234}, {@code +33 6 39 98 12 34}, {@code (+33) 6...},
 * {@code +33 (0)6...}, {@code 0033 6...}, any separators among space, {@code . - / ( )}) and in the
 * national writings of the detector's region ({@code 06 39 98 12 34}, {@code 06.39.98.12.34},
 * {@code 0639981234} for France): a {@code +} followed by 7 digits or more, or a number that
 * libphonenumber finds possible in the region and that starts with the region's trunk prefix or
 * international call prefix ({@code 00}). Digits written without either (counts, numeric ids,
 * dates and instants) are not phone numbers, nor are digits glued to letters, nor the digits of a
 * UUID or of a hexadecimal digest.
 *
 * <p>Immutable and thread-safe.
 */
public final class PersonalDataDetector {
  /** The region whose national writings are recognised unless another is given. */
  public static final String DEFAULT_REGION = "FR";

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final PersonalDataDetector STANDARD = new PersonalDataDetector(DEFAULT_REGION);
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}");
  /**
   * UUIDs and long hexadecimal digests: their all-digit groups ({@code ...-008607310253}) can read
   * as possible numbers, but they are identifiers the library makes, not numbers someone wrote.
   */
  private static final Pattern OPAQUE_TOKENS = Pattern.compile(
      "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"
      + "|\\b[0-9a-fA-F]{32,}\\b");
  /** The fewest digits an E.164 number has ({@link PhoneNumber}'s own bound). */
  private static final int MIN_DIGITS = 7;

  private final String region;
  private final String trunkPrefix;

  private PersonalDataDetector(String region) {
    this.region = region;
    String ndd = UTIL.getNddPrefixForRegion(region, true);
    this.trunkPrefix = ndd == null ? "" : ndd;
  }

  /** {@return the detector for {@link #DEFAULT_REGION}}, shared and thread-safe */
  public static PersonalDataDetector standard() {
    return STANDARD;
  }

  /**
   * The detector recognising the national writings of {@code region}.
   *
   * @param region an ISO 3166-1 alpha-2 code that libphonenumber knows, for example {@code FR}
   * @return a thread-safe detector for that region
   * @throws IllegalArgumentException if the region is unknown
   */
  public static PersonalDataDetector forRegion(String region) {
    Objects.requireNonNull(region, "region");
    String r = region.strip().toUpperCase(Locale.ROOT);
    if (r.equals(DEFAULT_REGION)) {
      return STANDARD;
    }
    if (!UTIL.getSupportedRegions().contains(r)) {
      throw new IllegalArgumentException("unknown region '" + (r.length() > 3 ? r.substring(0, 3) : r)
          + "': use an ISO 3166-1 alpha-2 code such as FR, BE, CH");
    }
    return new PersonalDataDetector(r);
  }

  /** {@return the region whose national writings this detector recognises}, upper case */
  public String region() {
    return region;
  }

  /**
   * Whether {@code text} holds a phone number or an e-mail address in clear anywhere.
   *
   * @param text any text; {@code null} holds none
   * @return true if it holds one
   */
  public boolean containsPersonalData(CharSequence text) {
    return text != null && (containsEmailAddress(text) || containsPhoneNumber(text));
  }

  /**
   * Whether {@code text} holds an e-mail address anywhere.
   *
   * @param text any text; {@code null} holds none
   * @return true if it holds one
   */
  public boolean containsEmailAddress(CharSequence text) {
    return text != null && text.toString().indexOf('@') >= 0 && EMAIL.matcher(text).find();
  }

  /**
   * Whether {@code text} holds a phone number anywhere, in any of the writings above.
   *
   * @param text any text; {@code null} holds none
   * @return true if it holds one
   */
  public boolean containsPhoneNumber(CharSequence text) {
    if (text == null) {
      return false;
    }
    // A cheap scan first: libphonenumber costs tens of microseconds per text, and most evidence
    // fields hold no run of digits that could start a phone number at all.
    boolean candidate = false;
    int n = text.length();
    for (int i = 0; i < n && !candidate; i++) {
      char c = text.charAt(i);
      if (c == '+') {
        // Inside a token ("ab+1234567cd", base64) a '+' starts no number.
        int end = runEnd(text, i + 1);
        if (digitsInRun(text, i + 1) >= MIN_DIGITS && !gluedToLetters(text, i, end)
            && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
          return true;
        }
      } else if (startsNationalOrIdd(text, i) && digitsInRun(text, i) >= MIN_DIGITS) {
        candidate = true;
      }
    }
    if (!candidate) {
      return false;
    }
    CharSequence plain = OPAQUE_TOKENS.matcher(text).replaceAll("#");
    return foundByLibphonenumber(plain) || nationalRunParses(plain);
  }

  /**
   * {@code text} itself, or a fixed placeholder when it holds a phone number or an e-mail address:
   * for log lines and messages built from text the library does not control (a host's exception).
   *
   * @param text any text
   * @return {@code text}, or the placeholder
   */
  public String redact(String text) {
    return containsPersonalData(text) ? "(withheld: it may hold personal data)" : text;
  }

  /**
   * True if the message of {@code failure}, of one of its causes or of a suppressed exception
   * holds a phone number or an e-mail address: such a failure is logged without its messages.
   *
   * @param failure any failure; {@code null} quotes nothing
   * @return true if one of the messages holds personal data
   */
  public boolean quotesPersonalData(Throwable failure) {
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
    if (failure != null) {
      todo.add(failure);
    }
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (containsPersonalData(t.getMessage())) {
        return true;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(java.util.List.of(t.getSuppressed()));
    }
    return false;
  }

  /**
   * Reads one whole value as a phone number: international ({@code +} or {@code 00} then the
   * country code) or national in this detector's region.
   *
   * @param raw the whole value, as written
   * @return the number in E.164 form, or empty if {@code raw} is not a possible phone number
   */
  public Optional<String> parsePhoneNumber(String raw) {
    return parse(raw, region);
  }

  /**
   * True if {@code raw} is written like a phone number: only digits, {@code +} and the
   * separators space, {@code . - / ( )}, with at least one digit.
   */
  static boolean phoneShaped(String raw) {
    boolean digit = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '+' && !isSeparator(c)) {
        return false;
      }
    }
    return digit;
  }

  /** The region's trunk prefix ({@code 0} in France), or empty if it has none. */
  String trunkPrefix() {
    return trunkPrefix;
  }

  /** Parses {@code raw} with libphonenumber in {@code region} ({@code ZZ}: international only). */
  static Optional<String> parse(String raw, String region) {
    if (raw == null || !phoneShaped(raw.strip())) {
      return Optional.empty();
    }
    try {
      String s = raw.strip();
      Phonenumber.PhoneNumber number = UTIL.parse(s, region);
      if (!UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      // libphonenumber keeps the trunk prefix when dropping it leaves too few digits ("06 39 98
      // 12 3" would read as 063998123): a national writing must lose exactly its prefix.
      // ("ZZ", international only, has no trunk prefix; asking libphonenumber logs a warning.)
      String ndd = UTIL.getSupportedRegions().contains(region)
          ? UTIL.getNddPrefixForRegion(region, true) : null;
      String digits = s.replaceAll("[^0-9]", "");
      if (s.indexOf('+') < 0 && !digits.startsWith("00") && ndd != null && !ndd.isEmpty()
          && digits.startsWith(ndd)
          && UTIL.getNationalSignificantNumber(number).length() != digits.length() - ndd.length()) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  private boolean foundByLibphonenumber(CharSequence text) {
    for (PhoneNumberMatch m : UTIL.findNumbers(text, region, Leniency.POSSIBLE, Long.MAX_VALUE)) {
      String raw = m.rawString();
      if (raw.indexOf('+') >= 0) {
        return true;
      }
      if (prefixed(raw) && !gluedToLetters(text, m.start(), m.end())) {
        return true;
      }
    }
    return false;
  }

  // findNumbers skips some writings PhoneNumber.of(raw, region) accepts (slashes, read as dates):
  // each run of digits and separators that starts with a prefix is also parsed as a whole.
  private boolean nationalRunParses(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (startsNationalOrIdd(text, i) && digitsInRun(text, i) >= MIN_DIGITS) {
        int end = runEnd(text, i);
        String run = text.subSequence(i, end).toString();
        if (prefixed(run) && !gluedToLetters(text, i, end) && parse(run, region).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Without {@code +}, only a writing that starts with the trunk prefix or the international call
   * prefix {@code 00}, followed by a non-zero digit, is a phone number: {@code 215000000} is a
   * count, {@code 000001234} a padded sequence, {@code 0639981234} a French mobile.
   */
  private boolean prefixed(String raw) {
    String digits = raw.replaceAll("[^0-9]", "");
    String rest;
    if (digits.startsWith("00")) {
      rest = digits.substring(2);
    } else if (!trunkPrefix.isEmpty() && digits.startsWith(trunkPrefix)) {
      rest = digits.substring(trunkPrefix.length());
    } else {
      return false;
    }
    return !rest.isEmpty() && rest.charAt(0) != '0';
  }

  private boolean startsNationalOrIdd(CharSequence text, int i) {
    char c = text.charAt(i);
    if (c < '0' || c > '9' || (i > 0 && Character.isDigit(text.charAt(i - 1)))) {
      return false;
    }
    return trunkPrefix.isEmpty() ? c == '0' : c == trunkPrefix.charAt(0) || c == '0';
  }

  /** Digits from {@code from} on, across separators, until anything else. */
  private static int digitsInRun(CharSequence text, int from) {
    int digits = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!isSeparator(c)) {
        break;
      }
    }
    return digits;
  }

  /** Where the run of digits and separators from {@code from} ends, trailing separators excluded. */
  private static int runEnd(CharSequence text, int from) {
    int end = from;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        end = i + 1;
      } else if (!isSeparator(c)) {
        break;
      }
    }
    return end;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\u00A0' || c == '\t' || c == '.' || c == '-' || c == '/' || c == '('
        || c == ')';
  }

  // Digits glued to letters are part of a token (a digest, an id), not a number someone wrote.
  private static boolean gluedToLetters(CharSequence text, int start, int end) {
    return (start > 0 && Character.isLetter(text.charAt(start - 1)))
        || (end < text.length() && Character.isLetter(text.charAt(end)));
  }
}
