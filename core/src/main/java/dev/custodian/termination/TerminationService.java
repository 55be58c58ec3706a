package dev.custodian.termination;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.PlanEntry;
import dev.custodian.retention.RetentionService;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.HostData;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.SubprocessorInstruction;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The termination duty (R-TERM-1 to R-TERM-8, R-HOLD-1, R-EVID-3): when a client's contract ends,
 * stop processing its data, return or delete it as the client chooses (deleting by default), keep
 * only what the law requires as a restricted archive, have every sub-processor do the same, destroy
 * the client's key once nothing needs it, and issue a certificate of deletion that the evidence log
 * backs.
 *
 * <p>How it runs: {@link #open} starts a case; the client chooses with {@link #chooseReturn} or
 * {@link #chooseDelete}; the host calls {@link #runDue()} periodically (every node may: a lease
 * in the {@link WorkQueue}, measured in its store's time, keeps each case to one node at a time)
 * and the case advances step by step. Every step is stored
 * before its side effect runs and every side effect is repeatable (deleting what is gone deletes
 * nothing; instructions carry a stable id; a crashed export is removed from the sink, partial
 * copies included, and redone under a new archive id), so a crash at any point resumes without
 * losing data or deleting twice, and leaves no partial copy behind. In return mode nothing is
 * deleted before the archive is acknowledged ({@link #acknowledgeReturn}) or its checksums verified
 * ({@link #verifyReturn}). Held records are never deleted (every deletion goes through the {@link
 * DeletionGate}). Thread-safe.
 */
public final class TerminationService {
  static final String KIND = "termination-case";
  static final String CERTIFICATE_KIND = "termination-certificate";
  private static final Logger LOG = LoggerFactory.getLogger(TerminationService.class);
  private static final String SYSTEM = "system";
  /** Prefix of the per-category plan details of the mode-decided evidence entry. */
  static final String PLAN = "plan.";
  /** The work-queue job holding a case's lease: one job per case, one unit in it. */
  static final String LEASE_JOB = "termination-lease:";
  static final String LEASE_UNIT = "case";

  private final Repository<TerminationCase> cases;
  private final Repository<CertificateOfDeletion> certificates;
  private final Wiring w;
  private final Transactions transactions;
  private final TerminationOptions options;
  private final AccessPolicy access;
  private final Planner planner;
  private final ReturnExport export;
  private final DownloadTokens tokens;
  private final ErasureLedger ledger;
  private final ProcessingGate gate;
  private final String instance = "node-" + UUID.randomUUID();
  /** The lease this node holds on a case while advancing it, by case id. */
  private final Map<String, WorkQueue.WorkClaim> claims = new ConcurrentHashMap<>();

  /**
   * What the termination duty works with. {@code ledgerStore} may be the same store as {@code
   * stateStore}; keep it outside the backups of the host's data so the ledger survives a restore.
   *
   * @param subProcessorsOf the names of the sub-processors that handle a client's data (R-TERM-4),
   *     used when {@link #open} is not given them
   * @param leases where a node takes a case to itself while advancing it: one unit per case, its
   *     lease measured in the queue's own time (the database's with the JDBC queue), so nodes with
   *     skewed clocks still agree on who holds a case
   */
  public record Wiring(
      StateStore stateStore,
      StateStore ledgerStore,
      EvidenceLog evidence,
      HostData hostData,
      HoldService holds,
      DeletionGate deletionGate,
      RetentionSchedule schedule,
      RetentionService retention,
      ArchiveSink sink,
      KeyCustody keys,
      SubprocessorInstructionSender sender,
      TerminationNotifier notifier,
      InstructingRoles instructingRoles,
      Function<ClientId, Set<String>> subProcessorsOf,
      Clock clock,
      WorkQueue leases) {

    public Wiring {
      Objects.requireNonNull(stateStore, "stateStore");
      Objects.requireNonNull(ledgerStore, "ledgerStore");
      Objects.requireNonNull(evidence, "evidence");
      Objects.requireNonNull(hostData, "hostData");
      Objects.requireNonNull(holds, "holds");
      Objects.requireNonNull(deletionGate, "deletionGate");
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(retention, "retention");
      Objects.requireNonNull(sink, "sink");
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(instructingRoles, "instructingRoles");
      Objects.requireNonNull(clock, "clock");
      notifier = notifier == null ? TerminationNotifier.NONE : notifier;
      subProcessorsOf = subProcessorsOf == null ? c -> Set.of() : subProcessorsOf;
      Objects.requireNonNull(leases, "leases");
    }
  }

  public TerminationService(Wiring wiring, TerminationOptions options) {
    this(wiring, options, Transactions.none());
  }

  /**
   * Like {@link #TerminationService(Wiring, TerminationOptions)}, with the units of work in which
   * a deletion batch, its evidence and the case's progress commit together ({@link
   * Transactions#none()} where the stores cannot share one).
   */
  public TerminationService(Wiring wiring, TerminationOptions options, Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.w = Objects.requireNonNull(wiring, "wiring");
    this.options = Objects.requireNonNull(options, "options");
    this.access = new AccessPolicy(wiring.instructingRoles());
    this.cases = new Repository<>(w.stateStore(), KIND, TerminationCase.class, TerminationCase::nextCheck);
    this.certificates = new Repository<>(w.stateStore(), CERTIFICATE_KIND, CertificateOfDeletion.class);
    this.planner = new Planner(w.schedule(), w.hostData(), w.deletionGate());
    this.export = new ReturnExport(w.hostData(), w.sink());
    this.tokens = new DownloadTokens(w.stateStore(), w.evidence(), w.clock());
    this.ledger = new ErasureLedger(w.ledgerStore(), w.deletionGate(), w.keys(), w.clock());
    this.gate = new ProcessingGate(cases, planner, w.holds(), w.evidence(), w.clock());
  }

  static String caseId(ClientId client) {
    return "term-" + client.value();
  }

  /** The gate the host checks before processing a client's data (R-TERM-1). */
  public ProcessingGate gate() {
    return gate;
  }

  /** The erasure ledger, to replay after a backup restore (R-TERM-7). */
  public ErasureLedger erasureLedger() {
    return ledger;
  }

  // ------------------------------------------------------------------ opening and choosing

  /**
   * Opens the termination of {@code client}'s contract at {@code terminationDate}, with the
   * sub-processors the host says handle its data. From that date the {@link #gate()} refuses
   * processing; the client may choose until {@code terminationDate + choiceWindow}. Also records the
   * contract end as a client event, so retention clocks counted from it start. Calling it again with
   * the same date returns the existing case.
   *
   * @throws SecurityException if {@code by} is neither operator nor designated officer
   * @throws IllegalStateException if a case exists with another termination date
   */
  public TerminationCase open(ProcessorPrincipal by, ClientId client, Instant terminationDate,
      Set<String> subProcessors) {
    requireStaff(by);
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(terminationDate, "terminationDate");
    Set<String> names = new TreeSet<>(Objects.requireNonNull(subProcessors, "subProcessors"));
    names.forEach(n -> {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("a sub-processor needs a name");
      }
    });
    Optional<Versioned<TerminationCase>> existing = cases.find(caseId(client));
    if (existing.isPresent()) {
      TerminationCase c = existing.get().value();
      if (!c.terminationDate().equals(terminationDate)) {
        throw new IllegalStateException("client " + client + " already has a termination case,"
            + " effective " + c.terminationDate());
      }
      return c;
    }
    // The contract end starts the retention clocks counted from it (archives, deletions).
    if (w.retention().events().contractEnd(Principal.system(), client)
        .filter(e -> e.at().equals(terminationDate)).isEmpty()) {
      w.retention().events().contractEnded(by, client, terminationDate, caseId(client));
    }
    Instant now = w.clock().instant();
    List<TerminationCase.SubprocessorStep> subs = new ArrayList<>();
    for (String n : names) {
      subs.add(TerminationCase.SubprocessorStep.pending(n, caseId(client) + "-" + UUID.randomUUID()));
    }
    TerminationCase c = new TerminationCase(caseId(client), client, now, by.id(), terminationDate,
        terminationDate.plus(options.choiceWindow()), null, null, null, false, null,
        TerminationPhase.AWAITING_CHOICE, planner.scheduleVersion(), List.of(), null, subs, null, 0,
        null, null, null, terminationDate, null, null,
        List.of(EvidenceRecord.of("termination.opened", by.id())
            .withStep(caseId(client) + "/opened")
            .withClient(client)
            .withBasis(c(client)).withDetail("terminationDate", terminationDate)
            .withDetail("choiceDeadline", terminationDate.plus(options.choiceWindow()))
            .withDetail("subProcessors", names.toString())));
    try {
      cases.insert(c.id(), client, c);
    } catch (DuplicateStateException race) {
      return open(by, client, terminationDate, subProcessors);
    }
    return flush(cases.find(c.id()).orElseThrow()).value();
  }

  /** Like {@link #open(ProcessorPrincipal, ClientId, Instant, Set)}, with the host's sub-processor list. */
  public TerminationCase open(ProcessorPrincipal by, ClientId client, Instant terminationDate) {
    return open(by, client, terminationDate, w.subProcessorsOf().apply(client));
  }

  /**
   * The client chooses to get its data back (R-TERM-2, R-TERM-3), optionally encrypted with a key
   * delivered separately. May be changed until the work starts; not after the deadline.
   *
   * @throws SecurityException if {@code by} may not instruct for the client (R-ACC-1)
   * @throws IllegalStateException if the deadline passed or the work started
   */
  public TerminationCase chooseReturn(ClientPrincipal by, ClientId client, boolean encrypted) {
    return choose(by, client, TerminationMode.RETURN, encrypted);
  }

  /**
   * The client chooses irreversible deletion (R-TERM-2).
   *
   * @throws SecurityException if {@code by} may not instruct for the client (R-ACC-1)
   * @throws IllegalStateException if the deadline passed or the work started
   */
  public TerminationCase chooseDelete(ClientPrincipal by, ClientId client) {
    return choose(by, client, TerminationMode.DELETE, false);
  }

  private TerminationCase choose(ClientPrincipal by, ClientId client, TerminationMode mode,
      boolean encrypted) {
    Objects.requireNonNull(by, "by");
    access.require(by, Operation.TERMINATION_CHOOSE, client);
    return change(client, c -> {
      Instant now = w.clock().instant();
      if (c.phase() != TerminationPhase.AWAITING_CHOICE) {
        throw new IllegalStateException("the termination is already under way in mode " + c.mode()
            + "; the choice can no longer change");
      }
      if (!now.isBefore(c.choiceDeadline())) {
        throw new IllegalStateException("the choice deadline " + c.choiceDeadline()
            + " has passed: the data is deleted by default (R-TERM-2)");
      }
      return c.withChoice(mode, by.id(), now, encrypted)
          .withNextCheck(c.terminatedAt(now) ? now : c.terminationDate())
          .withOutbox(List.of(EvidenceRecord.of("termination.choice.made", by.id())
              .withClient(client).withBasis(c.id()).withDetail("choice", mode)
              .withDetail("encrypted", encrypted)));
    });
  }

  // ------------------------------------------------------------------ acknowledgements

  /**
   * The client acknowledges receipt of its return archive, naming the manifest it received; the
   * hand-over is recorded (R-TERM-8) and deletion may start.
   *
   * @throws SecurityException if {@code by} may not instruct for the client
   * @throws IllegalStateException if no archive was delivered or the manifest hash differs
   */
  public TerminationCase acknowledgeReturn(ClientPrincipal by, ClientId client, String manifestSha256) {
    Objects.requireNonNull(by, "by");
    access.require(by, Operation.TERMINATION_CHOOSE, client);
    return change(client, c -> {
      TerminationCase.ReturnDelivery d = deliveredArchive(c);
      if (!d.manifestSha256().equalsIgnoreCase(Objects.requireNonNull(manifestSha256, "manifestSha256"))) {
        throw new IllegalStateException("the acknowledged manifest is not the one delivered");
      }
      return acknowledged(c, d, by.id(), "client");
    });
  }

  /**
   * The processor checks the delivered archive, as stored in the sink, against its manifest. If
   * every checksum matches, that counts as confirmed delivery: the hand-over is recorded (R-TERM-8)
   * and deletion may start. If not, nothing changes but the failure is recorded.
   *
   * @throws SecurityException if {@code by} is neither operator nor designated officer
   * @throws IllegalStateException if no archive was delivered
   */
  public ManifestCheck verifyReturn(ProcessorPrincipal by, ClientId client) {
    requireStaff(by);
    TerminationCase c = load(client).value();
    TerminationCase.ReturnDelivery d = deliveredArchive(c);
    ManifestCheck check = ReturnArchiveVerifier.verify(w.sink(), client, d.archiveId(), d.manifestSha256());
    if (!check.intact()) {
      w.evidence().append(EvidenceRecord.of("termination.archive.verification_failed", by.id())
          .withClient(client).withBasis(c.id()).withDetail("archive", d.archiveId())
          .withDetail("problems", check.problems().size()));
      return check;
    }
    change(client, x -> x.delivery() != null && x.delivery().acknowledged() ? x
        : acknowledged(x, deliveredArchive(x), by.id(), "checksums"));
    return check;
  }

  private TerminationCase acknowledged(TerminationCase c, TerminationCase.ReturnDelivery d, String by,
      String how) {
    if (d.acknowledged()) {
      return c;
    }
    Instant now = w.clock().instant();
    return c.withDelivery(d.withAcknowledged(now, by, how)).withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of("termination.return.handed_over", by)
            .withStep(stepId(c, "return.handed_over", d.archiveId()))
            .withClient(c.client()).withBasis(c.id()).withDetail("archive", d.archiveId())
            .withDetail("manifestSha256", d.manifestSha256()).withDetail("confirmedBy", how)
            .withDetail("note", "from the hand-over on, the returned copy is the client's responsibility (DPA 8.3)")));
  }

  private static TerminationCase.ReturnDelivery deliveredArchive(TerminationCase c) {
    if (c.delivery() == null || !c.delivery().delivered()) {
      throw new IllegalStateException("no return archive has been delivered for client " + c.client());
    }
    return c.delivery();
  }

  /**
   * Issues a temporary download token for the client's delivered archive (R-EVID-3): shown once,
   * kept only as a salted hash, expiring after the configured time.
   *
   * @throws SecurityException unless {@code by} is an administrator or super administrator of the
   *     client: the archive is all the client's data (R-TERM-3, Annex C 9; docs/access.md)
   * @throws IllegalStateException if no archive was delivered
   */
  public DownloadToken issueDownloadToken(Principal by, ClientId client) {
    Objects.requireNonNull(by, "by");
    access.require(by, Operation.TERMINATION_DOWNLOAD_TOKEN, client);
    TerminationCase.ReturnDelivery d = deliveredArchive(load(client).value());
    return tokens.issue(client, d.archiveId(), d.location(), options.downloadTokenTtl(), by.id());
  }

  /** The archive id a download token opens, if it is genuine, the client's and not expired. */
  public Optional<String> redeemDownloadToken(ClientId client, String token) {
    return tokens.redeem(client, token);
  }

  /**
   * Records a sub-processor's confirmation that it returned or deleted the client's data (R-TERM-4).
   *
   * @param reference the sub-processor's own reference (a ticket, a letter); no personal data
   * @throws SecurityException if {@code by} is neither operator nor designated officer
   * @throws IllegalArgumentException if the sub-processor was not instructed for this client
   */
  public TerminationCase acknowledgeSubProcessor(ProcessorPrincipal by, ClientId client,
      String subProcessor, String reference) {
    requireStaff(by);
    return change(client, c -> {
      TerminationCase.SubprocessorStep s = c.subProcessor(subProcessor).orElseThrow(() ->
          new IllegalArgumentException(subProcessor + " is not a sub-processor of this termination"));
      if (s.acknowledged()) {
        return c;
      }
      Instant now = w.clock().instant();
      return c.withSubProcessor(subProcessor, x -> x.withAcknowledged(now, by.id(), reference))
          .withNextCheck(now)
          .withOutbox(List.of(EvidenceRecord.of("termination.subprocessor.acknowledged", by.id())
              .withStep(stepId(c, "subprocessor.acknowledged", subProcessor))
              .withClient(client).withBasis(c.id()).withDetail("subProcessor", subProcessor)
              .withDetail("instruction", s.instructionId())
              .withDetail("reference", reference == null ? "" : reference)));
    });
  }

  // ------------------------------------------------------------------ reading

  /**
   * The client's termination case, if any.
   *
   * @throws SecurityException if {@code reader} may not read the client's affairs (R-ACC-1, R-ACC-2)
   */
  public Optional<TerminationCase> find(Principal reader, ClientId client) {
    access.require(reader, Operation.TERMINATION_READ, client);
    return find(client);
  }

  /** The client's case, read by this duty and its tests (no principal: not public). */
  Optional<TerminationCase> find(ClientId client) {
    return cases.find(caseId(client)).map(Versioned::value);
  }

  /**
   * Every termination case, ordered by id.
   *
   * @throws SecurityException unless {@code reader} is processor staff in charge or the system
   */
  public List<TerminationCase> all(Principal reader) {
    access.require(reader, Operation.TERMINATION_READ_ALL, null);
    return all();
  }

  /** Every case, read by this duty and its tests (no principal: not public). */
  List<TerminationCase> all() {
    return cases.list(null).stream().map(Versioned::value).toList();
  }

  /**
   * The client's certificate of deletion, once issued (R-TERM-6).
   *
   * @throws SecurityException if {@code reader} may not act for the client (R-ACC-2)
   */
  public Optional<CertificateOfDeletion> certificate(Principal reader, ClientId client) {
    access.require(reader, Operation.TERMINATION_READ, client);
    return certificates.find(caseId(client)).map(Versioned::value);
  }

  /**
   * Sub-processors whose acknowledgement is overdue, per case (R-TERM-4).
   *
   * @throws SecurityException as {@link #find}
   */
  public List<TerminationCase.SubprocessorStep> overdueSubProcessors(Principal reader,
      ClientId client) {
    Instant now = w.clock().instant();
    return find(reader, client).map(c -> c.subProcessors().stream()
        .filter(s -> !s.acknowledged() && s.issuedAt() != null
            && !now.isBefore(escalationDue(s)))
        .toList()).orElse(List.of());
  }

  // ------------------------------------------------------------------ running

  /**
   * Logs a failure that is retried later, with its stack trace, unless its message may quote
   * personal data: then only the exception's class is logged (R-EVID-2).
   */
  private static void warn(RuntimeException e, String message, Object... args) {
    if (quotesPersonalData(e)) {
      Object[] withClass = java.util.Arrays.copyOf(args, args.length + 1);
      withClass[args.length] = e.getClass().getName();
      LOG.warn(message + ": {} (message withheld: it may hold personal data)", withClass);
    } else {
      Object[] withCause = java.util.Arrays.copyOf(args, args.length + 1);
      withCause[args.length] = e;
      LOG.warn(message, withCause);
    }
  }

  /**
   * Advances every case that is due now; call it periodically (every node may). Returns how many
   * cases it looked at. A failure of one case is logged and does not stop the others.
   */
  public int runDue() {
    int n = 0;
    for (Versioned<TerminationCase> v : cases.listDue(w.clock().instant())) {
      n++;
      try {
        advance(v.value().client());
      } catch (RuntimeException e) {
        warn(e, "termination case {} could not advance; it is retried at the next run",
            v.value().id());
      }
    }
    return n;
  }

  /**
   * Advances the client's case as far as it can go now, and returns it. Does nothing while another
   * node holds the case's lease.
   *
   * @throws IllegalStateException if the client has no case
   */
  public TerminationCase advance(ClientId client) {
    TerminationCase first = load(client).value();
    String job = LEASE_JOB + first.id();
    w.leases().enqueue(job, List.of(LEASE_UNIT));
    Optional<WorkQueue.WorkClaim> claim = w.leases().claim(job, instance, options.lease());
    if (claim.isEmpty()) {
      return first;
    }
    claims.put(first.id(), claim.get());
    TerminationCase last = first;
    try {
      while (true) {
        Versioned<TerminationCase> v = load(client);
        last = v.value();
        try {
          if (!step(v)) {
            last = load(client).value();
            break;
          }
        } catch (StaleStateException concurrent) {
          // An acknowledgement or another node changed the case: read it again and decide anew.
          LOG.debug("termination case {} changed concurrently; re-reading", last.id());
        }
      }
    } catch (LeaseLost lost) {
      LOG.warn("termination case {}: this node's lease ran out; another node takes over", lost.caseId);
      claims.remove(first.id());
      return load(client).value();
    } catch (RuntimeException e) {
      release(first.id());
      throw e;
    }
    // An Error (the process is going down) keeps the lease: it runs out in the store's time.
    release(first.id());
    return last;
  }

  /** Renews this node's lease on the case; stops the step if another node took it over. */
  private void renew(String caseId) {
    WorkQueue.WorkClaim claim = claims.get(caseId);
    if (claim == null || !w.leases().checkpoint(claim, null, 0, options.lease())) {
      throw new LeaseLost(caseId);
    }
  }

  /** Gives up this node's lease on the case, so any node may take it at once. */
  private void release(String caseId) {
    WorkQueue.WorkClaim claim = claims.remove(caseId);
    if (claim != null) {
      w.leases().checkpoint(claim, null, 0, Duration.ZERO);
    }
  }

  /** This node no longer holds the case's lease: it must stop writing. */
  private static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient String caseId;

    LeaseLost(String caseId) {
      super("the lease on termination case " + caseId + " was lost", null, false, false);
      this.caseId = caseId;
    }
  }

  /** Does one step; false when the case waits for time or for someone. */
  private boolean step(Versioned<TerminationCase> v) {
    if (!v.value().outbox().isEmpty()) {
      flush(v);
      return true;
    }
    TerminationCase c = v.value();
    return switch (c.phase()) {
      case AWAITING_CHOICE -> decide(v);
      case PLANNED -> prepare(v);
      case EXPORTING -> exportArchive(v);
      case AWAITING_ACKNOWLEDGEMENT -> awaitAcknowledgement(v);
      case DELETING -> deleteNext(v);
      case AWAITING_SUB_PROCESSORS -> awaitSubProcessors(v);
      case CERTIFIED -> maintain(v);
      case CLOSED -> {
        if (c.nextCheck() != null || c.leaseOwner() != null || c.leaseUntil() != null) {
          park(v, c.withClosed(c.closedAt()), null);
        }
        yield false;
      }
    };
  }

  private boolean decide(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    if (!c.terminatedAt(now)) {
      park(v, c, c.terminationDate());
      return false;
    }
    if (c.choice() == null && now.isBefore(c.choiceDeadline())) {
      park(v, c, c.choiceDeadline());
      return false;
    }
    TerminationMode mode = c.choice() == null ? TerminationMode.DELETE_BY_DEFAULT : c.choice();
    SubprocessorInstruction.Action action = mode == TerminationMode.RETURN
        ? SubprocessorInstruction.Action.RETURN_THEN_DELETE : SubprocessorInstruction.Action.DELETE;
    List<TerminationCase.SubprocessorStep> subs = c.subProcessors().stream()
        .map(s -> s.withAction(action, now)).toList();
    List<TerminationCase.CategoryStep> plan = planner.plan(c.client(), mode, c.terminationDate(),
        w.retention().settings(Principal.system(), c.client()).zone());
    EvidenceRecord decided = EvidenceRecord.of(mode == TerminationMode.DELETE_BY_DEFAULT
            ? "termination.choice.defaulted" : "termination.mode.decided", SYSTEM)
        .withStep(stepId(c, "mode.decided")).withClient(c.client()).withBasis(c.id())
        .withDetail("mode", mode)
        .withDetail("scheduleVersion", planner.scheduleVersion());
    for (TerminationCase.CategoryStep s : plan) {
      // One detail per category: the plan, with the counts it was made on.
      decided = decided.withDetail(PLAN + s.category(), planLine(s));
    }
    List<EvidenceRecord> out = List.of(decided);
    save(v, c.withPlan(mode, planner.scheduleVersion(), plan, subs).withNextCheck(now)
        .withOutbox(out));
    return true;
  }

  /** Restricts legal archives, then sends the sub-processors' instructions, one per step. */
  private boolean prepare(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    for (TerminationCase.CategoryStep s : c.categories()) {
      if (s.disposition() == Disposition.LEGAL_ARCHIVE && !s.restricted()) {
        RecordSelection all = RecordSelection.all(c.client(), s.category());
        // Held records are restricted too: a hold keeps them as a confidential archive (R-HOLD-1).
        w.hostData().restrict(all);
        long held = w.deletionGate().countHeld(all);
        long archived = w.hostData().count(all) - held;
        save(v, c.withCategory(s.category(), x -> x.withArchived(archived, held))
            .withOutbox(List.of(EvidenceRecord.of("termination.category.archived", SYSTEM)
                .withStep(stepId(c, "category.archived", s.category().value()))
                .withClient(c.client()).withBasis(c.id()).withDetail("category", s.category())
                .withDetail("archived", archived).withDetail("held", held)
                .withDetail("until", s.archivedUntil())
                .withDetail("clock", s.archiveFromContractEnd() ? "contract end" : "record time")
                .withDetail("legalBasis", s.basis()))));
        return true;
      }
    }
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (s.sentAt() == null && s.attempts() == 0) {
        send(v, s);
        return true;
      }
    }
    save(v, c.withPhase(c.mode() == TerminationMode.RETURN
        ? TerminationPhase.EXPORTING : TerminationPhase.DELETING));
    return true;
  }

  private void send(Versioned<TerminationCase> v, TerminationCase.SubprocessorStep s) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    SubprocessorInstruction instruction = new SubprocessorInstruction(s.instructionId(),
        c.client(), s.name(), s.action(), c.terminationDate(), s.issuedAt());
    try {
      w.sender().send(instruction);
    } catch (RuntimeException e) {
      warn(e, "instruction {} to sub-processor {} could not be sent; retried later",
          s.instructionId(), s.name());
      save(v, c.withSubProcessor(s.name(), x -> x.withAttempt(now, false))
          .withOutbox(List.of(EvidenceRecord.of("termination.subprocessor.send_failed", SYSTEM)
              .withStep(stepId(c, "subprocessor.send_failed", s.name(), "" + (s.attempts() + 1)))
              .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", s.name())
              .withDetail("instruction", s.instructionId()))));
      return;
    }
    save(v, c.withSubProcessor(s.name(), x -> x.withAttempt(now, true))
        .withOutbox(List.of(EvidenceRecord.of("termination.subprocessor.instructed", SYSTEM)
            .withStep(stepId(c, "subprocessor.instructed", s.name()))
            .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", s.name())
            .withDetail("instruction", s.instructionId()).withDetail("action", s.action()))));
  }

  private boolean exportArchive(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    TerminationCase.ReturnDelivery previous = c.delivery();
    if (previous != null && !previous.delivered() && !previous.discarded()) {
      discardArchive(v, previous);
      return true;
    }
    int attempt = previous == null ? 1 : previous.attempt() + 1;
    String archiveId = archiveId(c, attempt);
    // The attempt is stored first: an export that crashes is discarded, then redone under a new
    // archive id (an encrypted one under a new key).
    AtomicReference<Versioned<TerminationCase>> started = new AtomicReference<>(save(v,
        c.withDelivery(TerminationCase.ReturnDelivery.started(attempt, archiveId,
            c.encryptReturn(), now, previous == null ? List.of() : previous.discardedArchives()))));
    List<CategoryId> returned = c.categories().stream()
        .filter(s -> s.disposition() == Disposition.RETURN_THEN_DELETE)
        .map(TerminationCase.CategoryStep::category).toList();
    byte[] key = c.encryptReturn() ? ArchiveCipher.newKey() : null;
    ReturnExport.Result result;
    try {
      // The lease is renewed after each category, so a long export keeps the case to itself.
      result = export.export(c.client(), c.id(), archiveId, returned, c.scheduleVersion(), key, now,
          () -> renew(c.id()));
      if (key != null) {
        w.sink().deliverKey(c.client(), archiveId, key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("return archive " + archiveId + " could not be written", e);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
    ReturnManifest m = result.manifest();
    TerminationCase next = started.get().value();
    for (ReturnManifest.ManifestFile f : m.files()) {
      next = next.withCategory(f.category(), s -> s.withReturned(f.records()));
    }
    Instant done = w.clock().instant();
    next = next.withDelivery(started.get().value().delivery().withDelivered(result.manifestSha256(),
            m.totalRecords(), m.earliestRecord(), m.latestRecord(),
            w.sink().location(c.client(), archiveId), done))
        .withPhase(TerminationPhase.AWAITING_ACKNOWLEDGEMENT).withNextCheck(done)
        .withOutbox(List.of(EvidenceRecord.of("termination.archive.delivered", SYSTEM)
            .withStep(stepId(c, "archive.delivered", archiveId))
            .withClient(c.client()).withBasis(c.id()).withDetail("archive", archiveId)
            .withDetail("manifestSha256", result.manifestSha256())
            .withDetail("records", m.totalRecords()).withDetail("files", m.files().size())
            .withDetail("encrypted", key != null)
            .withDetail("scheduleVersion", c.scheduleVersion())));
    save(started.get(), next);
    return true;
  }

  static String archiveId(TerminationCase c, int attempt) {
    return c.id() + "-return-" + attempt;
  }

  /**
   * Removes what an export that stopped half-way left in the sink (finished files, partial copies
   * holding personal data, its key), checks that no partial copy remains, and records it.
   */
  private void discardArchive(Versioned<TerminationCase> v, TerminationCase.ReturnDelivery abandoned) {
    TerminationCase c = v.value();
    String archiveId = abandoned.archiveId();
    List<String> removed;
    List<String> left;
    try {
      removed = w.sink().discard(c.client(), archiveId);
      left = w.sink().partialFiles(c.client(), archiveId);
    } catch (IOException e) {
      throw new UncheckedIOException("abandoned return archive " + archiveId + " could not be removed", e);
    }
    if (!left.isEmpty()) {
      throw new IllegalStateException("abandoned return archive " + archiveId + " still holds "
          + left.size() + " partial files after removal; retried at the next run");
    }
    save(v, c.withDelivery(abandoned.withDiscarded())
        .withOutbox(List.of(EvidenceRecord.of("termination.archive.discarded", SYSTEM)
            .withStep(stepId(c, "archive.discarded", archiveId))
            .withClient(c.client()).withBasis(c.id()).withDetail("archive", archiveId)
            .withDetail("attempt", abandoned.attempt()).withDetail("filesRemoved", removed.size())
            .withDetail("partialFilesLeft", 0))));
  }

  /**
   * How many partial copies the return's attempts left in the sink, counted when the certificate
   * is issued (0 unless a sink failed to remove them).
   */
  private int partialFilesLeft(TerminationCase c) {
    if (c.delivery() == null) {
      return 0;
    }
    int n = 0;
    for (int i = 1; i <= c.delivery().attempt(); i++) {
      try {
        n += w.sink().partialFiles(c.client(), archiveId(c, i)).size();
      } catch (IOException e) {
        throw new UncheckedIOException("the return archive store could not be listed", e);
      }
    }
    return n;
  }

  private boolean awaitAcknowledgement(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    TerminationCase.ReturnDelivery d = c.delivery();
    Instant now = w.clock().instant();
    if (d.acknowledged()) {
      save(v, c.withPhase(TerminationPhase.DELETING));
      return true;
    }
    if (d.readyNotifiedAt() == null) {
      w.notifier().returnArchiveReady(c.client(), d.archiveId(), d.location());
      save(v, c.withDelivery(d.withReadyNotified(now)));
      return true;
    }
    Instant overdue = d.deliveredAt().plus(options.returnAcknowledgementDelay());
    if (d.overdueNotifiedAt() == null && !now.isBefore(overdue)) {
      w.notifier().returnAcknowledgementOverdue(c.client(), d.archiveId(), d.deliveredAt());
      save(v, c.withDelivery(d.withOverdueNotified(now))
          .withOutbox(List.of(EvidenceRecord.of("termination.archive.acknowledgement_overdue", SYSTEM)
              .withStep(stepId(c, "archive.acknowledgement_overdue", d.archiveId()))
              .withClient(c.client()).withBasis(c.id()).withDetail("archive", d.archiveId()))));
      return true;
    }
    if (subProcessorChores(v)) {
      return true;
    }
    Instant next = d.overdueNotifiedAt() == null ? overdue : now.plus(options.archiveCheckInterval());
    park(v, c, earliest(next, nextSubProcessorCheck(c)));
    return false;
  }

  private boolean deleteNext(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Optional<TerminationCase.CategoryStep> next = c.categories().stream()
        .filter(s -> s.deletedAtTermination() && !s.deletionDone()).findFirst();
    if (next.isEmpty()) {
      save(v, c.withPhase(TerminationPhase.AWAITING_SUB_PROCESSORS));
      return true;
    }
    TerminationCase.CategoryStep s = next.get();
    if (c.mode() == TerminationMode.RETURN
        && (c.delivery() == null || !c.delivery().acknowledged())) {
      throw new IllegalStateException("refusing to delete before the return is acknowledged");
    }
    RecordSelection all = RecordSelection.all(c.client(), s.category());
    String ledgerId = c.id() + "." + s.category();
    if (s.cursor() == null) {
      // The ledger line is written before the first batch, so it exists for whatever gets deleted.
      ledger.recordIntent(ledgerId, c.client(), s.category(), null, null, c.id());
    }
    // One unit of work where the stores share a database: the batch's deletion, its evidence and
    // the case's new cursor (or the category's completion) commit together, so a crash leaves
    // neither rows deleted without their evidence nor a cursor ahead of them (R-EVID-1).
    return transactions.inOneTransaction(() -> deleteOneBatch(v, c, s, all, ledgerId));
  }

  private boolean deleteOneBatch(Versioned<TerminationCase> v, TerminationCase c,
      TerminationCase.CategoryStep s, RecordSelection all, String ledgerId) {
    DeletionBatch b = w.deletionGate().deleteBatch(all, s.cursor(), options.deletionBatchSize(),
        SYSTEM, "termination.deletion.batch", c.id());
    if (!b.exhausted()) {
      save(v, c.withCategory(s.category(), x -> x.withCursor(b.nextKey())));
      return true;
    }
    // Counted as records gone rather than summed per batch: a crash between a batch and its
    // checkpoint must not make the certificate under-count.
    long remaining = w.hostData().count(all);
    long held = w.deletionGate().countHeld(all);
    if (remaining > 0) {
      // What a hold kept is a confidential archive, processed for no other purpose (R-HOLD-1).
      w.hostData().restrict(all);
    }
    long deleted = Math.max(0, s.atStart() - remaining);
    ledger.complete(ledgerId, deleted);
    save(v, c.withCategory(s.category(), x -> x.withCursor(b.nextKey()).withDeletionDone(deleted, held))
        .withOutbox(List.of(EvidenceRecord.of("termination.category.deleted", SYSTEM)
            .withStep(stepId(c, "category.deleted", s.category().value()))
            .withClient(c.client()).withBasis(c.id()).withDetail("category", s.category())
            .withDetail("disposition", s.disposition()).withDetail("deleted", deleted)
            .withDetail("held", held))));
    return true;
  }

  private boolean awaitSubProcessors(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    if (subProcessorChores(v)) {
      return true;
    }
    if (c.subProcessors().stream().allMatch(TerminationCase.SubprocessorStep::acknowledged)) {
      if (c.keyDestroyedAt() == null && keyFree(c, w.clock().instant())) {
        // Nothing needs the key any more: destroy it first, so the certificate can say so.
        destroyKey(v);
        return true;
      }
      issueCertificate(v);
      return true;
    }
    park(v, c, nextSubProcessorCheck(c));
    return false;
  }

  /** Re-sends a failed instruction or escalates a missing acknowledgement; true if it did one. */
  private boolean subProcessorChores(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (s.sentAt() == null && s.action() != null
          && (s.lastAttemptAt() == null || !now.isBefore(s.lastAttemptAt().plus(options.retryInterval())))) {
        send(v, s);
        return true;
      }
    }
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (!s.acknowledged() && s.escalatedAt() == null && s.issuedAt() != null
          && !now.isBefore(escalationDue(s))) {
        w.notifier().subProcessorAcknowledgementOverdue(c.client(), s.name(), s.instructionId(),
            s.sentAt());
        save(v, c.withSubProcessor(s.name(), x -> x.withEscalated(now))
            .withOutbox(List.of(EvidenceRecord.of("termination.subprocessor.escalated", SYSTEM)
                .withStep(stepId(c, "subprocessor.escalated", s.name()))
                .withClient(c.client()).withBasis(c.id()).withDetail("subProcessor", s.name())
                .withDetail("instruction", s.instructionId())
                .withDetail("sent", s.sentAt() != null))));
        return true;
      }
    }
    return false;
  }

  private Instant escalationDue(TerminationCase.SubprocessorStep s) {
    return (s.sentAt() != null ? s.sentAt() : s.issuedAt())
        .plus(options.subProcessorAcknowledgementDelay());
  }

  private Instant nextSubProcessorCheck(TerminationCase c) {
    Instant now = w.clock().instant();
    Instant next = null;
    for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
      if (s.acknowledged() || s.issuedAt() == null) {
        continue;
      }
      if (s.sentAt() == null) {
        next = earliest(next, s.lastAttemptAt() == null ? now : s.lastAttemptAt().plus(options.retryInterval()));
      }
      if (s.escalatedAt() == null) {
        next = earliest(next, escalationDue(s));
      }
    }
    return next == null ? now.plus(options.archiveCheckInterval()) : next;
  }

  private void issueCertificate(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    // Issued once: after a crash, the stored certificate is reused, never recomputed.
    CertificateOfDeletion cert = certificates.find(c.id()).map(Versioned::value).orElseGet(() -> {
      EvidenceEntry head = w.evidence().head().orElseThrow();
      CertificateOfDeletion fresh = Certificates.build(c, keyStatus(c), partialFilesLeft(c), head, now);
      try {
        certificates.insert(c.id(), c.client(), fresh);
        return fresh;
      } catch (DuplicateStateException race) {
        return certificates.find(c.id()).orElseThrow().value();
      }
    });
    save(v, c.withCertificate(cert.sha256(), cert.issuedAt()).withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of("termination.certificate.issued", SYSTEM)
            .withStep(stepId(c, "certificate.issued"))
            .withClient(c.client()).withBasis(c.id()).withDetail("certificateSha256", cert.sha256())
            .withDetail("evidenceFrom", cert.evidenceFrom())
            .withDetail("evidenceTo", cert.evidenceTo()))));
  }

  private String keyStatus(TerminationCase c) {
    if (c.keyDestroyedAt() != null) {
      return "destroyed at " + c.keyDestroyedAt();
    }
    Instant archiveEnd = c.categories().stream()
        .filter(s -> s.disposition() == Disposition.LEGAL_ARCHIVE && s.atStart() > 0)
        .map(TerminationCase.CategoryStep::archivedUntil).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
    return "kept while restricted archives or holds need it"
        + (archiveEnd == null ? "" : " (archives end by " + archiveEnd + ")")
        + "; then destroyed, making copies that cannot be deleted row by row unreadable (R-TERM-7)";
  }

  /**
   * After the certificate: deletes archived records whose period ended and held records whose
   * hold was released, and destroys the client's key once nothing needs it (R-TERM-5, R-TERM-7).
   */
  private boolean maintain(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    Instant now = w.clock().instant();
    for (TerminationCase.CategoryStep s : c.categories()) {
      if (s.disposition() == Disposition.NOT_CLIENT_DATA || s.disposition() == Disposition.NOT_STORED) {
        continue;
      }
      List<RecordSelection> doomed = new ArrayList<>();
      String why;
      String basis;
      if (s.disposition() == Disposition.LEGAL_ARCHIVE) {
        // The schedule, not this duty, says when an archived record's period is over (R-TERM-5).
        PlanEntry entry = w.retention().plan(Principal.system(), c.client(), s.category());
        entry.selections().stream().filter(p -> p.deletable() > 0)
            .forEach(p -> doomed.add(p.toSelection(c.client(), s.category())));
        why = "termination.archive.expired";
        basis = String.join(", ", entry.rules());
      } else {
        RecordSelection all = RecordSelection.all(c.client(), s.category());
        if (w.hostData().count(w.deletionGate().sparingHolds(all)) > 0) {
          doomed.add(all);
        }
        why = "termination.hold_release.deleted";
        basis = s.basis() == null ? "" : s.basis();
      }
      if (doomed.isEmpty()) {
        continue;
      }
      long deleted = 0;
      for (int i = 0; i < doomed.size(); i++) {
        deleted += deleteAll(c, s.category(), doomed.get(i), why,
            c.id() + "." + s.category() + "." + now.toEpochMilli() + "." + i);
      }
      if (deleted == 0) {
        // The host reports records it does not delete: do not spin on them; retried at the next check.
        LOG.warn("termination case {}: records of {} could not be deleted", c.id(), s.category());
        continue;
      }
      long total = s.archiveDeleted() + deleted;
      long count = deleted;
      save(v, c.withCategory(s.category(), x -> x.withArchiveDeleted(total))
          .withOutbox(List.of(EvidenceRecord.of(why, SYSTEM)
              .withStep(stepId(c, why.substring("termination.".length()), s.category().value(), "" + total))
              .withClient(c.client())
              .withBasis(c.id()).withDetail("category", s.category()).withDetail("deleted", count)
              .withDetail("rules", basis))));
      return true;
    }
    if (keyFree(c, now)) {
      if (c.keyDestroyedAt() == null) {
        destroyKey(v);
        return true;
      }
      save(v, c.withClosed(now).withOutbox(List.of(EvidenceRecord.of("termination.closed", SYSTEM)
          .withStep(stepId(c, "closed")).withClient(c.client()).withBasis(c.id()))));
      return true;
    }
    Instant next = now.plus(options.archiveCheckInterval());
    park(v, c, pendingArchive(c, now).map(p -> earliest(p, next)).orElse(next));
    return false;
  }

  /**
   * Deletes everything {@code sel} selects, sparing held records, and returns how many went. A
   * plain time window is written to the erasure ledger first; a slice narrowed by subjects is not
   * (the schedule that chose it chooses it again after a restore).
   */
  private long deleteAll(TerminationCase c, CategoryId category, RecordSelection sel, String why,
      String ledgerId) {
    boolean plain = sel.subjects().isEmpty() && sel.excluding().isEmpty();
    if (plain) {
      ledger.recordIntent(ledgerId, c.client(), category, sel.from(), sel.before(), c.id());
    }
    long before = w.hostData().count(sel);
    String cursor = null;
    DeletionBatch b;
    do {
      b = w.deletionGate().deleteBatch(sel, cursor, options.deletionBatchSize(), SYSTEM,
          why + ".batch", c.id());
      cursor = b.nextKey();
    } while (!b.exhausted());
    long deleted = before - w.hostData().count(sel);
    if (plain) {
      ledger.complete(ledgerId, deleted);
    }
    return deleted;
  }

  /** The end of the latest restricted archive still running, if any. */
  private static Optional<Instant> pendingArchive(TerminationCase c, Instant now) {
    // An archive that never held a record needs no key; one that did, until its period ends.
    return c.categories().stream()
        .filter(s -> s.disposition() == Disposition.LEGAL_ARCHIVE && s.atStart() > 0)
        .map(TerminationCase.CategoryStep::archivedUntil).filter(now::isBefore)
        .min(Comparator.naturalOrder());
  }

  /**
   * True once nothing needs the client's key (R-TERM-7): no restricted archive runs, no hold is
   * active, and none of the client's data is left.
   */
  private boolean keyFree(TerminationCase c, Instant now) {
    return pendingArchive(c, now).isEmpty() && w.holds().active(Principal.system(), c.client()).isEmpty()
        && c.categories().stream().filter(s -> s.disposition() != Disposition.NOT_CLIENT_DATA)
            .noneMatch(s -> w.hostData().count(RecordSelection.all(c.client(), s.category())) > 0);
  }

  private void destroyKey(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    String ledgerId = c.id() + ".key";
    // Written before the key goes, so a restore that brings the key back destroys it again.
    ledger.recordKeyIntent(ledgerId, c.client(), c.id());
    w.keys().destroy(c.client());
    ledger.complete(ledgerId, 0);
    Instant now = w.clock().instant();
    save(v, c.withKeyDestroyed(now).withNextCheck(now)
        .withOutbox(List.of(EvidenceRecord.of("termination.key.destroyed", SYSTEM)
            .withStep(stepId(c, "key.destroyed")).withClient(c.client()).withBasis(c.id()))));
  }

  // ------------------------------------------------------------------ persistence

  private Versioned<TerminationCase> load(ClientId client) {
    return cases.find(caseId(Objects.requireNonNull(client, "client")))
        .orElseThrow(() -> new IllegalStateException("client " + client + " has no termination case"));
  }

  /**
   * Stores the next state under this node's lease, renewed first: a node that lost it (its step
   * outlasted the lease) stores nothing.
   */
  private Versioned<TerminationCase> save(Versioned<TerminationCase> v, TerminationCase next) {
    renew(next.id());
    next = stepped(next, v.version());
    // Leases live in the work queue now; a lease stored by an earlier version is cleared.
    return cases.update(next.id(), v, next.withLease(null, null));
  }

  /** Stores the state and sets when the case next needs attention; the lease goes at the end. */
  private void park(Versioned<TerminationCase> v, TerminationCase c, Instant nextCheck) {
    TerminationCase next = c.withNextCheck(nextCheck).withLease(null, null);
    if (!next.equals(v.value())) {
      cases.update(next.id(), v, next);
    }
  }

  /** Appends the evidence stored with the last state change, then clears it. */
  private Versioned<TerminationCase> flush(Versioned<TerminationCase> v) {
    TerminationCase c = v.value();
    long first = 0;
    for (EvidenceRecord r : c.outbox()) {
      EvidenceEntry e = w.evidence().append(r);
      first = first == 0 ? e.sequence() : first;
    }
    TerminationCase next = c.withOutbox(List.of());
    if (c.evidenceFrom() == 0 && first > 0) {
      next = next.withEvidenceFrom(first);
    }
    return cases.update(c.id(), v, next);
  }

  /**
   * Applies a change made by a person (a choice, an acknowledgement) with optimistic retries, then
   * appends its evidence.
   */
  private TerminationCase change(ClientId client, Function<TerminationCase, TerminationCase> change) {
    for (int attempt = 0; ; attempt++) {
      Versioned<TerminationCase> v = load(client);
      if (!v.value().outbox().isEmpty()) {
        v = flush(v);
      }
      TerminationCase next = change.apply(v.value());
      if (next == v.value()) {
        return next;
      }
      next = stepped(next, v.version());
      try {
        return flush(cases.update(next.id(), v, next)).value();
      } catch (StaleStateException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /**
   * The identity of one step of the case, for its evidence entry: the same however often the step
   * is resumed, so the log keeps its evidence once (a crash between the append and the state
   * update appends it again on resume, as a no-op).
   */
  static String stepId(TerminationCase c, String... parts) {
    return c.id() + "/" + String.join("/", parts);
  }

  /**
   * Gives the outbox records that name no step the identity of the state change that carries them
   * (the version it replaces): one change, one step.
   */
  private static TerminationCase stepped(TerminationCase next, long replacedVersion) {
    if (next.outbox().stream().allMatch(r -> r.step() != null)) {
      return next;
    }
    List<EvidenceRecord> out = new ArrayList<>();
    for (int i = 0; i < next.outbox().size(); i++) {
      EvidenceRecord r = next.outbox().get(i);
      out.add(r.step() != null ? r : r.withStep(stepId(next, r.action().substring(
          r.action().indexOf('.') + 1), "v" + replacedVersion + (i == 0 ? "" : "." + i))));
    }
    return next.withOutbox(out);
  }

  /** The plan of one category as the evidence records it: disposition, records, held. */
  static String planLine(TerminationCase.CategoryStep s) {
    return s.disposition() + " records=" + s.atStart() + " held=" + s.heldAtStart();
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static String c(ClientId client) {
    return caseId(client);
  }

  private void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "principal");
    access.require(by, Operation.TERMINATION_MANAGE, null);
  }

  /** A host's or driver's exception may quote a row: then it is logged by its class only. */
  private static boolean quotesPersonalData(RuntimeException e) {
    return dev.custodian.subject.PersonalDataDetector.standard().quotesPersonalData(e);
  }
}
