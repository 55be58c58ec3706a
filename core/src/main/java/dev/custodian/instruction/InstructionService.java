package dev.custodian.instruction;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.instruction.Instruction.Status;
import dev.custodian.instruction.Instruction.UnlawfulFlag;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
  private final AccessPolicy access;
  private final Map<Target.Kind, Requests> sources = new ConcurrentHashMap<>();
  private final Clock clock;

  public InstructionService(StateStore store, EvidenceLog evidence, RequestNotifier notifier,
      InstructingRoles roles, Clock clock) {
    this.instructions = new Repository<>(store, KIND, Instruction.class,
        InstructionService::pendingNoticeSince);
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.roles = Objects.requireNonNull(roles, "roles");
    this.access = new AccessPolicy(roles);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The stored requests of one kind, as the duty that owns them reads them: the only source of the
   * {@link Target} an instruction is recorded and verified against (a caller never builds one).
   */
  public interface Requests {
    /** The target of the stored request {@code requestId}, if it exists. */
    Optional<Target> target(String requestId);

    /**
     * The legal compulsion approved on the stored request {@code requestId}, present only while
     * a prohibition to inform the client is recorded and in force and the designated officer
     * approved the compulsion (R-AUTH-3).
     */
    default Optional<ApprovedCompulsion> approvedCompulsion(String requestId) {
      return Optional.empty();
    }
  }

  /** A compulsion as the authority duty stored it, approved by the designated officer. */
  public record ApprovedCompulsion(String id, String legalBasis, String approvedBy,
      Instant approvedAt) {
    public ApprovedCompulsion {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(legalBasis, "legalBasis");
      Objects.requireNonNull(approvedBy, "approvedBy");
      Objects.requireNonNull(approvedAt, "approvedAt");
    }
  }

  /**
   * Registers where the requests of {@code kind} are stored. Called once per kind by the duty that
   * owns them ({@code Custodian} wires both); a second registration is refused, so the source
   * cannot be replaced once wired.
   *
   * @throws IllegalStateException if {@code kind} already has a source
   */
  public void register(Target.Kind kind, Requests source) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    if (sources.putIfAbsent(kind, source) != null) {
      throw new IllegalStateException("the requests of kind " + kind + " already have a source");
    }
  }

  /** The access policy this service and the request duties decide with (R-ACC-1). */
  public AccessPolicy access() {
    return access;
  }

  /**
   * Records an instruction about the stored request {@code targetId} of {@code kind}, as received.
   * What can be known now is checked now: an instruction that is not written (blank document
   * reference), is dated before the request was received, or whose author holds no instructing
   * role is refused at once, naming every failed condition, and the attempt is recorded (R-DSR-3).
   * Whether a recorded instruction may be acted on is decided again by {@link #verify} at the time
   * of the action.
   *
   * @param by the author themself, or processor staff transcribing a written instruction
   * @throws SecurityException if {@code by} may not record instructions for the request's client,
   *     the author is not a user of that client (R-ACC-2), or a client user records someone
   *     else's instruction; the attempt is recorded as evidence
   * @throws InstructionRefusedException if the instruction is not written, not prior or not
   *     authorised; the attempt is recorded as evidence
   * @throws java.util.NoSuchElementException if there is no such request
   * @throws IllegalArgumentException if the draft is invalid or issued in the future
   */
  public Instruction record(Principal by, Target.Kind kind, String targetId,
      InstructionDraft draft) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(draft, "draft");
    Target target = storedTarget(kind, targetId)
        .orElseThrow(() -> new java.util.NoSuchElementException("no " + kind + " " + targetId));
    Constraints.check(draft);
    ClientPrincipal author = draft.author();
    Operation op = kind == Target.Kind.SUBJECT_CASE
        ? Operation.DSR_INSTRUCT : Operation.AUTHORITY_INSTRUCT;
    String refusal = null;
    if (!author.client().equals(target.client())) {
      refusal = "the author is not a user of the request's client";
    } else if (by instanceof ClientPrincipal p && !p.equals(author)) {
      refusal = "a client's user records only instructions they gave themselves";
    } else if (!access.allows(by, op, target.client())) {
      refusal = "principal " + by.id() + " may not record instructions for client "
          + target.client() + " (" + op.refusedBecause() + ")";
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
    EnumSet<Condition> failed = EnumSet.noneOf(Condition.class);
    List<String> reasons = new ArrayList<>();
    if (draft.documentReference() == null || draft.documentReference().isBlank()) {
      failed.add(Condition.WRITTEN);
      reasons.add("no written document is on record");
    }
    if (draft.issuedAt().isBefore(target.receivedAt())) {
      failed.add(Condition.PRIOR);
      reasons.add("issued before the request was received");
    }
    if (!roles.mayInstruct(author, target.client())) {
      failed.add(Condition.AUTHORISED);
      reasons.add("its author holds no instructing role of the client");
    }
    if (!failed.isEmpty()) {
      Verification.Refused no = new Verification.Refused("(not recorded)", failed, reasons);
      evidence.append(EvidenceRecord.of("instruction.refused", by.id())
          .withClient(target.client()).withDetail("target", target.id())
          .withDetail("action", draft.action()).withDetail("author", author.id())
          .withDetail("failed", new TreeSet<>(failed)));
      throw new InstructionRefusedException(no);
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
   * Decides whether instruction {@code instructionId} allows {@code action} on the stored request
   * {@code targetId} of {@code kind}, touching {@code scope}, now. The target (client, time of
   * receipt) is read from the stored request, never taken from the caller. Records nothing (the
   * duty that asks records the outcome).
   *
   * <p>Written: a document reference is on record. Specific: it names this target, this action,
   * and a scope containing {@code scope}. Prior: issued not before the request was received and not
   * after now, and recorded by now. Authorised: its author holds, now, an instructing role of the
   * target's client. An instruction that is not on file for the target's client, or a request that
   * does not exist, fails all four.
   *
   * @throws SecurityException if {@code reader} may not read the request's client's instructions
   */
  public Verification verify(Principal reader, String instructionId, Target.Kind kind,
      String targetId, InstructedAction action, Set<CategoryId> scope) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(scope, "scope");
    String id = instructionId == null ? "(none)" : instructionId;
    Optional<Target> stored = storedTarget(kind, targetId);
    if (stored.isEmpty()) {
      access.require(reader, Operation.INSTRUCTION_READ, null);
      return new Verification.Refused(id, EnumSet.allOf(Condition.class),
          List.of("no request " + targetId + " on file"));
    }
    Target target = stored.get();
    access.require(reader, Operation.INSTRUCTION_READ, target.client());
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
   * Proof that a response to the stored authority request {@code requestId} is compelled by law
   * while the client may not be informed (R-AUTH-3). Issued only if the request's stored state
   * has a prohibition to inform recorded and in force and a compulsion the designated officer
   * approved; the issue is recorded as evidence (processor-wide: the client may not know).
   *
   * @param sender the processor's designated officer sending the answer
   * @throws SecurityException if {@code sender} is not the processor's designated officer
   * @throws IllegalStateException if no prohibition holds or no compulsion was approved
   * @throws java.util.NoSuchElementException if there is no such request
   */
  public LegalCompulsion compulsion(ProcessorPrincipal sender, String requestId) {
    Objects.requireNonNull(sender, "sender");
    Target target = storedTarget(Target.Kind.AUTHORITY_REQUEST, requestId)
        .orElseThrow(() -> new java.util.NoSuchElementException("no authority request "
            + requestId));
    access.require(sender, Operation.AUTHORITY_PROHIBITION, target.client());
    ApprovedCompulsion c = sources.get(Target.Kind.AUTHORITY_REQUEST).approvedCompulsion(requestId)
        .orElseThrow(() -> new IllegalStateException("authority request " + requestId
            + ": no prohibition to inform holds with a compulsion approved by the designated"
            + " officer"));
    evidence.append(EvidenceRecord.of("instruction.compulsion.issued", sender.id())
        .withBasis(c.id()).withDetail("request", requestId)
        .withDetail("client", target.client().value()).withDetail("approved_by", c.approvedBy()));
    return new LegalCompulsion(c.id(), target, c.legalBasis(), c.approvedBy(), c.approvedAt());
  }

  private Optional<Target> storedTarget(Target.Kind kind, String targetId) {
    Objects.requireNonNull(kind, "kind");
    Requests source = sources.get(kind);
    if (source == null || targetId == null) {
      return Optional.empty();
    }
    return source.target(targetId);
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
    Objects.requireNonNull(by, "by");
    Versioned<Instruction> v = load(instructionId);
    access.require(by, Operation.INSTRUCTION_FLAG, v.value().client());
    String why = Constraints.reason(reason);
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
    Objects.requireNonNull(by, "by");
    Versioned<Instruction> v = load(instructionId);
    access.require(by, Operation.INSTRUCTION_FLAG, v.value().client());
    String why = Constraints.reason(reason);
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
   *
   * @throws SecurityException if {@code reader}'s roles may not read instructions at all
   */
  public Optional<Instruction> find(Principal reader, String instructionId) {
    access.require(reader, Operation.INSTRUCTION_READ, null);
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
    return access.allows(p, Operation.INSTRUCTION_READ, client);
  }

  /**
   * True if {@code p} may carry out duty steps on a client's requests (run an instructed action,
   * extend or pause a clock, close a case): processor staff in charge, or the client's instructing
   * users (need-to-do, R-ACC-1). Running an action still needs a verified instruction.
   */
  public boolean mayHandle(Principal p, ClientId client) {
    return access.allows(p, Operation.DSR_HANDLE, client);
  }

  /** @throws SecurityException if {@code reader} may not read the client's affairs */
  public void requireReader(Principal reader, ClientId client) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(client, "client");
    access.require(reader, Operation.INSTRUCTION_READ, client);
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

}
