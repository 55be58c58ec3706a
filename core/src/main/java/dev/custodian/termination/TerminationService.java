package dev.custodian.termination;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Operation;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.retention.RetentionService;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.HostData;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
 * and the case advances step by step. Every step is stored before its side effect runs and every
 * side effect is repeatable (deleting what is gone deletes nothing; instructions carry a stable id;
 * a crashed export is removed from the sink, partial copies included, and redone under a new
 * archive id), so a crash at any point resumes without losing data or deleting twice, and leaves no
 * partial copy behind. In return mode nothing is deleted before the archive is acknowledged ({@link
 * #acknowledgeReturn}) or its checksums verified ({@link #verifyReturn}). Held records are never
 * deleted (every deletion goes through the {@link DeletionGate}). Thread-safe.
 */
public final class TerminationService {
  static final String KIND = "termination-case";
  static final String CERTIFICATE_KIND = "termination-certificate";
  /** Prefix of the per-category plan details of the mode-decided evidence entry. */
  static final String PLAN = "plan.";

  private final LeasedCases cases;
  private final Repository<CertificateOfDeletion> certificates;
  private final Wiring w;
  private final TerminationOptions options;
  private final AccessPolicy access;
  private final DownloadTokens tokens;
  private final ErasureLedger ledger;
  private final ProcessingGate gate;
  private final SubprocessorInstructions subProcessors;
  private final TerminationSteps steps;
  private final CaseChanges changes;

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
    Objects.requireNonNull(transactions, "transactions");
    this.w = Objects.requireNonNull(wiring, "wiring");
    this.options = Objects.requireNonNull(options, "options");
    this.access = new AccessPolicy(wiring.instructingRoles());
    Repository<TerminationCase> stored =
        new Repository<>(w.stateStore(), KIND, TerminationCase.class, TerminationCase::nextCheck);
    this.cases = new LeasedCases(stored, w.evidence(), w.leases(), options.lease());
    this.certificates = new Repository<>(w.stateStore(), CERTIFICATE_KIND, CertificateOfDeletion.class);
    Planner planner = new Planner(w.schedule(), w.hostData(), w.deletionGate());
    ReturnExport export = new ReturnExport(w.hostData(), w.sink());
    this.tokens = new DownloadTokens(w.stateStore(), w.evidence(), w.clock());
    this.ledger = new ErasureLedger(w.ledgerStore(), w.deletionGate(), w.keys(), w.clock());
    this.gate = new ProcessingGate(stored, planner, w.holds(), w.evidence(), w.clock());
    this.subProcessors = new SubprocessorInstructions(w, options, cases);
    ReturnSteps returns = new ReturnSteps(w, options, cases, export, subProcessors);
    DeletionSteps deletion = new DeletionSteps(w, options, cases, ledger, transactions);
    ClosingSteps closing =
        new ClosingSteps(w, options, cases, certificates, ledger, deletion, returns);
    this.steps =
        new TerminationSteps(w, cases, planner, subProcessors, returns, deletion, closing);
    this.changes = new CaseChanges(w.clock(), options, planner);
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

  // ------------------------------------------------------------------ commands

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
    Set<String> names = CaseChanges.subprocessorNames(subProcessors);
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
    TerminationCase c = changes.opened(by.id(), client, terminationDate, names);
    try {
      cases.insert(c);
    } catch (DuplicateStateException race) {
      return open(by, client, terminationDate, subProcessors);
    }
    return cases.flush(cases.find(c.id()).orElseThrow()).value();
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
    return cases.change(client, c -> changes.chosen(c, by.id(), mode, encrypted));
  }

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
    return cases.change(client, c -> changes.acknowledgedByClient(c, by.id(), manifestSha256));
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
    TerminationCase c = cases.load(client).value();
    TerminationCase.ReturnDelivery d = CaseChanges.deliveredArchive(c);
    ManifestCheck check = ReturnArchiveVerifier.verify(w.sink(), client, d.archiveId(), d.manifestSha256());
    if (!check.intact()) {
      w.evidence().append(EvidenceRecord.of(TerminationActions.ARCHIVE_VERIFICATION_FAILED, by.id())
          .withClient(client).withBasis(c.id()).withDetail("archive", d.archiveId())
          .withDetail("problems", check.problems().size()));
      return check;
    }
    cases.change(client, x -> changes.verifiedByChecksums(x, by.id()));
    return check;
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
    TerminationCase.ReturnDelivery d = CaseChanges.deliveredArchive(cases.load(client).value());
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
    return cases.change(client,
        c -> changes.subprocessorAcknowledged(c, by.id(), subProcessor, reference));
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
    return cases.list().stream().map(Versioned::value).toList();
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
    return find(reader, client).map(subProcessors::overdue).orElse(List.of());
  }

  // ------------------------------------------------------------------ running

  /**
   * Advances every case that is due now; call it periodically (every node may). Returns how many
   * cases it looked at. A failure of one case is logged and does not stop the others.
   */
  public int runDue() {
    return steps.runDue();
  }

  /**
   * Advances the client's case as far as it can go now, and returns it. Does nothing while another
   * node holds the case's lease.
   *
   * @throws IllegalStateException if the client has no case
   */
  public TerminationCase advance(ClientId client) {
    return steps.advance(client);
  }

  private void requireStaff(ProcessorPrincipal by) {
    Objects.requireNonNull(by, "principal");
    access.require(by, Operation.TERMINATION_MANAGE, null);
  }
}
