package dev.custodian.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand: it stays at the instant it was given until a test sets or
 * advances it, so every duty that reads the injected clock sees time pass exactly when the test
 * says, with no waiting and no reading of the system time. Thread-safe: a clock shared with
 * a background thread is read and moved atomically.
 *
 * <p>Reports UTC as its zone; {@link #withZone} gives a view in another zone that moves with this
 * clock. Part of the test kit ({@code custodian-test}): for tests only.
 */
public final class MutableClock extends Clock {
  /** The contract's zone, for {@link #atParis} and {@link #setParis}. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@code start}, in UTC. */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at an instant written in ISO-8601, for example {@code 2026-03-02T09:00:00Z}. */
  public static MutableClock at(String instant) {
    return new MutableClock(Instant.parse(instant));
  }

  /** A clock at a local date-time in Europe/Paris, for example {@code 2026-04-28T10:00}. */
  public static MutableClock atParis(String localDateTime) {
    return new MutableClock(paris(localDateTime));
  }

  /** Moves the clock to {@code value}, forwards or backwards. */
  public void set(Instant value) {
    now.set(Objects.requireNonNull(value, "value"));
  }

  /** Moves the clock to a local date-time in Europe/Paris, for example {@code 2026-07-01T08:00}. */
  public void setParis(String localDateTime) {
    set(paris(localDateTime));
  }

  /** Moves the clock on by {@code duration} (backwards if it is negative). */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in {@code zone}: same instant, moved together. */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }

  private static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
  }
}
