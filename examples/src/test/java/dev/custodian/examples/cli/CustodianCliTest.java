package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustodianCliTest {

  @Test
  void helpListsEveryCommand() {
    CliRun run = CliRun.inProcess("--help");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Usage: custodian").contains("demo");
  }

  @Test
  void versionNamesTheTool() {
    CliRun run = CliRun.inProcess("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("custodian ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--no-such-option", "no-such-command", "-x"})
  void badArgumentsGiveOneLineAndExitCode2(String arg) {
    CliRun run = CliRun.inProcess(arg);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("custodian: ").contains("--help");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBadOptionOfASubcommandNamesTheSubcommand() {
    CliRun run = CliRun.inProcess("demo", "--bogus");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("custodian demo: ").contains("--bogus");
  }

  @Test
  void oneLineJoinsAMultiLineMessage() {
    assertThat(CustodianCli.oneLine(new IllegalStateException("first\n  second\r\nthird")))
        .isEqualTo("first; second; third");
    assertThat(CustodianCli.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
  }
}
