package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.demo.DemoClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final DemoClock clock = new DemoClock(Instant.parse("2026-06-15T08:00:00Z"));
  private final StringWriter err = new StringWriter();

  @Test
  void rendersTheShareDoneAndTheUnit() {
    assertThat(ProgressBar.render(3, 12, "studio-est CALL_LOG"))
        .isEqualTo("[#######.......................]  25% 3/12 studio-est CALL_LOG");
    assertThat(ProgressBar.render(12, 12, null)).startsWith("[" + "#".repeat(30) + "] 100% 12/12");
    assertThat(ProgressBar.render(0, 0, null)).contains("0% 0/0");
  }

  @Test
  void onATerminalItAppearsOnlyOnceTheScanIsLongAndIsClearedAtTheEnd() {
    ProgressBar bar = new ProgressBar(new PrintWriter(err), ProgressBar.Mode.AUTO, clock, true);
    bar.update(1, 10, "a");
    assertThat(err.toString()).isEmpty();
    clock.advance(ProgressBar.DELAY);
    bar.update(2, 10, "b");
    assertThat(err.toString()).startsWith("\r[######").contains(" 2/10 b");
    bar.finish();
    assertThat(err.toString()).endsWith("\r");
  }

  @Test
  void notOnATerminalAutoStaysSilentAndNeverStaysSilent() {
    ProgressBar auto = new ProgressBar(new PrintWriter(err), ProgressBar.Mode.AUTO, clock, false);
    clock.advance(Duration.ofMinutes(5));
    auto.update(5, 10, "x");
    ProgressBar never = new ProgressBar(new PrintWriter(err), ProgressBar.Mode.NEVER, clock, true);
    never.update(5, 10, "x");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void alwaysWritesOneLinePerUpdateForLogs() {
    ProgressBar bar = new ProgressBar(new PrintWriter(err), ProgressBar.Mode.ALWAYS, clock, false);
    bar.update(1, 2, "a");
    bar.update(2, 2, "b");
    bar.finish();
    assertThat(err.toString().lines()).hasSize(2).last().asString().contains("100% 2/2 b");
  }
}
