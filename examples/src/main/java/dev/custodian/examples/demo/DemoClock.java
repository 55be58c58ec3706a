package dev.custodian.examples.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: it starts at a fixed instant, so every run tells the same story, and the story
 * moves it forward (a month passes, a contract ends). Thread-safe.
 */
public final class DemoClock extends Clock {
  private volatile Instant now;

  public DemoClock(Instant start) {
    this.now = start;
  }

  /** Moves time forward. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the demo's time only moves forward");
    }
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }
}
