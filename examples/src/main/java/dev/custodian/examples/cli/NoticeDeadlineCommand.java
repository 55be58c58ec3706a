package dev.custodian.examples.cli;

import dev.custodian.subprocessor.NoticePeriods;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custodian notice-deadline --effective DATE}. */
@Command(
    name = "notice-deadline",
    mixinStandardHelpOptions = true,
    description = {
      "Last day to notify clients of a sub-processor change.",
      "For a change taking effect on DATE: at least 10 French business days before it",
      "(R-SUB-2, DPA 4.3)."
    })
final class NoticeDeadlineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--effective", required = true, paramLabel = "DATE",
      converter = Converters.Date.class, description = "The day the change takes effect (YYYY-MM-DD).")
  LocalDate effective;

  @Override
  public Integer call() {
    NoticePeriods periods = NoticePeriods.france();
    LocalDate last = periods.lastDayToNotify(effective);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Change effective on: " + Output.day(effective));
    out.println("Notify clients by:   " + Output.day(last));
    out.println("(A notice sent on " + Output.day(last) + " allows a change from "
        + Output.day(periods.earliestEffectiveDate(last)) + ".)");
    out.println("(" + periods.noticeBusinessDays() + " French business days must lie between the"
        + " notice and the change; weekends and public holidays do not count.)");
    return 0;
  }
}
