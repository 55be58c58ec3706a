package dev.custodian.hold;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.internal.Repository;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Places and releases legal holds (R-HOLD-1, R-HOLD-2). Only processor staff with the operator or
 * designated-officer role may place or release one; every change is evidence.
 */
public final class HoldService {
  /** Holds involve no instructing role: the default policy decides (docs/access.md). */
  private static final AccessPolicy ACCESS = AccessPolicy.DEFAULT;
  static final String KIND = "hold";

  private final Repository<Hold> holds;
  private final EvidenceLog evidence;
  private final Pseudonymizer pseudonymizer;
  private final Clock clock;

  /**
   * The holds kept in {@code store}; a {@code Custodian} builds one, which every duty shares.
   *
   * @param store where holds are kept
   * @param evidence where placing and releasing are recorded
   * @param pseudonymizer stands for the held subjects in evidence
   * @param clock the time of placing and releasing
   */
  public HoldService(StateStore store, EvidenceLog evidence, Pseudonymizer pseudonymizer, Clock clock) {
    this.holds = new Repository<>(store, KIND, Hold.class).cachingDecodes();
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Places a hold and records it.
   *
   * @param by the operator or designated officer placing it
   * @param client whose records it holds
   * @param subjects the subjects whose records it holds; empty for all
   * @param categories the categories it holds; empty for all
   * @param from the start of the held records' time range, inclusive; null for no start
   * @param before the end of that range, exclusive; null for no end
   * @param legalBasis why: the order, claim or request behind it; required, no personal data
   * @return the hold, active from now
   * @throws SecurityException if {@code by} is neither operator nor designated officer
   * @throws dev.custodian.evidence.PersonalDataInEvidenceException if the legal basis holds a phone
   *     number or an e-mail address in clear; nothing is stored then
   */
  public Hold place(ProcessorPrincipal by, ClientId client, Set<SubjectIdentifier> subjects,
      Set<CategoryId> categories, Instant from, Instant before, String legalBasis) {
    requireStaff(by);
    Hold hold = new Hold("hold-" + UUID.randomUUID(), client, subjects, categories, from, before,
        legalBasis, by.id(), clock.instant(), null, null, null);
    // The record is built (and so checked for personal data) before the hold is stored: a hold
    // whose evidence cannot be written is never kept (R-EVID-2).
    // Processor-wide, the client named in the details: a hold may come from an authority the
    // client may not be told of (R-AUTH-1), so the client's own evidence reads must not show it.
    EvidenceRecord r = EvidenceRecord.of(HoldActions.PLACED, by.id())
        .withDetail("client", client.value())
        .withBasis(legalBasis).withDetail("hold", hold.id())
        .withDetail("categories", hold.categories().isEmpty() ? "*" : hold.categories().toString())
        .withDetail("subjects", hold.subjects().isEmpty() ? "*"
            : hold.subjects().stream().map(pseudonymizer::pseudonym).sorted().toList().toString());
    holds.insert(hold.id(), client, hold);
    evidence.append(r);
    return hold;
  }

  /**
   * Releases an active hold; the hold stays stored, with who released it and why.
   *
   * @param by the operator or designated officer releasing it
   * @param holdId the hold's id
   * @param reason why it is released
   * @return the hold, released
   * @throws SecurityException if {@code by} is neither operator nor designated officer
   * @throws IllegalStateException if the hold is unknown or already released
   */
  public Hold release(ProcessorPrincipal by, String holdId, String reason) {
    requireStaff(by);
    Objects.requireNonNull(reason, "reason");
    Versioned<Hold> v = holds.find(holdId)
        .orElseThrow(() -> new IllegalStateException("no hold " + holdId));
    if (!v.value().active()) {
      throw new IllegalStateException("hold " + holdId + " is already released");
    }
    Hold released = v.value().released(clock.instant(), by.id(), reason);
    EvidenceRecord r = EvidenceRecord.of(HoldActions.RELEASED, by.id())
        .withDetail("client", released.client().value())
        .withBasis(released.legalBasis()).withDetail("hold", holdId).withDetail("reason", reason);
    holds.update(holdId, v, released);
    evidence.append(r);
    return released;
  }

  /**
   * Every hold of the client, active or released.
   *
   * @param reader who reads
   * @param client whose holds
   * @return the holds, in no particular order
   * @throws SecurityException unless {@code reader} is processor staff in charge or the system
   *     (a hold may come from an authority the client may not know of, R-HOLD-1)
   */
  public List<Hold> all(Principal reader, ClientId client) {
    ACCESS.require(reader, Operation.HOLD_READ, client);
    return allOf(client);
  }

  private List<Hold> allOf(ClientId client) {
    return holds.list(client).stream().map(Versioned::value).toList();
  }

  /**
   * The client's active holds.
   *
   * @param reader who reads
   * @param client whose holds
   * @return the holds not released
   * @throws SecurityException as {@link #all}
   */
  public List<Hold> active(Principal reader, ClientId client) {
    ACCESS.require(reader, Operation.HOLD_READ, client);
    return allOf(client).stream().filter(Hold::active).toList();
  }

  /**
   * The active holds of each of {@code clients} (an empty list for a client without any), read in
   * one pass over the stored holds.
   *
   * @param reader who reads
   * @param clients whose holds
   * @return per client, in the order given, its holds not released
   * @throws SecurityException as {@link #all}, for any of them
   */
  public Map<ClientId, List<Hold>> active(Principal reader, Collection<ClientId> clients) {
    clients.forEach(client -> ACCESS.require(reader, Operation.HOLD_READ, client));
    Map<ClientId, List<Hold>> out = new LinkedHashMap<>();
    clients.forEach(c -> out.put(c, new ArrayList<>()));
    for (Versioned<Hold> v : holds.list(null)) {
      List<Hold> of = out.get(v.value().client());
      if (of != null && v.value().active()) {
        of.add(v.value());
      }
    }
    return out;
  }

  /**
   * Active holds of the client that apply to {@code category}.
   *
   * @param reader who reads
   * @param client whose holds
   * @param category the category they must apply to
   * @return the holds not released that cover that category
   * @throws SecurityException as {@link #all}
   */
  public List<Hold> active(Principal reader, ClientId client, CategoryId category) {
    ACCESS.require(reader, Operation.HOLD_READ, client);
    return active(client, category);
  }

  /** Active holds of the client that apply to {@code category}: the deletion gate's read. */
  List<Hold> active(ClientId client, CategoryId category) {
    return allOf(client).stream().filter(h -> h.covers(client, category)).toList();
  }

  /**
   * Active holds that apply to {@code category}, for each of {@code clients} (an empty list for a
   * client without any), read in one pass over the stored holds.
   */
  Map<ClientId, List<Hold>> active(Collection<ClientId> clients, CategoryId category) {
    Map<ClientId, List<Hold>> out = new LinkedHashMap<>();
    clients.forEach(c -> out.put(c, new ArrayList<>()));
    for (Versioned<Hold> v : holds.list(null)) {
      Hold h = v.value();
      List<Hold> of = out.get(h.client());
      if (of != null && h.covers(h.client(), category)) {
        of.add(h);
      }
    }
    return out;
  }

  private static void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "principal");
    ACCESS.require(by, Operation.HOLD_MANAGE, null);
  }
}
