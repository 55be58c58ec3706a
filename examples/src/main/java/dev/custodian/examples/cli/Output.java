package dev.custodian.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.custodian.internal.Json;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** Shared rendering of the operator's commands: JSON documents and readable dates. */
final class Output {
  private Output() {}

  /** Prints {@code value} as indented JSON followed by a newline. */
  static void json(PrintWriter out, Object value) {
    try {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code 2026-06-15 (Monday)}. */
  static String day(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return date + " (" + d.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
  }
}
