package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the classifier needs to know of one client: its zone, its retention settings, its active
 * events and its active holds. Immutable; build it once per client and classify many records with
 * it. {@code RetentionService.context(client)} builds it from the stores.
 */
public final class ClientContext {
  private final ClientId client;
  private final ZoneId zone;
  private final ZonedPeriods calendar;
  private final Map<CategoryId, Period> settings;
  private final ClientEvent[] events;
  private final Hold[] holds;

  private ClientContext(ClientId client, ZoneId zone, Map<CategoryId, Period> settings,
      List<ClientEvent> events, List<Hold> holds) {
    this.client = Objects.requireNonNull(client, "client");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.calendar = ZonedPeriods.of(zone);
    this.settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    this.events = events.stream().filter(e -> e.active() && e.client().equals(client))
        .toArray(ClientEvent[]::new);
    this.holds = holds.stream().filter(h -> h.active() && h.client().equals(client))
        .toArray(Hold[]::new);
  }

  /**
   * @param zone the zone the client's calendar periods are counted in
   * @param settings the client's durations per category (client-set rules, R-RET-3)
   * @param events the client's events; withdrawn ones and other clients' are ignored
   * @param holds the client's holds; released ones and other clients' are ignored
   */
  public static ClientContext of(ClientId client, ZoneId zone, Map<CategoryId, Period> settings,
      List<ClientEvent> events, List<Hold> holds) {
    return new ClientContext(client, zone, settings, List.copyOf(events), List.copyOf(holds));
  }

  /** A client with no settings, events or holds. */
  public static ClientContext plain(ClientId client, ZoneId zone) {
    return of(client, zone, Map.of(), List.of(), List.of());
  }

  public ClientId client() {
    return client;
  }

  public ZoneId zone() {
    return zone;
  }

  public Map<CategoryId, Period> settings() {
    return settings;
  }

  /** The active events. */
  public List<ClientEvent> events() {
    return List.of(events);
  }

  /** The active holds. */
  public List<Hold> holds() {
    return List.of(holds);
  }

  /** A copy with other holds (the sweep re-reads holds at every batch). */
  public ClientContext withHolds(List<Hold> value) {
    return new ClientContext(client, zone, settings, List.of(events), List.copyOf(value));
  }

  /** A copy with other events. */
  public ClientContext withEvents(List<ClientEvent> value) {
    return new ClientContext(client, zone, settings, List.copyOf(value), List.of(holds));
  }

  /** {@code start} plus {@code period} in the client's zone. */
  Instant plus(Instant start, Period period) {
    return calendar.plus(start, period);
  }

  Period setting(CategoryId category) {
    return settings.isEmpty() ? null : settings.get(category);
  }

  /** The first active hold covering the record, or null. Hot path: no streams. */
  Hold holdCovering(CategoryId category, Instant time, Set<SubjectIdentifier> subjects) {
    for (Hold h : holds) {
      Set<CategoryId> cats = h.categories();
      if (!cats.isEmpty() && !cats.contains(category)) {
        continue;
      }
      if ((h.from() != null && time.isBefore(h.from()))
          || (h.before() != null && !time.isBefore(h.before()))) {
        continue;
      }
      Set<SubjectIdentifier> hs = h.subjects();
      if (hs.isEmpty()) {
        return h;
      }
      for (SubjectIdentifier s : subjects) {
        if (hs.contains(s)) {
          return h;
        }
      }
    }
    return null;
  }

  /** The earliest time of an active event of {@code type} applying to the record, or null. */
  Instant eventTime(ClientEventType type, CategoryId category, Instant time,
      Set<SubjectIdentifier> subjects) {
    Instant earliest = null;
    for (ClientEvent e : events) {
      if (e.type() == type && (earliest == null || e.at().isBefore(earliest))
          && e.appliesTo(category, time, subjects)) {
        earliest = e.at();
      }
    }
    return earliest;
  }
}
