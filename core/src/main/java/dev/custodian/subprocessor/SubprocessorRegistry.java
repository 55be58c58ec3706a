package dev.custodian.subprocessor;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.ChangeType;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNotice;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sub-processor registry and its change notices (R-SUB-1 to R-SUB-5, DPA 4 and 8.2).
 *
 * <ul>
 *   <li>Visible only to a client's super administrators and to the processor's staff (R-SUB-1).
 *   <li>An addition or removal is announced to every client under contract; the registry refuses
 *       an effective date that leaves less than ten business days of notice and names the earliest
 *       allowed one ({@link NoticeTooShortException}, R-SUB-2).
 *   <li>A client may object to a new sub-processor, with its grounds; an objection after the
 *       deadline is recorded as late; it is tracked until the processor proposes an alternative or
 *       a configuration change, or the client accepts or withdraws (R-SUB-3).
 *   <li>An entry outside the EEA without adequacy and without a mechanism is refused ({@link
 *       TransferNotCoveredException}, R-SUB-4); every entry names its written agreement (R-SUB-5).
 * </ul>
 *
 * <p>Every change is stored before any notice is sent; a crash mid-way is completed by {@link
 * #deliverPending()}, which a host calls on a schedule. Days are counted in the processor's zone.
 * Thread-safe; safe with several application nodes on one store.
 */
public final class SubprocessorRegistry {
  static final String ENTRY = "subprocessor";
  static final String CHANGE = "subprocessor-change";
  static final String NOTICE = "subprocessor-notice";
  static final String OBJECTION = "subprocessor-objection";
  /** How long one node may hold a notice while sending it before another may retry. */
  static final Duration DELIVERY_LEASE = Duration.ofMinutes(5);
  /** How long after a failed delivery the next attempt is due. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final Repository<RegistryEntry> entries;
  private final Repository<SubprocessorChange> changes;
  private final ChangeNotices notices;
  private final Objections objections;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final SubprocessorSettings settings;
  /** Who may object and close objections for a client (R-SUB-3). */
  private final AccessPolicy objectingAccess;
  private volatile boolean seeded;

  /**
   * @throws TransferNotCoveredException if an initial entry is refused by the transfer rules
   */
  public SubprocessorRegistry(
      StateStore store, EvidenceLog evidence, Clock clock, SubprocessorSettings settings) {
    Objects.requireNonNull(store, "store");
    this.entries = new Repository<>(store, ENTRY, RegistryEntry.class);
    this.changes = new Repository<>(store, CHANGE, SubprocessorChange.class);
    Repository<NoticeState> noticeStates =
        new Repository<>(store, NOTICE, NoticeState.class, NoticeState::dueAt);
    Repository<Objection> objectionStates = new Repository<>(store, OBJECTION, Objection.class,
        o -> o.open() ? o.objectedAt() : null);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.objectingAccess = new AccessPolicy(settings.objectingRoles());
    this.notices = new ChangeNotices(entries, changes, noticeStates, evidence, clock, settings);
    this.objections = new Objections(objectionStates, changes, notices, evidence, clock,
        objectingAccess, this::today);
    settings.initialSubProcessors().forEach(this::requireTransferCovered);
  }

  /** The notice periods this registry applies. */
  public NoticePeriods periods() {
    return settings.periods();
  }

  /** Today, in the processor's zone. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), settings.zone());
  }

  /** The earliest date a change announced now may take effect (R-SUB-2). */
  public LocalDate earliestEffectiveDate() {
    return settings.periods().earliestEffectiveDate(today());
  }

  // ---- reading the registry (R-SUB-1) ----

  /**
   * The sub-processors engaged today, in id order.
   *
   * @throws SecurityException unless {@code viewer} is processor staff or a super administrator
   */
  public List<RegistryEntry> inForce(Principal viewer) {
    return inForceOn(viewer, today());
  }

  /** The sub-processors engaged on {@code date}. @throws SecurityException as {@link #inForce} */
  public List<RegistryEntry> inForceOn(Principal viewer, LocalDate date) {
    Objects.requireNonNull(date, "date");
    return entries(viewer).stream().filter(e -> e.inForceOn(date)).toList();
  }

  /**
   * Every entry, engaged, announced or removed, in id order.
   *
   * @throws SecurityException as {@link #inForce}
   */
  public List<RegistryEntry> entries(Principal viewer) {
    requireViewer(viewer);
    ensureSeeded();
    return entries.list(null).stream().map(Versioned::value).toList();
  }

  /** One entry by id. @throws SecurityException as {@link #inForce} */
  public Optional<RegistryEntry> find(Principal viewer, String id) {
    requireViewer(viewer);
    ensureSeeded();
    return entries.find(id).map(Versioned::value);
  }

  /**
   * Every announced change, oldest first. A client's super administrator sees only its own client
   * among each change's recipients (R-ACC-2).
   *
   * @throws SecurityException as {@link #inForce}
   */
  public List<SubprocessorChange> changes(Principal viewer) {
    requireViewer(viewer);
    return changes.list(null).stream().map(Versioned::value)
        .map(c -> viewer instanceof ClientPrincipal p ? c.visibleTo(p.client()) : c)
        .sorted(Comparator.comparing(SubprocessorChange::announcedAt)).toList();
  }

  // ---- announcing changes (R-SUB-2, R-SUB-4, R-SUB-5) ----

  /**
   * Announces a new sub-processor taking effect on {@code effectiveOn}: stores the change, adds the
   * entry (engaged from that day), stores a notice for every client under contract, then sends
   * them.
   *
   * @throws SecurityException unless {@code by} is an operator or the privacy contact
   * @throws TransferNotCoveredException if its country needs a mechanism it lacks (R-SUB-4)
   * @throws NoticeTooShortException if {@code effectiveOn} leaves too little notice (R-SUB-2)
   * @throws IllegalStateException if the id is already engaged, or no notice sender is configured
   */
  public SubprocessorChange announceAddition(
      ProcessorPrincipal by, Subprocessor subProcessor, LocalDate effectiveOn) {
    requireAnnouncer(by);
    Objects.requireNonNull(subProcessor, "subProcessor");
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    requireTransferCovered(subProcessor);
    ensureSeeded();
    entries.find(subProcessor.id()).map(Versioned::value).ifPresent(existing -> {
      if (existing.effectiveUntil() == null || effectiveOn.isBefore(existing.effectiveUntil())) {
        throw new IllegalStateException("sub-processor " + subProcessor.id()
            + " is already in the registry; announce its removal first or use another id");
      }
    });
    return notices.announce(by.id(), ChangeType.ADDITION, subProcessor, effectiveOn, null);
  }

  /**
   * Announces that a sub-processor stops being engaged on {@code effectiveOn}, to every client.
   *
   * @throws SecurityException unless {@code by} is an operator or the privacy contact
   * @throws NoticeTooShortException if {@code effectiveOn} leaves too little notice (R-SUB-2)
   * @throws IllegalStateException if it is unknown, its removal is already announced, or no notice
   *     sender is configured
   */
  public SubprocessorChange announceRemoval(
      ProcessorPrincipal by, String subProcessorId, LocalDate effectiveOn, String reason) {
    requireAnnouncer(by);
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    ensureSeeded();
    RegistryEntry entry = entries.find(subProcessorId).map(Versioned::value)
        .orElseThrow(() -> new IllegalStateException("no sub-processor " + subProcessorId));
    if (entry.effectiveUntil() != null) {
      throw new IllegalStateException("the removal of " + subProcessorId
          + " is already announced for " + entry.effectiveUntil());
    }
    if (entry.effectiveFrom() != null && !effectiveOn.isAfter(entry.effectiveFrom())) {
      throw new IllegalArgumentException("the removal of " + subProcessorId
          + " must take effect after its addition on " + entry.effectiveFrom());
    }
    return notices.announce(by.id(), ChangeType.REMOVAL, entry.subProcessor(), effectiveOn, reason);
  }

  /**
   * Completes interrupted announcements, then sends every notice that is due: new ones, ones a
   * sender failed on, and ones a crashed node left behind. Call it on a schedule.
   *
   * @return how many notices were sent by this call
   * @throws IllegalStateException if notices are pending and no sender is configured
   */
  public int deliverPending() {
    return notices.deliverPending();
  }

  /**
   * Notices not yet sent although their last day to be sent has passed (R-SUB-2): the change cannot
   * take effect with the contract's notice for these clients.
   */
  public List<SubprocessorNotice> overdueNotices() {
    return notices.overdue();
  }

  /**
   * The notices addressed to {@code client}, oldest change first.
   *
   * @throws SecurityException unless {@code viewer} is processor staff or a super administrator of
   *     that client
   */
  public List<SubprocessorNotice> notices(Principal viewer, ClientId client) {
    requireViewerFor(viewer, client);
    return notices.of(client);
  }

  /**
   * Records the day {@code client} received a sent notice, when later than the day it was sent;
   * the objection deadline moves with it (R-SUB-3).
   *
   * @throws SecurityException unless {@code by} is processor staff or may instruct for the client
   * @throws IllegalStateException if the notice is unknown, not sent yet, or the day is before it
   *     was sent
   */
  public SubprocessorNotice recordReceipt(
      Principal by, String changeId, ClientId client, LocalDate receivedOn) {
    Objects.requireNonNull(receivedOn, "receivedOn");
    requireActingFor(by, client);
    return notices.recordReceipt(by.id(), changeId, client, receivedOn);
  }

  // ---- objections (R-SUB-3) ----

  /**
   * Records a client's objection to a new sub-processor, with its grounds. An objection after the
   * deadline (ten business days from receipt of the notice) is recorded with {@code late} set.
   *
   * @throws SecurityException unless {@code by} may instruct for its client
   * @throws IllegalArgumentException if the grounds are blank
   * @throws IllegalStateException if the change is unknown, is a removal, was not notified to the
   *     client, or the client already objected to it
   */
  public Objection object(ClientPrincipal by, String changeId, String grounds) {
    return objections.object(by, changeId, grounds);
  }

  /**
   * The processor's answer to an open objection: an alternative solution or a change of the
   * client's configuration (DPA 4.4). Ends the processor's duty to answer.
   *
   * @throws SecurityException unless {@code by} is an operator or the privacy contact
   * @throws IllegalArgumentException if {@code proposal} is not one of the two proposals, or the
   *     text is blank
   * @throws IllegalStateException if the objection is unknown or not open
   */
  public Objection propose(
      ProcessorPrincipal by, String objectionId, Objection.Status proposal, String text) {
    requireAnnouncer(by);
    return objections.propose(by, objectionId, proposal, text);
  }

  /**
   * The client closes its objection: it accepts (the change or the processor's proposal) or
   * withdraws it.
   *
   * @throws SecurityException unless {@code by} may instruct for the objection's client
   * @throws IllegalArgumentException unless {@code closure} is ACCEPTED or WITHDRAWN
   * @throws IllegalStateException if the objection is unknown or already closed
   */
  public Objection close(ClientPrincipal by, String objectionId, Objection.Status closure) {
    return objections.close(by, objectionId, closure);
  }

  /**
   * The objections of one client.
   *
   * @throws SecurityException unless {@code viewer} is processor staff, or a super administrator of
   *     the client or one who may instruct for it
   */
  public List<Objection> objections(Principal viewer, ClientId client) {
    requireActingFor(viewer, client);
    return objections.of(client);
  }

  /** Every open objection, oldest first: what the processor owes an answer to. */
  public List<Objection> openObjections(ProcessorPrincipal viewer) {
    Objects.requireNonNull(viewer, "viewer");
    AccessPolicy.DEFAULT.require(viewer, Operation.SUBPROCESSOR_OPEN_OBJECTIONS, null);
    return objections.open();
  }

  // ---- internals ----

  private void ensureSeeded() {
    if (seeded) {
      return;
    }
    synchronized (this) {
      if (seeded) {
        return;
      }
      if (entries.list(null).isEmpty() && !settings.initialSubProcessors().isEmpty()) {
        List<String> inserted = new ArrayList<>();
        for (Subprocessor sp : settings.initialSubProcessors()) {
          try {
            entries.insert(sp.id(), null, new RegistryEntry(sp, null, null, null, null));
            inserted.add(sp.id());
          } catch (DuplicateStateException seededElsewhere) {
            // another node seeds concurrently
          }
        }
        if (!inserted.isEmpty()) {
          evidence.append(EvidenceRecord.of(SubprocessorActions.REGISTRY_INITIALISED, "system")
              .withBasis("R-SUB-1 DPA Annex B").withDetail("entries", inserted.size()));
        }
      }
      seeded = true;
    }
  }

  private void requireTransferCovered(Subprocessor sp) {
    settings.transferRules().problem(sp.country(), sp.mechanism(), sp.mechanismDetails())
        .ifPresent(problem -> {
          throw new TransferNotCoveredException(sp.id(), sp.country(), problem);
        });
  }

  /** R-SUB-1: processor staff, or a client's super administrator. */
  static void requireViewer(Principal viewer) {
    Objects.requireNonNull(viewer, "viewer");
    AccessPolicy.DEFAULT.require(viewer, Operation.SUBPROCESSOR_READ, null);
  }

  private static void requireViewerFor(Principal viewer, ClientId client) {
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(client, "client");
    AccessPolicy.DEFAULT.require(viewer, Operation.SUBPROCESSOR_NOTICES, client);
  }

  private void requireActingFor(Principal by, ClientId client) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(client, "client");
    objectingAccess.require(by, Operation.SUBPROCESSOR_OBJECTIONS, client);
  }

  private static void requireAnnouncer(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    AccessPolicy.DEFAULT.require(by, Operation.SUBPROCESSOR_ANNOUNCE, null);
  }
}
