package dev.custodian.examples.demo;

import dev.custodian.examples.console.TextTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tells the demo's story: numbers the steps, prints what each one shows, and keeps the checks that
 * did not hold. A step that throws is reported as stopped, and the story goes on with the next.
 * Times and days are told in Paris, the contract's zone; identifiers are shortened.
 */
final class Narrator {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final PrintWriter out;
  private final List<String> failures = new ArrayList<>();
  private int stepNumber;

  Narrator(PrintWriter out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** The body of a step that hands a result on to later steps. */
  interface Step<T> {
    T run() throws Exception;
  }

  /** The body of a step that hands nothing on. */
  interface Action {
    void run() throws Exception;
  }

  /** Tells the next step under {@code title}. */
  void step(String title, Action body) {
    step(title, () -> {
      body.run();
      return null;
    });
  }

  /** Tells the next step under {@code title}; returns its result, or null if it stopped. */
  <T> T step(String title, Step<T> body) {
    stepNumber++;
    out.println();
    out.println(stepNumber + ". " + title);
    int before = failures.size();
    T result = null;
    try {
      result = body.run();
    } catch (Exception e) {
      failures.add("step " + stepNumber + " (" + title + ") stopped: " + e);
      out.println("   stopped: " + e);
    }
    out.println(failures.size() == before ? "   [ok]" : "   [FAILED]");
    out.flush();
    return result;
  }

  /** Records a failed check of the current step, and says so. */
  void check(boolean condition, String what) {
    if (!condition) {
      failures.add("step " + stepNumber + ": " + what);
      out.println("   check failed: " + what);
    }
  }

  /** Prints one line. */
  void say(String line) {
    out.println(line);
  }

  /** Prints an empty line. */
  void say() {
    out.println();
  }

  /** Prints a table, indented as a step's text is. */
  void show(TextTable table) {
    table.print(out, "   ");
  }

  /** The checks that did not hold so far, in order. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  void flush() {
    out.flush();
  }

  static String when(Instant t) {
    return t.atZone(PARIS).format(WHEN);
  }

  static String day(Instant t) {
    return day(t.atZone(PARIS).toLocalDate());
  }

  static String day(LocalDate d) {
    return d + " (" + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
  }

  /** Ids are UUID-based: the first part is enough for a person to follow the story. */
  static String shortId(String id) {
    int dash = id.indexOf('-');
    int next = dash < 0 ? -1 : id.indexOf('-', dash + 1);
    return next < 0 ? id : id.substring(0, next);
  }
}
