package dev.custodian.breach;

// Over 400 lines on purpose: the incident's life and its 72-hour clock are one state machine.

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Json;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.BreachNotification;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.spi.Incident;
import dev.custodian.spi.NotificationContent;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Incidents and personal-data breaches (R-BR-1 to R-BR-4, DPA 6, GDPR 33(2)).
 *
 * <ul>
 *   <li>An incident is recorded with the instant the processor became aware of it; the client must
 *       be notified within 72 hours of that instant, a span of elapsed time whatever the wall
 *       clock does (daylight saving included). {@link #overdue()} lists incidents past it and
 *       {@link #escalateOverdue()} escalates each once (R-BR-1).
 *   <li>Follow-ups carry information as it arrives (R-BR-2); a final notification needs every
 *       R-BR-3 field and is otherwise refused naming the missing ones ({@link
 *       IncompleteNotificationException}); an initial one needs only the nature.
 *   <li>An incident caused by the client is recorded as such, without a clock; no breach
 *       notification is sent for it (R-BR-4).
 * </ul>
 *
 * <p>A notification is stored as pending before it is sent and marked sent after; one the sender
 * failed on stays pending and is retried by {@link #deliverPending()}. Thread-safe.
 */
public final class BreachService {
  static final String KIND = "breach-incident";

  private final Repository<Incident> incidents;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final ZoneId zone;
  private final InstructingRoles clientReaders;
  /** Built once from {@link #clientReaders}: the policy every read is checked against. */
  private final AccessPolicy readers;
  private final Supplier<Validator> validator;
  private final BreachNotificationSender sender;

  /**
   * @param zone the processor's zone, in which deadlines are shown
   * @param clientReaders which client principals may read their client's incidents
   * @param validator supplies the Jakarta validator; called on first use
   * @param sender delivers notifications; may be null, then sending fails saying so
   */
  public BreachService(StateStore store, EvidenceLog evidence, Clock clock, ZoneId zone,
      InstructingRoles clientReaders, Supplier<Validator> validator, BreachNotificationSender sender) {
    this.incidents = new Repository<>(store, KIND, Incident.class, Incident::dueAt);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.clientReaders = Objects.requireNonNull(clientReaders, "clientReaders");
    this.readers = new AccessPolicy(clientReaders);
    this.validator = memoize(Objects.requireNonNull(validator, "validator"));
    this.sender = sender;
  }

  /**
   * Records an incident affecting {@code client}'s data and starts the 72-hour clock from {@code
   * awareAt} (R-BR-1).
   *
   * @param awareAt when the processor became aware of it; not in the future
   * @param summary a short internal description; required; not written to evidence
   * @throws SecurityException unless {@code by} is operator, security team or privacy contact
   * @throws IllegalArgumentException if {@code awareAt} is in the future or the summary is blank
   */
  public Incident recordAwareness(
      ProcessorPrincipal by, ClientId client, Instant awareAt, String summary) {
    return record(by, client, awareAt, summary, null);
  }

  /**
   * Records an incident the client caused (R-BR-4): kept for the record, with no clock and no
   * notification duty.
   *
   * @param cause why it is the client's doing; required
   * @throws SecurityException as {@link #recordAwareness}
   */
  public Incident recordClientCaused(ProcessorPrincipal by, ClientId client, Instant awareAt,
      String summary, String cause) {
    requireText(cause, "the client's cause");
    return record(by, client, awareAt, summary, cause);
  }

  private Incident record(ProcessorPrincipal by, ClientId client, Instant awareAt, String summary,
      String cause) {
    requireStaff(by);
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(awareAt, "awareAt");
    requireText(summary, "summary");
    Instant now = clock.instant();
    if (awareAt.isAfter(now)) {
      throw new IllegalArgumentException("the processor cannot become aware in the future");
    }
    Instant notifyBy = cause == null ? awareAt.plus(Incident.NOTIFICATION_DEADLINE) : null;
    Incident incident = new Incident("incident-" + UUID.randomUUID(), client, awareAt, summary,
        now, by.id(), notifyBy, null, null, cause, List.of());
    EvidenceRecord r = cause == null
        ? EvidenceRecord.of(BreachActions.INCIDENT_RECORDED, by.id()).withBasis("R-BR-1 DPA 6")
            .withDetail("notify_by", notifyBy)
        : EvidenceRecord.of(BreachActions.INCIDENT_CLIENT_CAUSED, by.id()).withBasis("R-BR-4 DPA 6");
    r = r.withClient(client).withDetail("incident", incident.id()).withDetail("aware_at", awareAt);
    incidents.insert(incident.id(), client, incident);
    evidence.append(r);
    return incident;
  }

  /**
   * Reclassifies an incident as caused by the client (R-BR-4): its clock stops.
   *
   * @throws IllegalStateException if already so, or closed by a final notification
   */
  public Incident classifyAsClientCaused(ProcessorPrincipal by, String incidentId, String cause) {
    requireStaff(by);
    requireText(cause, "the client's cause");
    Versioned<Incident> v = load(incidentId);
    if (v.value().causedByClient()) {
      throw new IllegalStateException("incident " + incidentId + " is already recorded as caused"
          + " by the client");
    }
    if (v.value().closed()) {
      throw new IllegalStateException("incident " + incidentId + " is closed");
    }
    Incident changed = v.value().causedByClient(cause);
    EvidenceRecord evidenceRecord = EvidenceRecord.of(BreachActions.INCIDENT_CLIENT_CAUSED, by.id())
        .withClient(changed.client()).withBasis("R-BR-4 DPA 6").withDetail("incident", incidentId)
        .withDetail("reclassified", true);
    incidents.update(incidentId, v, changed);
    evidence.append(evidenceRecord);
    return changed;
  }

  /**
   * Stores and sends one notification of the incident to its client.
   *
   * <p>The first must be INITIAL or FINAL; FOLLOW_UP adds information (R-BR-2); FINAL needs every
   * R-BR-3 field and closes the incident. A refused notification is recorded as evidence with the
   * fields it lacked.
   *
   * @return the notification, sent. If the sender throws, the notification stays stored as
   *     pending (retried by {@link #deliverPending()}, the clock still running) and the exception
   *     propagates
   * @throws IncompleteNotificationException naming the missing fields (R-BR-3)
   * @throws IllegalStateException if the incident is the client's doing, closed, or the kind is
   *     out of order, or no sender is configured
   */
  public BreachNotification notifyClient(ProcessorPrincipal by, String incidentId,
      BreachNotification.Kind kind, NotificationContent content) {
    requireStaff(by);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    BreachNotificationSender s = requireSender();
    Versioned<Incident> v = load(incidentId);
    Incident incident = v.value();
    if (incident.causedByClient()) {
      throw new IllegalStateException("incident " + incidentId + " was caused by the client: the"
          + " breach notification duties do not apply (R-BR-4)");
    }
    if (incident.closed()) {
      throw new IllegalStateException("incident " + incidentId + " is closed by its final notification");
    }
    if (kind == BreachNotification.Kind.FOLLOW_UP && incident.notifications().isEmpty()) {
      throw new IllegalStateException("a follow-up comes after an initial notification");
    }
    if (kind == BreachNotification.Kind.INITIAL && !incident.notifications().isEmpty()) {
      throw new IllegalStateException("incident " + incidentId + " already has its initial"
          + " notification: send a follow-up or the final one");
    }
    List<String> missing = missingFields(kind, content);
    if (!missing.isEmpty()) {
      evidence.append(EvidenceRecord.of(BreachActions.NOTIFICATION_REFUSED, by.id())
          .withClient(incident.client()).withBasis("R-BR-3 DPA 6")
          .withDetail("incident", incidentId).withDetail("kind", kind)
          .withDetail("missing", String.join(",", missing)));
      throw new IncompleteNotificationException(kind, missing);
    }
    BreachNotification pending = new BreachNotification(incident.notifications().size() + 1, kind,
        content, clock.instant(), by.id(), BreachNotification.Status.PENDING, null);
    Versioned<Incident> stored =
        incidents.update(incidentId, v, incident.withNotification(pending));
    return send(stored, pending, s);
  }

  /** Retries every notification a sender failed on. @return how many were sent */
  public int deliverPending() {
    int sent = 0;
    for (Versioned<Incident> v : incidents.listDue(clock.instant())) {
      for (BreachNotification n : v.value().notifications()) {
        if (n.status() == BreachNotification.Status.PENDING) {
          Versioned<Incident> fresh = load(v.value().id());
          try {
            if (send(fresh, n, requireSender()).status() == BreachNotification.Status.SENT) {
              sent++;
            }
          } catch (RuntimeException stillFailing) {
            // stays pending; its clock keeps running and overdue() shows it
          }
          break; // one at a time per incident, in order
        }
      }
    }
    return sent;
  }

  private BreachNotification send(
      Versioned<Incident> stored, BreachNotification n, BreachNotificationSender s) {
    s.send(stored.value(), n);
    Instant sentAt = clock.instant();
    BreachNotification sent = n.sent(sentAt);
    Incident before = stored.value();
    Incident after;
    try {
      after = incidents.update(before.id(), stored, before.withNotification(sent)).value();
    } catch (StaleStateException concurrent) {
      Versioned<Incident> again = load(before.id());
      after = incidents.update(before.id(), again, again.value().withNotification(sent)).value();
    }
    boolean first = before.firstNotifiedAt() == null;
    EvidenceRecord r = EvidenceRecord.of(BreachActions.NOTIFICATION_SENT, n.createdBy())
        .withClient(before.client()).withBasis(n.kind() == BreachNotification.Kind.FOLLOW_UP
            ? "R-BR-2 DPA 6" : "R-BR-1 R-BR-3 DPA 6")
        .withDetail("incident", before.id()).withDetail("sequence", n.sequence())
        .withDetail("kind", n.kind()).withDetail("content_sha256", digest(n.content()));
    if (first) {
      r = r.withDetail("within_72h", !sentAt.isAfter(after.notifyBy()))
          .withDetail("minutes_since_awareness",
              Duration.between(before.awareAt(), sentAt).toMinutes());
    }
    evidence.append(r);
    return sent;
  }

  /** Incidents whose client is still not notified more than 72 hours after awareness (R-BR-1). */
  public List<Incident> overdue() {
    Instant now = clock.instant();
    return incidents.listDue(now).stream().map(Versioned::value)
        .filter(i -> i.overdueAt(now))
        .sorted(Comparator.comparing(Incident::notifyBy)).toList();
  }

  /**
   * Escalates each overdue incident once: records it, then alerts the privacy contact through the
   * sender (R-BR-1). Call it on a schedule.
   *
   * @return the incidents escalated by this call
   */
  public List<Incident> escalateOverdue() {
    List<Incident> done = new java.util.ArrayList<>();
    for (Incident i : overdue()) {
      if (i.escalatedAt() != null) {
        continue;
      }
      Versioned<Incident> v = load(i.id());
      if (v.value().escalatedAt() != null) {
        continue;
      }
      Incident escalated = v.value().escalated(clock.instant());
      try {
        incidents.update(i.id(), v, escalated);
      } catch (StaleStateException concurrent) {
        continue; // changed meanwhile (another node, or notified): the next call decides again
      }
      evidence.append(EvidenceRecord.of(BreachActions.NOTIFICATION_OVERDUE, "system")
          .withClient(i.client()).withBasis("R-BR-1 DPA 6").withDetail("incident", i.id())
          .withDetail("notify_by", i.notifyBy()));
      if (sender != null) {
        sender.escalate(escalated);
      }
      done.add(escalated);
    }
    return done;
  }

  /** The deadline of an incident as a wall-clock time in the processor's zone, or null. */
  public ZonedDateTime deadline(String incidentId) {
    return load(incidentId).value().notifyByIn(zone);
  }

  /**
   * One incident.
   *
   * @throws SecurityException unless {@code viewer} is processor staff or may instruct for its
   *     client
   */
  public Incident find(Principal viewer, String incidentId) {
    Incident i = load(incidentId).value();
    requireReader(viewer, i.client());
    return i;
  }

  /** The incidents of one client. @throws SecurityException as {@link #find} */
  public List<Incident> incidents(Principal viewer, ClientId client) {
    requireReader(viewer, client);
    return incidents.list(client).stream().map(Versioned::value)
        .sorted(Comparator.comparing(Incident::awareAt)).toList();
  }

  /**
   * The R-BR-3 fields {@code content} lacks for {@code kind}: all of them for a final notification,
   * the nature (and sane numbers) for the others. Empty if it may go out.
   */
  public List<String> missingFields(BreachNotification.Kind kind, NotificationContent content) {
    Class<?>[] groups = kind == BreachNotification.Kind.FINAL
        ? new Class<?>[] {Default.class, NotificationContent.Complete.class}
        : new Class<?>[] {Default.class};
    Set<ConstraintViolation<NotificationContent>> violations =
        validator.get().validate(content, groups);
    Set<String> fields = violations.stream()
        .map(cv -> cv.getPropertyPath().iterator().next().getName())
        .collect(Collectors.toSet());
    return NotificationContent.FIELDS.stream().filter(fields::contains).toList();
  }

  private Versioned<Incident> load(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    return incidents.find(incidentId)
        .orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
  }

  private BreachNotificationSender requireSender() {
    if (sender == null) {
      throw new IllegalStateException("no BreachNotificationSender is configured: clients cannot"
          + " be notified of incidents (R-BR-1)");
    }
    return sender;
  }

  private void requireReader(Principal viewer, ClientId client) {
    Objects.requireNonNull(viewer, "viewer");
    readers.require(viewer, Operation.BREACH_READ, client);
  }

  private static void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    AccessPolicy.DEFAULT.require(by, Operation.BREACH_MANAGE, null);
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
  }

  private static String digest(NotificationContent content) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(Json.write(content).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = Objects.requireNonNull(s.get(), "validator");
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
