package dev.custodian.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code custodian demo} once, in-process, and checks that each step of the story is told. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTest {
  private CliRun run;

  @BeforeAll
  void runTheDemo(@TempDir Path dir) {
    run = CliRun.inProcess("demo", "--dir", dir.toString());
  }

  @Test
  void exitsZeroWhenEveryCheckHolds() {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Demo complete").doesNotContain("[FAILED]");
  }

  @Test
  void showsThreeClientsWithTheirTelephonyData() {
    assertThat(run.out()).contains("atelier-nord", "cabinet-sud", "studio-est");
    assertThat(run.out()).contains("CALL_LOG", "SMS_LOG", "CALL_RECORDING", "TRANSCRIPTION",
        "CONTACT_MANUAL");
  }

  @Test
  void verifiesTheEvidenceChain() {
    assertThat(run.out()).containsPattern("\\d+ evidence entries checked: the chain is intact");
  }

  @Test
  void neverPrintsTheSubjectsNumberInClear() {
    assertThat(run.out()).doesNotContain("+33639981234").doesNotContain("+33 6 39 98 12 34");
    assertThat(run.out()).contains("+33*******34");
  }

  @Test
  void withoutACommandRunsTheDemo() {
    // The default command is the demo; it writes into a temporary folder of its own.
    CliRun defaultRun = CliRun.inProcess();
    assertThat(defaultRun.exitCode()).as(defaultRun.toString()).isZero();
    assertThat(defaultRun.out()).contains("Custodian demo").contains("Demo complete");
  }
}
