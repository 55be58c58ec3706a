package dev.custodian.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void staysPutUntilSetOrAdvanced() {
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    clock.advance(Duration.ofHours(25));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void parisTimesFollowTheContractsZoneAcrossDaylightSaving() {
    MutableClock clock = MutableClock.atParis("2026-03-28T10:00");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-28T09:00:00Z"));
    clock.setParis("2026-03-30T10:00");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
  }

  @Test
  void aZonedViewMovesWithTheClock() {
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofMinutes(30));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }
}
