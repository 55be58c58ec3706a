package dev.custodian.examples.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar on standard error for long scans: {@code [#######.............]  35%
 * 7/20 studio-est CALL_LOG}. It appears only once a scan has lasted {@link #DELAY} (or at once when
 * forced), redraws in place with a carriage return, and is cleared when done, so short runs and
 * standard output stay clean.
 */
public final class ProgressBar {
  /** How long a scan runs before the bar shows. */
  public static final Duration DELAY = Duration.ofMillis(700);
  private static final int WIDTH = 30;

  /** When the bar shows. */
  public enum Mode {
    /** Never. */
    NEVER,
    /** When standard error is a terminal and the scan is long. */
    AUTO,
    /** Always, from the first step (one line per update, for logs and tests). */
    ALWAYS
  }

  private final PrintWriter err;
  private final Mode mode;
  private final Clock clock;
  private final Instant started;
  private final boolean terminal;
  private boolean shown;
  private int lastLength;

  public ProgressBar(PrintWriter err, Mode mode, Clock clock, boolean terminal) {
    this.err = err;
    this.mode = mode;
    this.clock = clock;
    this.started = clock.instant();
    this.terminal = terminal;
  }

  /** Reports that {@code done} of {@code total} units are finished, the last one being {@code what}. */
  public void update(long done, long total, String what) {
    if (!visible()) {
      return;
    }
    String line = render(done, total, what);
    if (mode == Mode.ALWAYS && !terminal) {
      err.println(line);
    } else {
      String pad = " ".repeat(Math.max(0, lastLength - line.length()));
      err.print("\r" + line + pad);
      lastLength = line.length();
    }
    err.flush();
    shown = true;
  }

  /** Clears the bar (on a terminal) once the scan is over. */
  public void finish() {
    if (shown && (terminal || mode != Mode.ALWAYS)) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
    }
  }

  private boolean visible() {
    return switch (mode) {
      case NEVER -> false;
      case ALWAYS -> true;
      case AUTO -> terminal && (shown || Duration.between(started, clock.instant()).compareTo(DELAY) >= 0);
    };
  }

  static String render(long done, long total, String what) {
    long safeTotal = Math.max(total, 1);
    long clamped = Math.min(Math.max(done, 0), safeTotal);
    int filled = (int) (WIDTH * clamped / safeTotal);
    int percent = (int) (100 * clamped / safeTotal);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format("%3d%% %d/%d", percent, clamped, total) + (what == null ? "" : " " + what);
  }
}
