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
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNotice;
import dev.custodian.spi.SubprocessorNoticeSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(SubprocessorRegistry.class);

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
  private final Repository<NoticeState> notices;
  private final Repository<Objection> objections;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final SubprocessorSettings settings;
  private final AccessPolicy access;
  private volatile boolean seeded;

  /**
   * @throws TransferNotCoveredException if an initial entry is refused by the transfer rules
   */
  public SubprocessorRegistry(
      StateStore store, EvidenceLog evidence, Clock clock, SubprocessorSettings settings) {
    Objects.requireNonNull(store, "store");
    this.entries = new Repository<>(store, ENTRY, RegistryEntry.class);
    this.changes = new Repository<>(store, CHANGE, SubprocessorChange.class);
    this.notices = new Repository<>(store, NOTICE, NoticeState.class, NoticeState::dueAt);
    this.objections = new Repository<>(store, OBJECTION, Objection.class,
        o -> o.open() ? o.objectedAt() : null);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.access = new AccessPolicy(settings.objectingRoles());
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
    return announce(by, ChangeType.ADDITION, subProcessor, effectiveOn, null);
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
    return announce(by, ChangeType.REMOVAL, entry.subProcessor(), effectiveOn, reason);
  }

  private SubprocessorChange announce(ProcessorPrincipal by, ChangeType type, Subprocessor sp,
      LocalDate effectiveOn, String reason) {
    LocalDate today = today();
    NoticePeriods periods = settings.periods();
    if (!periods.noticeIsEarlyEnough(today, effectiveOn)) {
      throw new NoticeTooShortException(effectiveOn, periods.earliestEffectiveDate(today),
          periods.noticeBusinessDays());
    }
    SubprocessorNoticeSender sender = requireSender();
    List<ClientId> clients =
        List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(sender.clientsUnderContract(),
            "clientsUnderContract")));
    SubprocessorChange change = new SubprocessorChange("spc-" + UUID.randomUUID(), type, sp,
        effectiveOn, periods.lastDayToNotify(effectiveOn), clock.instant(), by.id(), reason,
        clients, false);
    EvidenceRecord evidenceRecord = EvidenceRecord.of("subprocessor.change.announced", by.id())
        .withBasis(type == ChangeType.ADDITION ? "R-SUB-2 DPA 4.3; R-SUB-4" : "R-SUB-2 DPA 4.3")
        .withDetail("change", change.id()).withDetail("type", type)
        .withDetail("subprocessor", sp.id()).withDetail("country", sp.country())
        .withDetail("mechanism", sp.mechanism())
        .withDetail("effective_on", effectiveOn)
        .withDetail("last_day_to_notify", change.lastDayToNotify())
        .withDetail("clients", clients.size());
    changes.insert(change.id(), null, change);
    evidence.append(evidenceRecord);
    fanOut(change);
    for (ClientId client : clients) {
      deliver(noticeId(change.id(), client), sender);
    }
    return changes.find(change.id()).map(Versioned::value).orElse(change);
  }

  /**
   * Completes interrupted announcements, then sends every notice that is due: new ones, ones a
   * sender failed on, and ones a crashed node left behind. Call it on a schedule.
   *
   * @return how many notices were sent by this call
   * @throws IllegalStateException if notices are pending and no sender is configured
   */
  public int deliverPending() {
    for (Versioned<SubprocessorChange> c : changes.list(null)) {
      if (!c.value().fannedOut()) {
        fanOut(c.value());
      }
    }
    List<Versioned<NoticeState>> due = notices.listDue(clock.instant());
    if (due.isEmpty()) {
      return 0;
    }
    SubprocessorNoticeSender sender = requireSender();
    int sent = 0;
    for (Versioned<NoticeState> n : due) {
      if (deliver(n.value().notice().id(), sender)) {
        sent++;
      }
    }
    return sent;
  }

  /**
   * Notices not yet sent although their last day to be sent has passed (R-SUB-2): the change cannot
   * take effect with the contract's notice for these clients.
   */
  public List<SubprocessorNotice> overdueNotices() {
    LocalDate today = today();
    return notices.listDue(clock.instant().plus(DELIVERY_LEASE)).stream()
        .map(v -> v.value().notice()).filter(n -> n.sendBy().isBefore(today)).toList();
  }

  /**
   * The notices addressed to {@code client}, oldest change first.
   *
   * @throws SecurityException unless {@code viewer} is processor staff or a super administrator of
   *     that client
   */
  public List<SubprocessorNotice> notices(Principal viewer, ClientId client) {
    requireViewerFor(viewer, client);
    return notices.list(client).stream().map(v -> v.value().notice())
        .sorted(Comparator.comparing(SubprocessorNotice::effectiveOn)).toList();
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
    String id = noticeId(changeId, client);
    Versioned<NoticeState> v = notices.find(id)
        .orElseThrow(() -> new IllegalStateException("no notice of change " + changeId
            + " to client " + client));
    SubprocessorNotice n = v.value().notice();
    if (n.status() != SubprocessorNotice.Status.SENT) {
      throw new IllegalStateException("notice " + id + " is not sent yet");
    }
    LocalDate sentOn = LocalDate.ofInstant(n.sentAt(), settings.zone());
    if (receivedOn.isBefore(sentOn)) {
      throw new IllegalStateException("a notice sent on " + sentOn + " cannot be received on "
          + receivedOn);
    }
    if (receivedOn.isAfter(today())) {
      throw new IllegalArgumentException("receipt cannot be recorded for a future day");
    }
    SubprocessorNotice received = n.received(receivedOn, objectionDeadline(n.type(), receivedOn));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("subprocessor.notice.received", by.id()).withClient(client)
        .withBasis("R-SUB-3 DPA 4.4").withDetail("notice", id).withDetail("received_on", receivedOn)
        .withDetail("objection_deadline", received.objectionDeadline());
    notices.update(id, v, v.value().with(received));
    evidence.append(evidenceRecord);
    return received;
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
    Objects.requireNonNull(by, "by");
    ClientId client = by.client();
    access().require(by, Operation.SUBPROCESSOR_OBJECT, client);
    if (grounds == null || grounds.isBlank()) {
      throw new IllegalArgumentException("an objection states its objective grounds (DPA 4.4)");
    }
    SubprocessorChange change = changes.find(changeId).map(Versioned::value)
        .orElseThrow(() -> new IllegalStateException("no change " + changeId));
    if (change.type() != ChangeType.ADDITION) {
      throw new IllegalStateException(
          "objections concern new sub-processors (DPA 4.4); change " + changeId + " is a removal");
    }
    SubprocessorNotice notice = notices.find(noticeId(changeId, client))
        .map(v -> v.value().notice())
        .orElseThrow(() -> new IllegalStateException("change " + changeId
            + " was not notified to client " + client));
    Instant now = clock.instant();
    LocalDate deadline = notice.status() == SubprocessorNotice.Status.SENT
        ? notice.objectionDeadline() : null;
    boolean late = deadline != null && today().isAfter(deadline);
    Objection objection = new Objection(objectionId(changeId, client), changeId, client,
        change.subProcessor().id(), by.id(), grounds, now, deadline, late, Objection.Status.OPEN,
        null, null, null, null, null);
    EvidenceRecord recorded = EvidenceRecord.of("subprocessor.objection.recorded", by.id())
        .withClient(client).withBasis("R-SUB-3 DPA 4.4").withDetail("objection", objection.id())
        .withDetail("change", changeId).withDetail("subprocessor", objection.subProcessorId())
        .withDetail("deadline", deadline == null ? "notice not yet sent" : deadline)
        .withDetail("late", late);
    try {
      objections.insert(objection.id(), client, objection);
    } catch (DuplicateStateException e) {
      throw new IllegalStateException("client " + client + " already objected to change " + changeId, e);
    }
    evidence.append(recorded);
    return objection;
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
    Objects.requireNonNull(proposal, "proposal");
    if (!proposal.isProposal()) {
      throw new IllegalArgumentException("the processor answers with ALTERNATIVE_PROPOSED or"
          + " CONFIGURATION_CHANGE_PROPOSED, not " + proposal);
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a proposal says what is proposed");
    }
    Versioned<Objection> v = findObjection(objectionId);
    if (!v.value().open()) {
      throw new IllegalStateException("objection " + objectionId + " is " + v.value().status()
          + ", not open");
    }
    Objection answered = v.value().answered(proposal, text, by.id(), clock.instant());
    EvidenceRecord evidenceRecord = EvidenceRecord.of("subprocessor.objection.answered", by.id())
        .withClient(answered.client()).withBasis("R-SUB-3 DPA 4.4")
        .withDetail("objection", objectionId).withDetail("answer", proposal);
    objections.update(objectionId, v, answered);
    evidence.append(evidenceRecord);
    return answered;
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
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(closure, "closure");
    if (!closure.isClientClosure()) {
      throw new IllegalArgumentException("the client closes with ACCEPTED or WITHDRAWN, not " + closure);
    }
    access().require(by, Operation.SUBPROCESSOR_OBJECT, null);
    Versioned<Objection> v = findObjection(objectionId);
    access().require(by, Operation.SUBPROCESSOR_OBJECT, v.value().client());
    if (v.value().status().isClientClosure()) {
      throw new IllegalStateException("objection " + objectionId + " is already "
          + v.value().status());
    }
    Objection closed = v.value().closed(closure, by.id(), clock.instant());
    EvidenceRecord evidenceRecord = EvidenceRecord.of("subprocessor.objection.closed", by.id())
        .withClient(closed.client()).withBasis("R-SUB-3 DPA 4.4")
        .withDetail("objection", objectionId).withDetail("closure", closure);
    objections.update(objectionId, v, closed);
    evidence.append(evidenceRecord);
    return closed;
  }

  /**
   * The objections of one client.
   *
   * @throws SecurityException unless {@code viewer} is processor staff, or a super administrator of
   *     the client or one who may instruct for it
   */
  public List<Objection> objections(Principal viewer, ClientId client) {
    requireActingFor(viewer, client);
    return objections.list(client).stream().map(Versioned::value).toList();
  }

  /** Every open objection, oldest first: what the processor owes an answer to. */
  public List<Objection> openObjections(ProcessorPrincipal viewer) {
    Objects.requireNonNull(viewer, "viewer");
    AccessPolicy.DEFAULT.require(viewer, Operation.SUBPROCESSOR_OPEN_OBJECTIONS, null);
    return objections.listDue(clock.instant()).stream().map(Versioned::value)
        .filter(Objection::open).sorted(Comparator.comparing(Objection::objectedAt)).toList();
  }

  // ---- internals ----

  /** Stores the entry change and every client's notice; idempotent, so it also resumes. */
  private void fanOut(SubprocessorChange change) {
    applyToRegistry(change);
    Instant now = clock.instant();
    for (ClientId client : change.clients()) {
      SubprocessorNotice notice = new SubprocessorNotice(noticeId(change.id(), client), change.id(),
          client, change.type(), change.subProcessor(), change.effectiveOn(),
          change.lastDayToNotify(), SubprocessorNotice.Status.PENDING, null, false, null, null);
      try {
        notices.insert(notice.id(), client, new NoticeState(notice, 0, now, null));
      } catch (DuplicateStateException alreadyStored) {
        // stored by an earlier, interrupted run: keep it as it is
      }
    }
    changes.find(change.id()).ifPresent(v -> {
      if (!v.value().fannedOut()) {
        try {
          changes.update(change.id(), v, v.value().markFannedOut());
        } catch (StaleStateException concurrentlyDone) {
          // another node completed the same fan-out
        }
      }
    });
  }

  private void applyToRegistry(SubprocessorChange change) {
    String id = change.subProcessor().id();
    Optional<Versioned<RegistryEntry>> existing = entries.find(id);
    if (change.type() == ChangeType.ADDITION) {
      RegistryEntry added =
          new RegistryEntry(change.subProcessor(), change.effectiveOn(), null, change.id(), null);
      if (existing.isEmpty()) {
        try {
          entries.insert(id, null, added);
        } catch (DuplicateStateException concurrentlyAdded) {
          // same change applied by another node
        }
      } else if (!change.id().equals(existing.get().value().additionChange())) {
        entries.update(id, existing.get(), added); // engaged again after an earlier removal
      }
    } else {
      Versioned<RegistryEntry> v = existing.orElseThrow(
          () -> new IllegalStateException("no sub-processor " + id + " to remove"));
      if (!change.id().equals(v.value().removalChange())) {
        entries.update(id, v, v.value().removedFrom(change.effectiveOn(), change.id()));
      }
    }
  }

  /** Claims, sends and records one notice; false if not due, claimed elsewhere, or it failed. */
  private boolean deliver(String id, SubprocessorNoticeSender sender) {
    Optional<Versioned<NoticeState>> found = notices.find(id);
    if (found.isEmpty()) {
      return false;
    }
    Versioned<NoticeState> v = found.get();
    Instant now = clock.instant();
    SubprocessorNotice notice = v.value().notice();
    if (notice.status() == SubprocessorNotice.Status.SENT || v.value().nextAttemptAt().isAfter(now)) {
      return false;
    }
    Versioned<NoticeState> claimed;
    try {
      claimed = notices.update(id, v, v.value().claimed(now.plus(DELIVERY_LEASE)));
    } catch (StaleStateException claimedElsewhere) {
      return false;
    }
    LocalDate today = today();
    try {
      sender.send(notice.withObjectionDeadline(objectionDeadline(notice.type(), today)));
    } catch (RuntimeException e) {
      LOG.warn("sub-processor notice {} not delivered ({}); it stays pending", id,
          e.getClass().getName());
      try {
        notices.update(id, claimed,
            claimed.value().failed(clock.instant().plus(RETRY_AFTER), e.getClass().getName()));
      } catch (StaleStateException leaseTakenOver) {
        // another node took over after the lease: it will retry
      }
      return false;
    }
    Instant sentAt = clock.instant();
    LocalDate sentOn = LocalDate.ofInstant(sentAt, settings.zone());
    SubprocessorNotice sent = notice.sent(sentAt, sentOn, objectionDeadline(notice.type(), sentOn));
    try {
      notices.update(id, claimed, claimed.value().with(sent));
    } catch (StaleStateException leaseTakenOver) {
      // sending outlasted the lease and another node sent it too: that node records it
      LOG.warn("sub-processor notice {} was sent twice after its lease ran out", id);
      return false;
    }
    evidence.append(EvidenceRecord.of("subprocessor.notice.sent", "system")
        .withClient(notice.client()).withBasis("R-SUB-2 DPA 4.3")
        .withDetail("notice", id).withDetail("change", notice.changeId())
        .withDetail("type", notice.type()).withDetail("subprocessor", notice.subProcessor().id())
        .withDetail("effective_on", notice.effectiveOn()).withDetail("send_by", notice.sendBy())
        .withDetail("late", sent.late()));
    return true;
  }

  private LocalDate objectionDeadline(ChangeType type, LocalDate receivedOn) {
    return type == ChangeType.ADDITION ? settings.periods().objectionDeadline(receivedOn) : null;
  }

  private Versioned<Objection> findObjection(String objectionId) {
    return objections.find(objectionId)
        .orElseThrow(() -> new IllegalStateException("no objection " + objectionId));
  }

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
          evidence.append(EvidenceRecord.of("subprocessor.registry.initialised", "system")
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

  private SubprocessorNoticeSender requireSender() {
    if (settings.sender() == null) {
      throw new IllegalStateException("no SubprocessorNoticeSender is configured: clients cannot"
          + " be told of sub-processor changes (R-SUB-2)");
    }
    return settings.sender();
  }

  static String noticeId(String changeId, ClientId client) {
    return changeId + "." + client.value();
  }

  static String objectionId(String changeId, ClientId client) {
    return "obj." + changeId + "." + client.value();
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
    access().require(by, Operation.SUBPROCESSOR_OBJECTIONS, client);
  }

  private AccessPolicy access() {
    return access;
  }

  private static void requireAnnouncer(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    AccessPolicy.DEFAULT.require(by, Operation.SUBPROCESSOR_ANNOUNCE, null);
  }
}
