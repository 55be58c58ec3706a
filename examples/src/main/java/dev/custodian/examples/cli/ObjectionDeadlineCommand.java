package dev.custodian.examples.cli;

import dev.custodian.subprocessor.NoticePeriods;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custodian objection-deadline --received DATE}. */
@Command(
    name = "objection-deadline",
    mixinStandardHelpOptions = true,
    description = {
      "Last day a client may object to a sub-processor change.",
      "For a notice received on DATE: the 10th French business day after receipt",
      "(R-SUB-3, DPA 4.4)."
    })
final class ObjectionDeadlineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--received", required = true, paramLabel = "DATE",
      converter = Converters.Date.class, description = "The day the client received the notice (YYYY-MM-DD).")
  LocalDate received;

  @Override
  public Integer call() {
    NoticePeriods periods = NoticePeriods.france();
    LocalDate deadline = periods.objectionDeadline(received);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Notice received on:  " + Output.day(received));
    out.println("Last day to object:  " + Output.day(deadline));
    out.println("(" + periods.objectionBusinessDays() + " French business days after receipt;"
        + " a later objection is recorded as late.)");
    return 0;
  }
}
