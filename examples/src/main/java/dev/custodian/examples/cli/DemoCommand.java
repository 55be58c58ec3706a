package dev.custodian.examples.cli;

import dev.custodian.examples.demo.TelephonyDemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custodian demo}: the whole story, step by step, on fictional data. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole story on fictional data (the default).",
      "Three clients and their calls, a subject request, instructions, retention, a sub-processor",
      "change, a breach clock, a termination, and the evidence check. Exits 0 only if every",
      "step's check held."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Folder for the database and the files written (default: a new temporary folder, kept).")
  Path dir;

  @Override
  public Integer call() {
    Path work = workDir();
    List<String> failures = new TelephonyDemo(spec.commandLine().getOut(), work).run();
    return failures.isEmpty() ? 0 : CustodianCli.FAILED;
  }

  private Path workDir() {
    try {
      if (dir == null) {
        return Files.createTempDirectory("custodian-demo-");
      }
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new ParameterException(spec.commandLine(), "--dir: '" + dir + "' is not a folder");
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's folder: " + e.getMessage(), e);
    }
  }
}
