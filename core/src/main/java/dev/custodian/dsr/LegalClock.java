package dev.custodian.dsr;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client's legal clock for answering a subject (GDPR 12(3), R-DSR-8): one calendar month from
 * receipt, counted in the client's zone, extendable by up to two further months with a reason, and
 * paused while the client waits on the subject (for example to confirm their identity).
 *
 * <p>A month ends on the same day of the next month, or on its last day when that day does not
 * exist: a request received on 31 January is due by the end of 28 February (29 in a leap year).
 * The period runs to the end of the due date in the client's zone; time spent paused is added.
 *
 * @param receivedAt when the processor received the request
 * @param zone the client's zone, in which days and months are counted
 * @param extensions the extensions granted, oldest first; their months add up to at most two
 * @param pauses completed pauses, oldest first
 * @param pausedSince the running pause, or null
 */
public record LegalClock(
    Instant receivedAt, ZoneId zone, List<Extension> extensions, List<Pause> pauses,
    Pause pausedSince) {

  /** The longest extension GDPR 12(3) allows, in months. */
  public static final int MAX_EXTENSION_MONTHS = 2;

  public LegalClock {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(zone, "zone");
    extensions = List.copyOf(extensions == null ? List.of() : extensions);
    pauses = List.copyOf(pauses == null ? List.of() : pauses);
    if (extensions.stream().mapToInt(Extension::months).sum() > MAX_EXTENSION_MONTHS) {
      throw new IllegalArgumentException("extensions add up to more than two months");
    }
  }

  /** A clock started at {@code receivedAt}, counted in {@code zone}. */
  public static LegalClock start(Instant receivedAt, ZoneId zone) {
    return new LegalClock(receivedAt, zone, List.of(), List.of(), null);
  }

  /** The day of receipt in the client's zone. */
  public LocalDate receivedOn() {
    return receivedAt.atZone(zone).toLocalDate();
  }

  /** The months of extension granted so far (0 to 2). */
  public int extensionMonths() {
    return extensions.stream().mapToInt(Extension::months).sum();
  }

  /** The time spent in completed pauses. */
  public Duration pausedTotal() {
    return pauses.stream().map(p -> Duration.between(p.from(), p.to())).reduce(Duration.ZERO,
        Duration::plus);
  }

  /** True while paused. */
  public boolean paused() {
    return pausedSince != null;
  }

  /**
   * The instant the period ends: the end of the due date in the client's zone, plus completed
   * pauses. While paused, the running pause will be added when it ends.
   */
  public Instant deadline() {
    return endOf(receivedOn().plusMonths(1L + extensionMonths())).plus(pausedTotal());
  }

  /** The last day, in the client's zone, on which the answer is on time. */
  public LocalDate dueDate() {
    return deadline().minusNanos(1).atZone(zone).toLocalDate();
  }

  /**
   * The end of the first month (plus completed pauses): an extension must be decided, and the
   * subject told of it, before then (GDPR 12(3)).
   */
  public Instant firstMonthEnds() {
    return endOf(receivedOn().plusMonths(1)).plus(pausedTotal());
  }

  /** True if not paused and {@code now} is at or past the deadline. */
  public boolean overdueAt(Instant now) {
    return !paused() && !now.isBefore(deadline());
  }

  LegalClock extended(Extension e) {
    List<Extension> more = new ArrayList<>(extensions);
    more.add(e);
    return new LegalClock(receivedAt, zone, more, pauses, pausedSince);
  }

  LegalClock pausedAt(Pause p) {
    return new LegalClock(receivedAt, zone, extensions, pauses, p);
  }

  LegalClock resumedAt(Instant at, String reason, String by) {
    List<Pause> more = new ArrayList<>(pauses);
    more.add(new Pause(pausedSince.from(), at, pausedSince.reason(), pausedSince.by(), reason, by));
    return new LegalClock(receivedAt, zone, extensions, more, null);
  }

  private Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** An extension of the period, with its reason (no personal data). */
  public record Extension(int months, String reason, String by, Instant at) {
    public Extension {
      if (months < 1 || months > MAX_EXTENSION_MONTHS) {
        throw new IllegalArgumentException("an extension is one or two months");
      }
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A pause of the clock; {@code to}, {@code resumeReason} and {@code resumedBy} are null while it
   * runs.
   */
  public record Pause(
      Instant from, Instant to, String reason, String by, String resumeReason, String resumedBy) {
    public Pause {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(by, "by");
      if (to != null && to.isBefore(from)) {
        throw new IllegalArgumentException("a pause cannot end before it starts");
      }
    }
  }
}
