package dev.custodian.examples.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors say what was expected, on one line. */
final class Converters {
  private static final java.util.regex.Pattern FOUR_DIGIT_YEAR =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private Converters() {}

  /** An ISO date: {@code 2026-06-15}. */
  static final class Date implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return date(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date: expected YYYY-MM-DD, "
            + "for example 2026-06-15");
      }
    }
  }

  /**
   * A date of a four-digit year: {@code LocalDate.parse} also takes {@code +999999999-12-31},
   * on which every deadline overflows.
   *
   * @throws DateTimeParseException if {@code value} is no such date
   */
  static LocalDate date(String value) {
    if (!FOUR_DIGIT_YEAR.matcher(value).matches()) {
      throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
    }
    return LocalDate.parse(value);
  }

  /** A region-based time zone: {@code Europe/Paris}. */
  static final class Zone implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value.strip());
      } catch (DateTimeException e) {
        throw new TypeConversionException("'" + value + "' is not a time zone: expected a region "
            + "such as Europe/Paris");
      }
    }
  }
}
