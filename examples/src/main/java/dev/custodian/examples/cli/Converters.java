package dev.custodian.examples.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors say what was expected, on one line. */
final class Converters {
  private Converters() {}

  /** An ISO date: {@code 2026-06-15}. */
  static final class Date implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date: expected YYYY-MM-DD, "
            + "for example 2026-06-15");
      }
    }
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
