package dev.custodian.subprocessor;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.ChangeType;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNotice;
import dev.custodian.spi.SubprocessorNoticeSender;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a change and carries it out (R-SUB-2, R-SUB-3): refuses too short a notice, stores the
 * change, applies it to the registry, stores a notice for every client, then sends each notice
 * under a lease of {@link SubprocessorRegistry#DELIVERY_LEASE}, retrying a failed one after {@link
 * SubprocessorRegistry#RETRY_AFTER}. Every step after the change is stored is idempotent, so an
 * interrupted fan-out resumes. Callers check who may ask.
 */
final class ChangeNotices {
  /** The registry's log category, as before the notices had a class of their own. */
  private static final Logger LOG = LoggerFactory.getLogger(SubprocessorRegistry.class);

  private final Repository<RegistryEntry> entries;
  private final Repository<SubprocessorChange> changes;
  private final Repository<NoticeState> notices;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final SubprocessorSettings settings;

  ChangeNotices(Repository<RegistryEntry> entries, Repository<SubprocessorChange> changes,
      Repository<NoticeState> notices, EvidenceLog evidence, Clock clock,
      SubprocessorSettings settings) {
    this.entries = entries;
    this.changes = changes;
    this.notices = notices;
    this.evidence = evidence;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Announces a change whose effective date leaves enough notice: stores it, records it, stores a
   * notice for every client under contract, then sends them. {@code by} is already checked.
   */
  SubprocessorChange announce(String by, ChangeType type, Subprocessor sp,
      LocalDate effectiveOn, String reason) {
    LocalDate today = today();
    NoticePeriods periods = settings.periods();
    if (!periods.noticeIsEarlyEnough(today, effectiveOn)) {
      throw new NoticeTooShortException(effectiveOn, periods.earliestEffectiveDate(today),
          periods.noticeBusinessDays());
    }
    SubprocessorNoticeSender sender = sender();
    List<ClientId> clients =
        List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(sender.clientsUnderContract(),
            "clientsUnderContract")));
    SubprocessorChange change = new SubprocessorChange("spc-" + UUID.randomUUID(), type, sp,
        effectiveOn, periods.lastDayToNotify(effectiveOn), clock.instant(), by, reason,
        clients, false);
    EvidenceRecord evidenceRecord = EvidenceRecord.of(SubprocessorActions.CHANGE_ANNOUNCED, by)
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

  /** See {@link SubprocessorRegistry#deliverPending()}. */
  int deliverPending() {
    for (Versioned<SubprocessorChange> c : changes.list(null)) {
      if (!c.value().fannedOut()) {
        fanOut(c.value());
      }
    }
    List<Versioned<NoticeState>> due = notices.listDue(clock.instant());
    if (due.isEmpty()) {
      return 0;
    }
    SubprocessorNoticeSender sender = sender();
    int sent = 0;
    for (Versioned<NoticeState> n : due) {
      if (deliver(n.value().notice().id(), sender)) {
        sent++;
      }
    }
    return sent;
  }

  /** See {@link SubprocessorRegistry#overdueNotices()}. */
  List<SubprocessorNotice> overdue() {
    LocalDate today = today();
    return notices.listDue(clock.instant().plus(SubprocessorRegistry.DELIVERY_LEASE)).stream()
        .map(v -> v.value().notice()).filter(n -> n.sendBy().isBefore(today)).toList();
  }

  /** The notices addressed to {@code client}, oldest change first. */
  List<SubprocessorNotice> of(ClientId client) {
    return notices.list(client).stream().map(v -> v.value().notice())
        .sorted(Comparator.comparing(SubprocessorNotice::effectiveOn)).toList();
  }

  /** The notice of one change to one client, if it was stored. */
  Optional<SubprocessorNotice> find(String changeId, ClientId client) {
    return notices.find(noticeId(changeId, client)).map(v -> v.value().notice());
  }

  /** See {@link SubprocessorRegistry#recordReceipt}; {@code by} is already checked. */
  SubprocessorNotice recordReceipt(String by, String changeId, ClientId client,
      LocalDate receivedOn) {
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
        EvidenceRecord.of(SubprocessorActions.NOTICE_RECEIVED, by).withClient(client)
        .withBasis("R-SUB-3 DPA 4.4").withDetail("notice", id).withDetail("received_on", receivedOn)
        .withDetail("objection_deadline", received.objectionDeadline());
    notices.update(id, v, v.value().with(received));
    evidence.append(evidenceRecord);
    return received;
  }

  /** Stores the entry change and every client's notice; idempotent, so it also resumes. */
  void fanOut(SubprocessorChange change) {
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
  boolean deliver(String id, SubprocessorNoticeSender sender) {
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
      claimed = notices.update(id, v,
          v.value().claimed(now.plus(SubprocessorRegistry.DELIVERY_LEASE)));
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
        notices.update(id, claimed, claimed.value().failed(
            clock.instant().plus(SubprocessorRegistry.RETRY_AFTER), e.getClass().getName()));
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
    evidence.append(EvidenceRecord.of(SubprocessorActions.NOTICE_SENT, "system")
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

  /** The configured sender. @throws IllegalStateException if none is */
  SubprocessorNoticeSender sender() {
    if (settings.sender() == null) {
      throw new IllegalStateException("no SubprocessorNoticeSender is configured: clients cannot"
          + " be told of sub-processor changes (R-SUB-2)");
    }
    return settings.sender();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), settings.zone());
  }

  static String noticeId(String changeId, ClientId client) {
    return changeId + "." + client.value();
  }
}
