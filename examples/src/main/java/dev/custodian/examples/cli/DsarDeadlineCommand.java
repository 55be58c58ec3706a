package dev.custodian.examples.cli;

import dev.custodian.Custodian;
import dev.custodian.dsr.LegalClock;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custodian dsar-deadline --received DATE [--zone ZONE] [--extended]}. */
@Command(
    name = "dsar-deadline",
    mixinStandardHelpOptions = true,
    description = {
      "The client's deadline to answer a data-subject request.",
      "For a request received on DATE: one calendar month, counted in the client's zone,",
      "extendable by two further months (GDPR 12(3), R-DSR-8). A request received on",
      "31 January is due by the end of February."
    })
final class DsarDeadlineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--received", required = true, paramLabel = "DATE",
      converter = Converters.Date.class, description = "The day the request was received (YYYY-MM-DD).")
  LocalDate received;

  @Option(names = "--zone", paramLabel = "ZONE", converter = Converters.Zone.class,
      description = "The client's time zone (default: ${DEFAULT-VALUE}).",
      defaultValue = "Europe/Paris")
  ZoneId zone = Custodian.DEFAULT_CLIENT_ZONE;

  @Option(names = "--extended", description = "With the two-month extension.")
  boolean extended;

  @Override
  public Integer call() {
    // Any instant of the day of receipt gives the same clock: days are counted in the zone.
    Instant at = received.atTime(LocalTime.NOON).atZone(zone).toInstant();
    LegalClock clock = LegalClock.start(at, zone);
    if (extended) {
      clock = new LegalClock(at, zone, List.of(new LegalClock.Extension(
          LegalClock.MAX_EXTENSION_MONTHS, "complex or numerous requests", "operator", at)),
          List.of(), null);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Request received on: " + Output.day(received) + ", " + zone);
    out.println("Answer due by:       " + Output.day(clock.dueDate()) + ", end of day"
        + (extended ? " (extended by two months)" : ""));
    if (!extended) {
      LegalClock longest = new LegalClock(at, zone, List.of(new LegalClock.Extension(
          LegalClock.MAX_EXTENSION_MONTHS, "complex or numerous requests", "operator", at)),
          List.of(), null);
      out.println("With the extension:  " + Output.day(longest.dueDate())
          + "; the subject must be told of it by " + Output.day(clock.dueDate()));
    }
    out.println("The deadline is the client's: the processor notifies the client, which answers.");
    return 0;
  }
}
