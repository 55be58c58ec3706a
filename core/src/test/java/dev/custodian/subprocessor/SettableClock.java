package dev.custodian.subprocessor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A clock tests move by hand; shared by the sub-processor, breach and audit tests. */
public final class SettableClock extends Clock {
  private volatile Instant now;

  public SettableClock(Instant start) {
    this.now = start;
  }

  /** A clock at {@code local} in Europe/Paris, for example {@code 2026-04-28T10:00}. */
  public static SettableClock atParis(String local) {
    return new SettableClock(
        ZonedDateTime.of(java.time.LocalDateTime.parse(local), ZoneId.of("Europe/Paris")).toInstant());
  }

  public void set(Instant value) {
    now = value;
  }

  public void setParis(String local) {
    now = ZonedDateTime.of(java.time.LocalDateTime.parse(local), ZoneId.of("Europe/Paris")).toInstant();
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the library reads instants only");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
