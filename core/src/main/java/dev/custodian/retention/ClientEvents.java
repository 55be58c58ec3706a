package dev.custodian.retention;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Records client events (contract end, contacts deleted, CRM synchronisation off, deletion
 * requests) as stored facts with their own time; retention clocks start from them. Every event and
 * withdrawal is evidence (R-EVID-1). Thread-safe as far as its {@link StateStore} is.
 */
public final class ClientEvents {
  static final String KIND = "retention-event";

  private final Repository<ClientEvent> events;
  private final EvidenceLog evidence;
  private final Pseudonymizer pseudonymizer;
  private final Clock clock;
  private final AccessPolicy access;

  public ClientEvents(StateStore store, EvidenceLog evidence, Pseudonymizer pseudonymizer, Clock clock,
      AccessPolicy access) {
    this.access = Objects.requireNonNull(access, "access");
    this.events = new Repository<>(store, KIND, ClientEvent.class);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records that the client's contract ends (or ended) at {@code at}; supersedes an earlier one.
   * A contract end starts deletion (DPA 8.3): only the processor's operator records it, as opening
   * a termination case does.
   *
   * @throws SecurityException unless {@code by} is the processor's operator
   */
  public ClientEvent contractEnded(Principal by, ClientId client, Instant at, String basis) {
    return record(by, client, ClientEventType.CONTRACT_END, at, Set.of(), Set.of(), basis);
  }

  /**
   * Records that the client turned CRM synchronisation off at {@code at} (every synchronised
   * contact is then deleted, Annex A).
   *
   * @throws SecurityException unless {@code by} is the client's administrator or super
   *     administrator, or the processor's operator
   */
  public ClientEvent crmSyncTurnedOff(Principal by, ClientId client, Instant at, String basis) {
    return record(by, client, ClientEventType.CRM_SYNC_OFF, at, Set.of(), Set.of(), basis);
  }

  /** Records that the client deleted the contacts of {@code subjects} in {@code category} at {@code at}. */
  public ClientEvent contactsDeleted(Principal by, ClientId client, CategoryId category,
      Set<SubjectIdentifier> subjects, Instant at, String basis) {
    if (subjects == null || subjects.isEmpty()) {
      throw new IllegalArgumentException("name the deleted contacts by their subject identifiers");
    }
    return record(by, client, ClientEventType.CONTACT_DELETED, at, Set.of(category), subjects, basis);
  }

  /**
   * Records an event. A client-wide event supersedes the active client-wide event of the same
   * type, which is withdrawn first.
   *
   * @param categories the categories concerned; empty for all
   * @param subjects the subjects concerned; empty for every record
   * @throws SecurityException unless {@code by} may decide what the event deletes: the
   *     operator for a contract end, the client's administrators (or the operator) for CRM
   *     synchronisation turned off, the client's users for contacts they deleted, instructing
   *     users (or staff transcribing) for a deletion request; never another client's user
   *     (docs/access.md, R-ACC-1, R-ACC-2)
   */
  public ClientEvent record(Principal by, ClientId client, ClientEventType type, Instant at,
      Set<CategoryId> categories, Set<SubjectIdentifier> subjects, String basis) {
    Objects.requireNonNull(by, "principal");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    access.require(by, operation(type), client);
    ClientEvent event = new ClientEvent("event-" + UUID.randomUUID(), client, type, at, categories,
        subjects, basis, by.id(), clock.instant(), null, null, null);
    // Built (checked for personal data) before anything changes, the superseded event included.
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(RetentionActions.EVENT_RECORDED, by.id()).withClient(client)
        .withBasis(event.basis().isEmpty() ? null : event.basis())
        .withDetail("event", event.id()).withDetail("type", type).withDetail("at", at)
        .withDetail("categories", event.categories().isEmpty() ? "*" : sorted(event.categories()))
        .withDetail("subjects", event.subjects().isEmpty() ? "*"
            : event.subjects().stream().map(pseudonymizer::pseudonym).sorted().toList().toString());
    if (event.clientWide()) {
      for (Versioned<ClientEvent> v : events.list(client)) {
        ClientEvent old = v.value();
        if (old.active() && old.type() == type && old.clientWide()) {
          withdraw(v, by, "superseded by " + event.id());
        }
      }
    }
    events.insert(event.id(), client, event);
    evidence.append(evidenceRecord);
    return event;
  }

  /**
   * Withdraws a mistaken event; it stays stored with who withdrew it and why.
   *
   * @throws IllegalStateException if unknown or already withdrawn
   */
  public ClientEvent withdraw(Principal by, String eventId, String reason) {
    Objects.requireNonNull(by, "principal");
    Objects.requireNonNull(reason, "reason");
    Versioned<ClientEvent> v = events.find(eventId)
        .orElseThrow(() -> new IllegalStateException("no client event " + eventId));
    access.require(by, operation(v.value().type()), v.value().client());
    if (!v.value().active()) {
      throw new IllegalStateException("client event " + eventId + " is already withdrawn");
    }
    return withdraw(v, by, reason);
  }

  private ClientEvent withdraw(Versioned<ClientEvent> v, Principal by, String reason) {
    ClientEvent w = v.value().withdrawn(clock.instant(), by.id(), reason);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(RetentionActions.EVENT_WITHDRAWN, by.id()).withClient(w.client())
        .withDetail("event", w.id()).withDetail("type", w.type()).withDetail("reason", reason);
    events.update(w.id(), v, w);
    evidence.append(evidenceRecord);
    return w;
  }

  /**
   * Every event of the client, withdrawn ones included, oldest recorded first.
   *
   * @throws SecurityException if {@code reader} may not read the client's events
   */
  public List<ClientEvent> all(Principal reader, ClientId client) {
    access.require(reader, Operation.RETENTION_EVENTS_READ, client);
    return allOf(client);
  }

  private List<ClientEvent> allOf(ClientId client) {
    return events.list(client).stream().map(Versioned::value)
        .sorted(Comparator.comparing(ClientEvent::recordedAt).thenComparing(ClientEvent::id)).toList();
  }

  /** The client's active events. @throws SecurityException as {@link #all} */
  public List<ClientEvent> active(Principal reader, ClientId client) {
    access.require(reader, Operation.RETENTION_EVENTS_READ, client);
    return activeOf(client);
  }

  /** The client's active events, for the retention duty's own classification. */
  List<ClientEvent> activeOf(ClientId client) {
    return allOf(client).stream().filter(ClientEvent::active).toList();
  }

  /**
   * The active events of each of {@code clients} (an empty list for a client without any), in the
   * order of {@link #activeOf(ClientId)}, read in one pass over the stored events.
   */
  Map<ClientId, List<ClientEvent>> activeOf(Collection<ClientId> clients) {
    Map<ClientId, List<ClientEvent>> out = new LinkedHashMap<>();
    clients.forEach(c -> out.put(c, new ArrayList<>()));
    for (Versioned<ClientEvent> v : events.list(null)) {
      List<ClientEvent> of = out.get(v.value().client());
      if (of != null && v.value().active()) {
        of.add(v.value());
      }
    }
    out.replaceAll((client, active) -> active.stream().sorted(Comparator
        .comparing(ClientEvent::recordedAt).thenComparing(ClientEvent::id)).toList());
    return out;
  }

  /** The active contract end of the client, if one is recorded. @throws SecurityException as {@link #all} */
  public Optional<ClientEvent> contractEnd(Principal reader, ClientId client) {
    return active(reader, client).stream()
        .filter(e -> e.type() == ClientEventType.CONTRACT_END && e.clientWide()).findFirst();
  }

  private static String sorted(Set<CategoryId> categories) {
    return categories.stream().sorted().toList().toString();
  }

  /** Who may record (or withdraw) an event is who may decide what it deletes (docs/access.md). */
  private static Operation operation(ClientEventType type) {
    return switch (type) {
      case CONTRACT_END -> Operation.RETENTION_CONTRACT_END;
      case CRM_SYNC_OFF -> Operation.RETENTION_CRM_SYNC_OFF;
      case CONTACT_DELETED -> Operation.RETENTION_CONTACTS_DELETED;
      case DELETION_REQUESTED -> Operation.RETENTION_DELETION_REQUEST;
    };
  }
}
