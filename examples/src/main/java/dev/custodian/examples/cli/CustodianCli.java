package dev.custodian.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code custodian} command: the runnable demo (the default) and the operator's commands.
 *
 * <p>Exit codes: 0 success; 1 a check failed or the command could not finish; 2 bad arguments
 * (always a one-line message on stderr). No message repeats a password (of {@code --password},
 * {@code CUSTODIAN_DB_PASSWORD} or inside a JDBC URL) nor an argument longer than a line.
 */
@Command(
    name = "custodian",
    mixinStandardHelpOptions = true,
    versionProvider = CustodianCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Custodian: a GDPR processor's duties for cloud telephony, as a library.",
      "Without a command, runs the demo on an embedded database in a temporary folder."
    },
    subcommands = {
      DemoCommand.class,
      ScheduleCommand.class,
      SubprocessorsCommand.class,
      NoticeDeadlineCommand.class,
      ObjectionDeadlineCommand.class,
      DsarDeadlineCommand.class,
      PlanCommand.class,
      VerifyEvidenceCommand.class,
      CompliancePackCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed, or the command could not finish",
      "2:bad arguments"
    })
public final class CustodianCli implements Callable<Integer> {
  /** A check failed or the command could not finish. */
  public static final int FAILED = 1;
  /** The arguments were wrong. */
  public static final int BAD_ARGUMENTS = 2;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The configured command line, writing to {@code out} and {@code err}: what {@link #main} runs,
   * and what tests run in-process.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new CustodianCli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(CustodianCli::badArguments);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println(prefix(commandLine)
              + Redaction.message(oneLine(ex), parseResult.originalArgs().toArray(String[]::new)));
          commandLine.getErr().flush();
          return FAILED;
        });
    return cl;
  }

  /** Without a command: the demo, with its defaults. */
  @Override
  public Integer call() {
    return spec.commandLine().getSubcommands().get("demo").execute();
  }

  private static int badArguments(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    cl.getErr().println(prefix(cl) + Redaction.message(oneLine(ex), args)
        + " (see '" + name + " --help')");
    cl.getErr().flush();
    return BAD_ARGUMENTS;
  }

  private static String prefix(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName() + ": ";
  }

  /** The message of {@code ex} on one line; the exception's class when it has no message. */
  static String oneLine(Throwable ex) {
    String message = ex.getMessage();
    if (message == null || message.isBlank()) {
      message = ex.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CustodianCli.class.getPackage().getImplementationVersion();
      return new String[] {"custodian " + (v == null ? "development" : v)};
    }
  }
}
