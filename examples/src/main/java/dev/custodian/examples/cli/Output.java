package dev.custodian.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** Shared rendering of the operator's commands: JSON documents and readable dates. */
final class Output {
  /** Indented JSON, dates and instants as ISO text. */
  private static final ObjectWriter JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build()
      .writerWithDefaultPrettyPrinter();

  private Output() {}

  /** Prints {@code value} as indented JSON followed by a newline. */
  static void json(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
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
