package dev.custodian.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the packaged {@code target/custodian.jar}: the newcomer's one command. */
class DemoJarIT {

  @Test
  void theJarRunsTheDemoToTheEnd(@TempDir Path dir) {
    CliRun run = CliRun.jar(CliRun.packagedJar(), "demo", "--dir", dir.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Custodian demo").contains("Demo complete");
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
