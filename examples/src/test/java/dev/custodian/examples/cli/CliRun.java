package dev.custodian.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one run of the {@code custodian} command produced: exit code, standard output and standard
 * error. Runs either in-process (fast, for most tests) or as {@code java -jar custodian.jar} (the
 * packaged jar, for the smoke tests that run after {@code package}).
 */
public record CliRun(int exitCode, String out, String err) {

  /** Runs the command line in this JVM, as {@code main} would, without exiting. */
  public static CliRun inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = CustodianCli.commandLine(o, e).execute(args);
    }
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code java -jar jar args...} in a new JVM and waits for it (at most five minutes).
   *
   * @throws IllegalStateException if the jar is missing or the run does not finish in time
   */
  public static CliRun jar(Path jar, String... args) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no jar at " + jar + ": run 'package' first");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    try {
      Path outFile = Files.createTempFile("custodian-out", ".txt");
      Path errFile = Files.createTempFile("custodian-err", ".txt");
      Process p = new ProcessBuilder(command)
          .redirectOutput(outFile.toFile())
          .redirectError(errFile.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("custodian.jar did not finish within five minutes");
      }
      CliRun run = new CliRun(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
          Files.readString(errFile, StandardCharsets.UTF_8));
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
      return run;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run custodian.jar", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running custodian.jar", e);
    }
  }

  /** The packaged jar, as failsafe passes it (or the default path from the module folder). */
  public static Path packagedJar() {
    return Path.of(System.getProperty("custodian.jar", "target/custodian.jar"));
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** The lines of standard error, without blank ones. */
  public List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
