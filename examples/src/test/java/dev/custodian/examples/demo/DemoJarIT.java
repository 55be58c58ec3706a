package dev.custodian.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the packaged {@code target/custodian.jar}: the newcomer's one command. */
class DemoJarIT {

  @Test
  void theJarWithoutArgumentsRunsTheWholeDemo() throws Exception {
    // The README's Quick start: java -jar examples/target/custodian.jar
    CliRun run = CliRun.jar(CliRun.packagedJar());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Custodian demo").contains("Demo complete: every step's check held.");
    for (int step = 1; step <= 10; step++) {
      assertThat(run.out()).contains("\n" + step + ". ");
    }
    assertThat(run.err()).as("nothing on stderr").isBlank();
    String folder = run.out().lines().filter(l -> l.startsWith("Working folder: ")).findFirst()
        .orElseThrow().substring("Working folder: ".length());
    assertThat(Path.of(folder).resolve("termination").resolve("certificate-of-deletion.txt"))
        .isRegularFile();
    try (var files = java.nio.file.Files.walk(Path.of(folder))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void theJarRefusesBadArgumentsWithOneLineAndExitCode2() {
    CliRun run = CliRun.jar(CliRun.packagedJar(), "--no-such-option");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
  }

  @Test
  void theJarPrintsHelp() {
    CliRun run = CliRun.jar(CliRun.packagedJar(), "--help");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Usage: custodian");
  }
}
