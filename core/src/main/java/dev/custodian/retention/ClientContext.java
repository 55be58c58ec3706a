package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
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
  // Counts kept in the object itself, so the hot path touches no array for a plain client.
  private final boolean anyEvent;
  private final boolean anyHold;
  private final boolean anySetting;
  private final ZoneId zone;
  private final ZonedPeriods calendar;
  private final Map<CategoryId, Period> settings;
  private final CategoryId[] settingKeys;
  private final Period[] settingValues;
  private final ClientEvent[] events;
  private final long[] eventAt;
  private final Hold[] holds;
  private final long[] holdFrom;
  private final long[] holdBefore;

  private ClientContext(ClientId client, ZoneId zone, Map<CategoryId, Period> settings,
      List<ClientEvent> events, List<Hold> holds) {
    this.client = Objects.requireNonNull(client, "client");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.calendar = ZonedPeriods.of(zone);
    this.settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    this.settingKeys = this.settings.keySet().toArray(CategoryId[]::new);
    this.settingValues = new Period[settingKeys.length];
    for (int i = 0; i < settingKeys.length; i++) {
      settingValues[i] = this.settings.get(settingKeys[i]);
    }
    this.events = events.stream().filter(e -> e.active() && e.client().equals(client))
        .toArray(ClientEvent[]::new);
    this.holds = holds.stream().filter(h -> h.active() && h.client().equals(client))
        .toArray(Hold[]::new);
    this.anyEvent = this.events.length > 0;
    this.anyHold = this.holds.length > 0;
    this.anySetting = settingKeys.length > 0;
    // Times as nanoseconds for the classifier's hot path.
    this.eventAt = new long[this.events.length];
    for (int i = 0; i < eventAt.length; i++) {
      eventAt[i] = ZonedPeriods.toNanos(this.events[i].at());
    }
    this.holdFrom = new long[this.holds.length];
    this.holdBefore = new long[this.holds.length];
    for (int i = 0; i < holdFrom.length; i++) {
      Hold h = this.holds[i];
      holdFrom[i] = h.from() == null ? Long.MIN_VALUE : ZonedPeriods.toNanos(h.from());
      holdBefore[i] = h.before() == null ? Long.MAX_VALUE : ZonedPeriods.toNanos(h.before());
    }
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

  /** The client's retention calendar. */
  ZonedPeriods calendar() {
    return calendar;
  }

  Period setting(CategoryId category) {
    if (!anySetting) {
      return null;
    }
    CategoryId[] ks = settingKeys;
    for (int i = 0; i < ks.length; i++) {
      if (ks[i] == category || ks[i].equals(category)) {
        return settingValues[i];
      }
    }
    return null;
  }

  /** The first active hold covering the record, or null. Hot path: no streams, no allocation. */
  Hold holdCovering(CategoryId category, long time, Set<SubjectIdentifier> subjects) {
    if (!anyHold) {
      return null;
    }
    Hold[] hs = holds;
    for (int i = 0; i < hs.length; i++) {
      if (time < holdFrom[i] || time >= holdBefore[i]) {
        continue;
      }
      Hold h = hs[i];
      Set<CategoryId> cats = h.categories();
      if (!cats.isEmpty() && !cats.contains(category)) {
        continue;
      }
      if (intersects(h.subjects(), subjects)) {
        return h;
      }
    }
    return null;
  }

  /**
   * The earliest time (nanoseconds) of an active event of {@code type} applying to the record, or
   * {@link Long#MIN_VALUE} if none.
   */
  long eventTime(ClientEventType type, CategoryId category, long time, Set<SubjectIdentifier> subjects) {
    long earliest = Long.MIN_VALUE;
    if (!anyEvent) {
      return earliest;
    }
    ClientEvent[] es = events;
    for (int i = 0; i < es.length; i++) {
      ClientEvent e = es[i];
      long at = eventAt[i];
      if (e.type() != type || (earliest != Long.MIN_VALUE && at >= earliest)) {
        continue;
      }
      if (!type.coversLaterRecords() && time > at) {
        continue;
      }
      Set<CategoryId> cats = e.categories();
      if ((cats.isEmpty() || cats.contains(category)) && intersects(e.subjects(), subjects)) {
        earliest = at;
      }
    }
    return earliest;
  }

  /** True if {@code scope} is empty (everyone) or shares an identifier with {@code subjects}. */
  private static boolean intersects(Set<SubjectIdentifier> scope, Set<SubjectIdentifier> subjects) {
    if (scope.isEmpty()) {
      return true;
    }
    for (SubjectIdentifier s : subjects) {
      if (scope.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
