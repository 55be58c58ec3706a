package dev.custodian.retention;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.HostData;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The retention duty (R-RET-1 to R-RET-6), obtained from {@code Custodian.retention()}: the
 * schedule, client events, client settings within the processor's bounds, the never-stored guard,
 * the classifier, dry-run plans and resumable multi-node sweeps. Thread-safe.
 */
public final class RetentionService {
  static final String SETTINGS_KIND = "retention-settings";

  private final RetentionSchedule schedule;
  private final RetentionBounds bounds;
  private final Classifier classifier;
  private final ClientEvents events;
  private final HoldService holds;
  private final Repository<ClientRetentionSettings> settings;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final ZoneId defaultZone;
  private final SweepPlanner planner;
  private final Sweeper sweeper;
  private final AccessPolicy access;

  /**
   * Wiring used by {@code Custodian}; hosts obtain the service from {@code Custodian.retention()}.
   *
   * @param defaultZone the zone of clients that set none
   */
  public RetentionService(RetentionSchedule schedule, RetentionBounds bounds, StateStore store,
      EvidenceLog evidence, Pseudonymizer pseudonymizer, Clock clock, ZoneId defaultZone,
      HoldService holds, DeletionGate gate, HostData hostData, WorkQueue workQueue,
      SweepOptions options, RetentionMetrics metrics) {
    this(schedule, bounds, store, evidence, pseudonymizer, clock, defaultZone, holds, gate, hostData,
        workQueue, options, metrics, Transactions.none(), AccessPolicy.DEFAULT);
  }

  /** Like the shorter constructor, with the access policy the services share. */
  public RetentionService(RetentionSchedule schedule, RetentionBounds bounds, StateStore store,
      EvidenceLog evidence, Pseudonymizer pseudonymizer, Clock clock, ZoneId defaultZone,
      HoldService holds, DeletionGate gate, HostData hostData, WorkQueue workQueue,
      SweepOptions options, RetentionMetrics metrics, AccessPolicy access) {
    this(schedule, bounds, store, evidence, pseudonymizer, clock, defaultZone, holds, gate, hostData,
        workQueue, options, metrics, Transactions.none(), access);
  }

  /** Like the shorter constructor, with the default access policy. */
  public RetentionService(RetentionSchedule schedule, RetentionBounds bounds, StateStore store,
      EvidenceLog evidence, Pseudonymizer pseudonymizer, Clock clock, ZoneId defaultZone,
      HoldService holds, DeletionGate gate, HostData hostData, WorkQueue workQueue,
      SweepOptions options, RetentionMetrics metrics, Transactions transactions) {
    this(schedule, bounds, store, evidence, pseudonymizer, clock, defaultZone, holds, gate, hostData,
        workQueue, options, metrics, transactions, AccessPolicy.DEFAULT);
  }

  /**
   * Wiring used by {@code Custodian}, with the units of work in which a sweep batch's deletion,
   * evidence and checkpoint commit together ({@link Transactions#none()} if they cannot), and the
   * access policy the services share.
   */
  public RetentionService(RetentionSchedule schedule, RetentionBounds bounds, StateStore store,
      EvidenceLog evidence, Pseudonymizer pseudonymizer, Clock clock, ZoneId defaultZone,
      HoldService holds, DeletionGate gate, HostData hostData, WorkQueue workQueue,
      SweepOptions options, RetentionMetrics metrics, Transactions transactions,
      AccessPolicy access) {
    this.access = Objects.requireNonNull(access, "access");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    this.holds = Objects.requireNonNull(holds, "holds");
    this.classifier = new Classifier(schedule);
    this.events = new ClientEvents(store, evidence, pseudonymizer, clock, access);
    this.settings = new Repository<>(store, SETTINGS_KIND, ClientRetentionSettings.class);
    this.planner = new SweepPlanner(classifier, hostData, gate, holds, this::contextsOf,
        Objects.requireNonNull(options, "options").batchSize(),
        Objects.requireNonNull(transactions, "transactions"));
    this.sweeper = new Sweeper(store, hostData, gate, Objects.requireNonNull(workQueue, "workQueue"),
        evidence, clock, Objects.requireNonNull(options, "options"), Objects.requireNonNull(metrics, "metrics"),
        Objects.requireNonNull(transactions, "transactions"));
  }

  /** The retention schedule in force. */
  public RetentionSchedule schedule() {
    return schedule;
  }

  /** The bounds on client-set durations (R-RET-3). */
  public RetentionBounds bounds() {
    return bounds;
  }

  /** The classifier of the schedule in force: pure and thread-safe, for the host's hot paths. */
  public Classifier classifier() {
    return classifier;
  }

  /** Client events (contract end, contacts deleted, CRM synchronisation off, deletion requests). */
  public ClientEvents events() {
    return events;
  }

  // ---- client settings (R-RET-3) ----

  /**
   * The client's settings; defaults (the default zone, no durations) if it set none.
   *
   * @throws SecurityException if {@code reader} may not read them (docs/access.md)
   */
  public ClientRetentionSettings settings(Principal reader, ClientId client) {
    access.require(reader, Operation.RETENTION_SETTINGS_READ, client);
    return settingsOf(client);
  }

  private ClientRetentionSettings settingsOf(ClientId client) {
    return settings.find(client.value()).map(Versioned::value)
        .orElseGet(() -> new ClientRetentionSettings(client, defaultZone, Map.of()));
  }

  /**
   * Sets the client's duration for a client-set category (call recordings, transcriptions), after
   * checking it against the processor's bounds; the change, with the old and new values, is
   * evidence (R-RET-3). {@code null} clears the setting.
   *
   * @throws SecurityException unless {@code by} is an administrator or super administrator of the
   *     client, or a processor operator (R-RET-3, Annex A)
   * @throws IllegalArgumentException if the category is not client-set or the duration is out of
   *     bounds (the message names the bound)
   */
  public ClientRetentionSettings setDuration(Principal by, ClientId client, CategoryId category, Period duration) {
    requireSettingsAuthority(by, client);
    CategoryPolicy policy = schedule.policy(category);
    if (policy.rules().stream().noneMatch(RetentionRule::isClientSetting)) {
      throw new IllegalArgumentException("the schedule has no client-set rule for " + category);
    }
    if (duration != null) {
      bounds.check(category, duration);
    }
    return change(by, client, s -> s.withDuration(category, duration), RetentionActions.SETTING_CHANGED,
        Map.of("category", category.value(), "old", String.valueOf(settingsOf(client).duration(category)),
            "new", String.valueOf(duration)));
  }

  /**
   * Sets the zone the client's calendar periods are counted in; the change is evidence.
   *
   * @throws SecurityException as for {@link #setDuration}
   */
  public ClientRetentionSettings setZone(Principal by, ClientId client, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    requireSettingsAuthority(by, client);
    return change(by, client, s -> s.withZone(zone), RetentionActions.SETTING_ZONE,
        Map.of("old", settingsOf(client).zone().getId(), "new", zone.getId()));
  }

  private ClientRetentionSettings change(Principal by, ClientId client,
      java.util.function.UnaryOperator<ClientRetentionSettings> f, String action, Map<String, String> details) {
    Optional<Versioned<ClientRetentionSettings>> old = settings.find(client.value());
    ClientRetentionSettings next = f.apply(old.map(Versioned::value)
        .orElseGet(() -> new ClientRetentionSettings(client, defaultZone, Map.of())));
    // The record is built (checked for personal data) first, then the settings persisted before
    // the evidence is appended; a stale read fails there and changes nothing.
    EvidenceRecord r = EvidenceRecord.of(action, by.id()).withClient(client);
    for (Map.Entry<String, String> d : new java.util.TreeMap<>(details).entrySet()) {
      r = r.withDetail(d.getKey(), d.getValue());
    }
    if (old.isPresent()) {
      settings.update(client.value(), old.get(), next);
    } else {
      settings.insert(client.value(), client, next);
    }
    evidence.append(r);
    return next;
  }

  private void requireSettingsAuthority(Principal by, ClientId client) {
    Objects.requireNonNull(by, "principal");
    Objects.requireNonNull(client, "client");
    access.require(by, Operation.RETENTION_SETTINGS_CHANGE, client);
  }

  // ---- never stored (R-RET-4) ----

  /**
   * The guard a host calls before writing a record: refuses categories the contract says are never
   * stored (transactional e-mails), recording the attempt as evidence, and categories the schedule
   * does not know.
   *
   * @throws NeverStoredException for a never-stored category (R-RET-4)
   * @throws IllegalArgumentException for a category not in the schedule
   */
  public void checkStorable(ClientId client, CategoryId category) {
    CategoryPolicy p = schedule.policy(category);
    if (p.neverStored()) {
      evidence.append(EvidenceRecord.of(RetentionActions.STORE_REFUSED, "system").withClient(client)
          .withBasis(p.rules().isEmpty() ? "R-RET-4" : p.rules().get(0).id())
          .withDetail("category", category));
      throw new NeverStoredException(category + " is never stored (DPA Annex A, R-RET-4)");
    }
  }

  // ---- deletion requests (R-RET-2) ----

  /**
   * Records the client's request to delete its records of {@code categories} (concerning {@code
   * subjects}, or all if empty). Categories under a legal minimum are not refused silently: the
   * deletion is deferred to the end of the legal period and that deferral is evidence (R-RET-2);
   * the others are deleted by the next sweep.
   *
   * @return per category, the instant until which deletion is deferred for the newest record
   *     covered (null if not deferred)
   * @throws SecurityException unless {@code by} may instruct for the client (a deletion request is
   *     the client's instruction, R-ACC-1) or is processor staff transcribing it
   */
  public DeletionRequest requestDeletion(Principal by, ClientId client, Set<CategoryId> categories,
      Set<SubjectIdentifier> subjects, String basis) {
    Objects.requireNonNull(by, "principal");
    Objects.requireNonNull(client, "client");
    access.require(by, Operation.RETENTION_DELETION_REQUEST, client);
    if (categories == null || categories.isEmpty()) {
      throw new IllegalArgumentException("name the categories to delete");
    }
    categories.forEach(schedule::policy);
    Instant now = clock.instant();
    ClientEvent event = events.record(by, client, ClientEventType.DELETION_REQUESTED, now, categories,
        subjects, basis);
    ZoneId zone = settingsOf(client).zone();
    Map<CategoryId, Instant> deferred = new LinkedHashMap<>();
    for (CategoryId c : new java.util.TreeSet<>(categories)) {
      Instant until = null;
      RetentionRule floor = null;
      for (RetentionRule r : schedule.policy(c).rules()) {
        if (r.isLegalFloor() && r.clock() == ClockStart.RECORD_TIME) {
          Instant end = ZonedPeriods.plus(now, r.period(), zone);
          if (until == null || end.isAfter(until)) {
            until = end;
            floor = r;
          }
        }
      }
      deferred.put(c, until);
      if (until != null) {
        evidence.append(EvidenceRecord.of(RetentionActions.DELETION_DEFERRED, by.id()).withClient(client)
            .withBasis(floor.id()).withDetail("category", c).withDetail("event", event.id())
            .withDetail("until", until));
      }
    }
    return new DeletionRequest(event, deferred);
  }

  /**
   * A recorded deletion request.
   *
   * @param deferredUntil per category, until when the legal minimum defers deletion of the newest
   *     record covered; null where it is not deferred
   */
  public record DeletionRequest(ClientEvent event, Map<CategoryId, Instant> deferredUntil) {
    public DeletionRequest {
      deferredUntil = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deferredUntil));
    }
  }

  // ---- classification (R-RET-1) ----

  /**
   * The client's zone, settings, active events and active holds, read now from the stores.
   *
   * @throws SecurityException if {@code reader} may not read them (it shows holds, R-HOLD-1)
   */
  public ClientContext context(Principal reader, ClientId client) {
    access.require(reader, Operation.RETENTION_PLAN_READ, client);
    return contextOf(client);
  }

  private ClientContext contextOf(ClientId client) {
    ClientRetentionSettings s = settingsOf(client);
    return ClientContext.of(client, s.zone(), s.byCategory(), events.activeOf(client),
        holds.active(Principal.system(), client));
  }

  /**
   * The contexts of {@code clients}, each as {@link #contextOf} reads it, from one read of the
   * stored settings, events and holds: a plan reads every client's at once.
   */
  private Map<ClientId, ClientContext> contextsOf(List<ClientId> clients) {
    Map<String, ClientRetentionSettings> stored = new java.util.HashMap<>();
    settings.list(null).forEach(v -> stored.put(v.value().client().value(), v.value()));
    Map<ClientId, List<ClientEvent>> active = events.activeOf(clients);
    Map<ClientId, List<dev.custodian.hold.Hold>> held = holds.active(Principal.system(), clients);
    Map<ClientId, ClientContext> out = new LinkedHashMap<>();
    for (ClientId client : clients) {
      ClientRetentionSettings s = stored.getOrDefault(client.value(),
          new ClientRetentionSettings(client, defaultZone, Map.of()));
      out.put(client, ClientContext.of(client, s.zone(), s.byCategory(), active.get(client),
          held.get(client)));
    }
    return out;
  }

  /** Classifies one record now, reading the client's context from the stores (host path). */
  public Decision classify(RecordFacts record) {
    return classifier.classify(record, contextOf(record.client()), clock.instant());
  }

  // ---- plans and sweeps (R-RET-5, R-RET-6) ----

  /** A dry-run plan of what a sweep would delete now; deletes nothing, stores nothing (R-RET-5). */
  public RetentionPlan plan() {
    return planner.plan(clock.instant());
  }

  /**
   * A dry-run plan for one client and category now.
   *
   * @throws SecurityException if {@code reader} may not preview the client's sweeps
   */
  public PlanEntry plan(Principal reader, ClientId client, CategoryId category) {
    access.require(reader, Operation.RETENTION_PLAN_READ, client);
    schedule.policy(category);
    return planner.entry("u000000", contextOf(client), category, clock.instant());
  }

  /**
   * Stores the plan and works on it until no unit is left to claim (R-RET-6). Safe to call on
   * several nodes with the same plan, and again after a crash.
   */
  public SweepReport execute(RetentionPlan plan) {
    sweeper.store(plan);
    return sweeper.run(plan.id());
  }

  /**
   * Stores the plan and enqueues its units without working on them: every node's {@link
   * #resumeUnfinished()} (or {@link #resume}) then shares the work. Idempotent.
   *
   * @return the plan's id
   */
  public String submit(RetentionPlan plan) {
    sweeper.store(plan);
    return plan.id();
  }

  /** Plans now and executes the plan. */
  public SweepReport sweep() {
    return execute(plan());
  }

  /**
   * Resumes a stored plan (after a crash, or to help another node).
   *
   * @throws IllegalArgumentException if no such plan is stored
   */
  public SweepReport resume(String planId) {
    return sweeper.run(planId);
  }

  /** Resumes every unfinished stored plan, oldest first. */
  public List<SweepReport> resumeUnfinished() {
    return sweeper.unfinished().stream().map(sweeper::run).toList();
  }

  /** Metrics: last run, backlog, oldest overdue. */
  public SweepStatus status() {
    return sweeper.status();
  }
}
