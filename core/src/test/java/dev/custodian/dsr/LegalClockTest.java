package dev.custodian.dsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegalClockTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void oneCalendarMonthEndsOnTheLastDayOfAShorterMonth_R_DSR_8() {
    LegalClock c = LegalClock.start(Instant.parse("2026-01-31T10:00:00Z"), PARIS);
    assertThat(c.dueDate()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(c.deadline()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z")); // midnight Paris
    LegalClock leap = LegalClock.start(Instant.parse("2028-01-31T10:00:00Z"), PARIS);
    assertThat(leap.dueDate()).isEqualTo(LocalDate.of(2028, 2, 29));
    LegalClock mid = LegalClock.start(Instant.parse("2026-03-15T08:00:00Z"), PARIS);
    assertThat(mid.dueDate()).isEqualTo(LocalDate.of(2026, 4, 15));
    // Summer time: the period still ends at midnight in Paris.
    assertThat(mid.deadline()).isEqualTo(Instant.parse("2026-04-15T22:00:00Z"));
  }

  @Test
  void theDayOfReceiptIsTheClientsDayNotUtcs_R_DSR_8() {
    Instant lateEvening = Instant.parse("2026-01-31T23:30:00Z"); // 1 February in Paris
    assertThat(LegalClock.start(lateEvening, PARIS).receivedOn()).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(LegalClock.start(lateEvening, PARIS).dueDate()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(LegalClock.start(lateEvening, ZoneId.of("UTC")).dueDate())
        .isEqualTo(LocalDate.of(2026, 2, 28));
  }

  @Test
  void extensionsCountFromReceiptUpToTwoMonths_R_DSR_8() {
    LegalClock c = LegalClock.start(Instant.parse("2026-01-31T10:00:00Z"), PARIS);
    Instant t = Instant.parse("2026-02-02T10:00:00Z");
    LegalClock once = c.extended(new LegalClock.Extension(1, "volume", "acme-admin", t));
    assertThat(once.dueDate()).isEqualTo(LocalDate.of(2026, 3, 31));
    LegalClock twice = once.extended(new LegalClock.Extension(1, "more", "acme-admin", t));
    assertThat(twice.dueDate()).isEqualTo(LocalDate.of(2026, 4, 30));
    assertThat(twice.extensionMonths()).isEqualTo(2);
    assertThat(twice.firstMonthEnds()).isEqualTo(c.deadline());
    assertThatThrownBy(() -> twice.extended(new LegalClock.Extension(1, "x", "a", t)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two months");
    assertThatThrownBy(() -> new LegalClock.Extension(3, "x", "a", t))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pausedTimeIsAddedAndAPausedClockIsNeverOverdue_R_DSR_8() {
    Instant received = Instant.parse("2026-01-31T10:00:00Z");
    LegalClock c = LegalClock.start(received, PARIS)
        .pausedAt(new LegalClock.Pause(received.plus(Duration.ofDays(2)), null, "identity",
            "acme-admin", null, null));
    assertThat(c.paused()).isTrue();
    assertThat(c.overdueAt(Instant.parse("2026-06-01T00:00:00Z"))).isFalse();
    LegalClock resumed = c.resumedAt(received.plus(Duration.ofDays(4)).plus(Duration.ofHours(6)),
        "confirmed", "acme-admin");
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.pausedTotal()).isEqualTo(Duration.ofDays(2).plusHours(6));
    assertThat(resumed.deadline()).isEqualTo(Instant.parse("2026-03-03T05:00:00Z"));
    assertThat(resumed.dueDate()).isEqualTo(LocalDate.of(2026, 3, 3));
    assertThat(resumed.pauses()).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo("identity");
      assertThat(p.resumeReason()).isEqualTo("confirmed");
    });
    assertThat(resumed.overdueAt(resumed.deadline())).isTrue();
    assertThat(resumed.overdueAt(resumed.deadline().minusNanos(1))).isFalse();
  }

  @Test
  void aPauseCannotEndBeforeItStarts() {
    Instant t = Instant.parse("2026-01-31T10:00:00Z");
    assertThatThrownBy(() -> new LegalClock.Pause(t, t.minusSeconds(1), "r", "b", "r", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new LegalClock(t, PARIS, null, null, null).extensions()).isEqualTo(List.of());
  }
}
