package dev.custodian.instruction;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.instruction.Instruction.Status;
import dev.custodian.instruction.Instruction.UnlawfulFlag;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.retention.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the clients' instructions and verifies them (R-DSR-3, R-AUTH-2, R-ACC-1): the one
 * verifier that decides whether an instruction is written, specific, prior and authorised for an
 * action, and the only source of the proofs ({@link VerifiedInstruction}, {@link LegalCompulsion})
 * without which nothing is sent to a subject or an authority. Also holds instructions the processor
 * considers unlawful and tells the client (R-ASSIST-2).
 *
 * <p>Instructions are recorded against a request by the duty that owns it ({@code
 * custodian.subjectRequests().instruct(...)}, {@code custodian.authorityRequests().instruct(...)});
 * this service is the place to read them, verify them and flag them. Thread-safe.
 */
public final class InstructionService {
  /** The state kind instructions are stored under. */
  public static final String KIND = "instruction";
  private static final Logger LOG = LoggerFactory.getLogger(InstructionService.class);

  private final Repository<Instruction> instructions;
  private final EvidenceLog evidence;
  private final RequestNotifier notifier;
  private final InstructingRoles roles;
  private final Clock clock;

  public InstructionService(StateStore store, EvidenceLog evidence, RequestNotifier notifier,
      InstructingRoles roles, Clock clock) {
    this.instructions = new Repository<>(store, KIND, Instruction.class,
        InstructionService::pendingNoticeSince);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.roles = Objects.requireNonNull(roles, "roles");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records an instruction about {@code target} as received. Recording is not acting: whether it
   * may be acted on is decided by {@link #verify} at the time of the action. An oral instruction
   * (empty document reference) or one from a user without an instructing role is recorded, and
   * will be refused.
   *
   * @param by the author themself, or processor staff transcribing a written instruction
   * @throws SecurityException if the author is not a user of the target's client (R-ACC-2), or a
   *     client user records someone else's instruction; the attempt is recorded as evidence
   * @throws IllegalArgumentException if the draft is invalid or issued in the future
   */
  public Instruction record(Principal by, Target target, InstructionDraft draft) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(draft, "draft");
    Constraints.check(draft);
    ClientPrincipal author = draft.author();
    String refusal = null;
    if (!author.client().equals(target.client())) {
      refusal = "the author is not a user of the request's client";
    } else if (by instanceof ClientPrincipal p && !p.equals(author)) {
      refusal = "a client's user records only instructions they gave themselves";
    } else if (by instanceof ProcessorPrincipal s && !isStaff(s)) {
      refusal = "only the processor's operators, privacy contact or designated officer record"
          + " instructions on a client's behalf";
    }
    if (refusal != null) {
      evidence.append(EvidenceRecord.of("instruction.refused", by.id())
          .withClient(by instanceof ClientPrincipal p ? p.client() : null)
          .withDetail("target", target.id()).withDetail("reason", refusal));
      throw new SecurityException(refusal);
    }
    Instant now = clock.instant();
    if (draft.issuedAt().isAfter(now)) {
      throw new IllegalArgumentException("an instruction cannot be issued in the future");
    }
    Instruction i = new Instruction("ins-" + UUID.randomUUID(), target.client(), target.kind(),
        target.id(), draft.action(), draft.scope(), draft.documentReference(), author,
        draft.issuedAt(), by.id(), now, Status.ACTIVE, null);
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("instruction.recorded", by.id()).withClient(i.client())
        .withBasis(i.id()).withDetail("target", i.target()).withDetail("action", i.action())
        .withDetail("scope", new TreeSet<>(i.scope())).withDetail("author", author.id())
        .withDetail("written", i.written()).withDetail("issued_at", i.issuedAt());
    instructions.insert(i.id(), i.client(), i);
    evidence.append(evidenceRecord);
    LOG.info("instruction {} recorded for {} ({})", i.id(), i.target(), i.action());
    return i;
  }

  /**
   * Decides whether instruction {@code instructionId} allows {@code action} on {@code target},
   * touching {@code scope}, now. Pure: records nothing (the duty that asks records the outcome).
   *
   * <p>Written: a document reference is on record. Specific: it names this target, this action,
   * and a scope containing {@code scope}. Prior: issued not before the request was received and not
   * after now, and recorded by now. Authorised: its author holds, now, an instructing role of the
   * target's client. An instruction that is not on file for the target's client fails all four.
   */
  public Verification verify(String instructionId, Target target, InstructedAction action,
      Set<CategoryId> scope) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(scope, "scope");
    String id = instructionId == null ? "(none)" : instructionId;
    Optional<Instruction> found = instructionId == null ? Optional.empty()
        : instructions.find(instructionId).map(Versioned::value)
            .filter(i -> i.client().equals(target.client()));
    if (found.isEmpty()) {
      return new Verification.Refused(id, EnumSet.allOf(Condition.class),
          List.of("no instruction " + id + " on file for client " + target.client()));
    }
    Instruction i = found.get();
    Instant now = clock.instant();
    EnumSet<Condition> failed = EnumSet.noneOf(Condition.class);
    List<String> reasons = new ArrayList<>();
    if (!i.written()) {
      failed.add(Condition.WRITTEN);
      reasons.add("no written document is on record");
    }
    if (!i.target().equals(target.id()) || i.targetKind() != target.kind()) {
      failed.add(Condition.SPECIFIC);
      reasons.add("it names another request");
    } else if (i.action() != action) {
      failed.add(Condition.SPECIFIC);
      reasons.add("it orders " + i.action() + ", not " + action);
    } else if (!i.scope().containsAll(scope)) {
      Set<CategoryId> missing = new TreeSet<>(scope);
      missing.removeAll(i.scope());
      failed.add(Condition.SPECIFIC);
      reasons.add("its scope does not cover " + missing);
    }
    if (i.issuedAt().isBefore(target.receivedAt())) {
      failed.add(Condition.PRIOR);
      reasons.add("issued before the request was received");
    } else if (i.issuedAt().isAfter(now) || i.recordedAt().isAfter(now)) {
      failed.add(Condition.PRIOR);
      reasons.add("issued after the action");
    }
    if (!roles.mayInstruct(i.author(), target.client())) {
      failed.add(Condition.AUTHORISED);
      reasons.add("its author holds no instructing role of the client");
    }
    if (!failed.isEmpty()) {
      return new Verification.Refused(i.id(), failed, reasons);
    }
    if (i.status() == Status.HELD) {
      return new Verification.Held(i.id(), i.flag().reason());
    }
    return new Verification.Verified(new VerifiedInstruction(i, target, action, scope, now));
  }

  /**
   * Proof that a response to an authority is compelled by law while the client may not be
   * informed (R-AUTH-3): the legal basis on record, approved by the designated officer {@code
   * approvedBy}, and sent by a designated officer. Records nothing: the authority duty records the
   * approval and the answer.
   *
   * @param sender the processor's designated officer sending the answer
   * @throws SecurityException if {@code sender} is not the processor's designated officer
   * @throws IllegalArgumentException if the target is not an authority request, or the legal basis
   *     or approver is blank
   */
  public LegalCompulsion compulsion(ProcessorPrincipal sender, Target target, String compulsionId,
      String legalBasis, String approvedBy, Instant approvedAt) {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(target, "target");
    if (!sender.hasRole(ProcessorRole.DESIGNATED_OFFICER)) {
      throw new SecurityException("only the processor's designated officer answers under a legal"
          + " compulsion");
    }
    if (target.kind() != Target.Kind.AUTHORITY_REQUEST) {
      throw new IllegalArgumentException("a legal compulsion concerns an authority request only");
    }
    if (legalBasis == null || legalBasis.isBlank()) {
      throw new IllegalArgumentException("a legal compulsion needs its legal basis");
    }
    if (approvedBy == null || approvedBy.isBlank()) {
      throw new IllegalArgumentException(
          "a legal compulsion needs the designated officer's approval");
    }
    return new LegalCompulsion(compulsionId, target, legalBasis, approvedBy, approvedAt);
  }

  /**
   * Holds an instruction the processor considers to infringe data-protection law, and tells the
   * client (DPA 3.2, R-ASSIST-2). The hold is stored before the client is told; if the notice
   * fails it stays pending and {@link #informPending()} sends it.
   *
   * @throws SecurityException unless {@code by} is the privacy contact or designated officer
   * @throws IllegalStateException if the instruction is unknown or already held
   */
  public Instruction flagUnlawful(ProcessorPrincipal by, String instructionId, String reason) {
    requireOfficer(by);
    String why = Constraints.reason(reason);
    Versioned<Instruction> v = load(instructionId);
    if (v.value().status() == Status.HELD) {
      throw new IllegalStateException("instruction " + instructionId + " is already held");
    }
    Instruction held = v.value().withFlag(Status.HELD,
        new UnlawfulFlag(by.id(), clock.instant(), why, null, null, null, null));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of("instruction.held", by.id()).withClient(held.client())
        .withBasis(held.id()).withDetail("reason", why);
    Versioned<Instruction> saved = instructions.update(instructionId, v, held);
    evidence.append(evidenceRecord);
    LOG.info("instruction {} held as unlawful", held.id());
    return informClient(saved);
  }

  /**
   * Lifts the hold on an instruction once the processor's concern is resolved; it becomes usable
   * again if it verifies.
   *
   * @throws SecurityException unless {@code by} is the privacy contact or designated officer
   * @throws IllegalStateException if the instruction is not held
   */
  public Instruction release(ProcessorPrincipal by, String instructionId, String reason) {
    requireOfficer(by);
    String why = Constraints.reason(reason);
    Versioned<Instruction> v = load(instructionId);
    if (v.value().status() != Status.HELD) {
      throw new IllegalStateException("instruction " + instructionId + " is not held");
    }
    Instruction released = v.value().withFlag(Status.ACTIVE,
        v.value().flag().released(by.id(), clock.instant(), why));
    EvidenceRecord evidenceRecord = EvidenceRecord.of("instruction.hold_released", by.id())
        .withClient(released.client()).withBasis(released.id()).withDetail("reason", why);
    instructions.update(instructionId, v, released);
    evidence.append(evidenceRecord);
    return released;
  }

  /** Sends the held-instruction notices that have not gone out yet; returns how many went out. */
  public int informPending() {
    int sent = 0;
    for (Versioned<Instruction> v : instructions.listDue(clock.instant())) {
      try {
        if (informClient(v).flag().clientInformedAt() != null) {
          sent++;
        }
      } catch (StaleStateException another) {
        LOG.debug("instruction {} changed concurrently; left to the other node", v.value().id());
      }
    }
    return sent;
  }

  /**
   * One instruction, if {@code reader} may see it (R-ACC-2). An instruction of another client reads
   * as absent.
   */
  public Optional<Instruction> find(Principal reader, String instructionId) {
    Objects.requireNonNull(reader, "reader");
    return instructions.find(instructionId).map(Versioned::value)
        .filter(i -> mayRead(reader, i.client()));
  }

  /**
   * The instructions of one client, optionally only those naming {@code targetId}, oldest id first.
   *
   * @throws SecurityException if {@code reader} may not read the client's affairs (R-ACC-2)
   */
  public List<Instruction> list(Principal reader, ClientId client, String targetId) {
    requireReader(reader, client);
    return instructions.list(client).stream().map(Versioned::value)
        .filter(i -> targetId == null || i.target().equals(targetId)).toList();
  }

  /**
   * True if {@code p} may read a client's requests, instructions and cases: processor staff in
   * charge of them, the client's instructing users, and its supervisors (need-to-know, R-ACC-1).
   */
  public boolean mayRead(Principal p, ClientId client) {
    if (p instanceof ProcessorPrincipal s) {
      return isStaff(s);
    }
    return roles.mayInstruct(p, client)
        || (p instanceof ClientPrincipal c && c.client().equals(client)
            && c.hasRole(ClientRole.SUPERVISOR));
  }

  /**
   * True if {@code p} may carry out duty steps on a client's requests (run an instructed action,
   * extend or pause a clock, close a case): processor staff in charge, or the client's instructing
   * users (need-to-do, R-ACC-1). Running an action still needs a verified instruction.
   */
  public boolean mayHandle(Principal p, ClientId client) {
    if (p instanceof ProcessorPrincipal s) {
      return isStaff(s);
    }
    return roles.mayInstruct(p, client);
  }

  /** @throws SecurityException if {@code reader} may not read the client's affairs */
  public void requireReader(Principal reader, ClientId client) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(client, "client");
    if (!mayRead(reader, client)) {
      throw new SecurityException("principal " + reader.id() + " may not read client " + client
          + "'s requests");
    }
  }

  private Instruction informClient(Versioned<Instruction> v) {
    Instruction i = v.value();
    try {
      notifier.tellClient(new ClientNotice.InstructionHeld(i.client(), i.id(), i.target(),
          i.action(), i.flag().reason()));
    } catch (RuntimeException e) {
      LOG.warn("could not tell client {} that instruction {} is held; will retry: {}", i.client(),
          i.id(), e.getClass().getSimpleName());
      return i;
    }
    Instruction informed = i.withFlag(i.status(), i.flag().informed(clock.instant()));
    EvidenceRecord evidenceRecord = EvidenceRecord.of("instruction.held.client_informed", "system")
        .withClient(i.client()).withBasis(i.id());
    instructions.update(i.id(), v, informed);
    evidence.append(evidenceRecord);
    return informed;
  }

  private Versioned<Instruction> load(String instructionId) {
    Objects.requireNonNull(instructionId, "instructionId");
    return instructions.find(instructionId)
        .orElseThrow(() -> new IllegalStateException("no instruction " + instructionId));
  }

  private static Instant pendingNoticeSince(Instruction i) {
    return i.status() == Status.HELD && i.flag().clientInformedAt() == null
        ? i.flag().flaggedAt() : null;
  }

  private static boolean isStaff(ProcessorPrincipal s) {
    return s.hasRole(ProcessorRole.OPERATOR) || s.hasRole(ProcessorRole.PRIVACY_CONTACT)
        || s.hasRole(ProcessorRole.DESIGNATED_OFFICER);
  }

  private static void requireOfficer(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "by");
    if (!by.hasRole(ProcessorRole.PRIVACY_CONTACT)
        && !by.hasRole(ProcessorRole.DESIGNATED_OFFICER)) {
      throw new SecurityException("only the processor's privacy contact or designated officer"
          + " hold an instruction as unlawful");
    }
  }
}
