package dev.custodian;

import dev.custodian.audit.AuditService;
import dev.custodian.audit.BusinessHours;
import dev.custodian.audit.CompliancePackService;
import dev.custodian.audit.CompliancePackSettings;
import dev.custodian.audit.ProcessorIdentity;
import dev.custodian.authority.AuthorityRequestService;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.breach.BreachService;
import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.InstructingRoles;
import dev.custodian.client.Principal;
import dev.custodian.dsr.AssistanceService;
import dev.custodian.dsr.SubjectRequestService;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.instruction.InstructionService;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionBounds;
import dev.custodian.retention.RetentionMetrics;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.RetentionService;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.UnscheduledCategoryException;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.evidence.EvidenceAnchor;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.spi.WorkQueue;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemoryRectifier;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemoryWorkQueue;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import dev.custodian.subject.PseudonymizationKeys;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subprocessor.AnnexB;
import dev.custodian.subprocessor.BusinessCalendar;
import dev.custodian.subprocessor.NoticePeriods;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.subprocessor.SubprocessorRegistry;
import dev.custodian.subprocessor.SubprocessorSettings;
import dev.custodian.subprocessor.TransferRules;
import dev.custodian.termination.DirectoryArchiveSink;
import dev.custodian.termination.ErasureLedger;
import dev.custodian.termination.ProcessingGate;
import dev.custodian.termination.TerminationOptions;
import dev.custodian.termination.TerminationService;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's one entry point: built once by {@link #builder()}, it hands out the duty services.
 * Every service shares the same clock, stores and evidence log. Thread-safe once built.
 *
 * <pre>{@code
 * Custodian custodian = Custodian.builder()
 *     .clock(Clock.systemUTC())
 *     .stateStore(jdbcStateStore)
 *     .evidenceStore(jdbcEvidenceStore)
 *     .hostData(mappedHostData)
 *     .pseudonymizationKey(secret32Bytes)
 *     .build();
 * }</pre>
 */
public final class Custodian {
  private static final Logger LOG = LoggerFactory.getLogger(Custodian.class);

  /** The zone a client's calendar periods are counted in unless the host says otherwise. */
  public static final ZoneId DEFAULT_CLIENT_ZONE = ZoneId.of("Europe/Paris");

  private final Clock clock;
  private final StateStore stateStore;
  private final EvidenceStore evidenceStore;
  private final HostData hostData;
  private final Pseudonymizer pseudonymizer;
  private final ZoneId defaultClientZone;
  private final InstructingRoles instructingRoles;
  private final AccessPolicy access;
  private final EvidenceLog evidence;

  // ---- duty services: dsr, instruction, authority (foundation) ----
  private final InstructionService instructions;
  private final SubjectRequestService subjectRequests;
  private final AssistanceService assistance;
  private final AuthorityRequestService authorityRequests;

  // ---- duty services: retention, hold ----
  private final HoldService holds;
  private final DeletionGate deletionGate;
  private final RetentionService retention;

  // ---- duty services: termination ----
  private final TerminationService terminations;

  // ---- duty services: subprocessor, breach, audit ----
  private final SubprocessorRegistry subprocessors;
  private final BreachService breaches;
  private final AuditService audits;
  private final CompliancePackService compliancePacks;

  private Custodian(Builder b) {
    this.clock = b.clock;
    this.stateStore = b.stateStore;
    this.evidenceStore = b.evidenceStore;
    this.hostData = b.hostData;
    this.pseudonymizer = new Pseudonymizer(b.pseudonymizationKey);
    this.defaultClientZone = b.defaultClientZone;
    this.instructingRoles = b.instructingRoles;
    this.access = new AccessPolicy(instructingRoles);
    this.evidence = new EvidenceLog(evidenceStore, clock, b.evidenceKey != null
        ? b.evidenceKey : EvidenceKey.derivedFrom(b.pseudonymizationKey),
        b.evidenceAnchor, access);

    // ---- wiring: shared by every duty (holds, deletion gate) ----
    // Built before any duty: subject-request erasures, retention sweeps and terminations all delete
    // through this one gate and read these same holds (R-HOLD-2).
    this.holds = new HoldService(stateStore, evidence, pseudonymizer, clock);
    this.deletionGate = new DeletionGate(hostData, holds, evidence);

    // ---- wiring: dsr, instruction, authority (foundation) ----
    {
      RecordingNotifier unconfigured =
          new RecordingNotifier();
      if (b.requestNotifier == null || b.escalationChannel == null || b.responder == null) {
        LOG.warn("Custodian has no request notifier, escalation channel or responder configured:"
            + " notices, escalations and answers are only kept in memory; not for production");
      }
      RequestNotifier notifier =
          b.requestNotifier != null ? b.requestNotifier : unconfigured;
      EscalationChannel escalations =
          b.escalationChannel != null ? b.escalationChannel : unconfigured;
      Responder responder = b.responder != null ? b.responder
          : new RecordingResponder();
      Rectifier rectifier = b.rectifier != null ? b.rectifier
          : hostData instanceof InMemoryHostData memory
              ? new InMemoryRectifier(memory)
              : (client, category, recordId, fields) -> {
                  throw new IllegalStateException(
                      "no Rectifier configured: Custodian.builder().rectifier(...)");
                };
      // A client's zone is its retention setting (default: the default client zone), read when
      // needed: the legal clock of R-DSR-8 and the retention calendar count the same days.
      Function<ClientId, ZoneId> zones =
          client -> retention().settings(Principal.system(), client).zone();
      this.instructions = new InstructionService(
          stateStore, evidence, notifier, instructingRoles, clock);
      this.subjectRequests = new SubjectRequestService(stateStore, hostData,
          deletionGate, rectifier, instructions, responder, notifier, escalations, evidence,
          pseudonymizer, zones, this::retention, b.notificationDeadline,
          b.notificationEscalationDelay, clock);
      this.assistance = new AssistanceService(stateStore, subjectRequests,
          instructions, notifier, evidence, zones, clock);
      this.authorityRequests = new AuthorityRequestService(stateStore,
          hostData, instructions, responder, notifier, escalations, evidence, pseudonymizer, zones,
          clock);
    }

    // ---- wiring: retention, hold ----
    // The holds and the deletion gate are built first, above, for every duty.
    WorkQueue workQueue = b.workQueue != null ? b.workQueue : new InMemoryWorkQueue(clock);
    this.retention = new RetentionService(b.retentionSchedule,
        b.retentionBounds, stateStore, evidence, pseudonymizer, clock, defaultClientZone, holds,
        deletionGate, hostData, workQueue,
        b.sweepOptions, b.retentionMetrics, b.transactions != null ? b.transactions
            : dev.custodian.spi.Transactions.shared(hostData, evidenceStore, b.workQueue), access);

    // ---- wiring: termination ----
    if (b.keyCustody == null) {
      LOG.warn("Custodian keeps client data keys in memory: they are lost on restart; not for production");
    }
    this.terminations = new TerminationService(
        new TerminationService.Wiring(stateStore,
            b.erasureLedgerStore == null ? stateStore : b.erasureLedgerStore, evidence, hostData,
            holds, deletionGate, retention.schedule(), retention, b.archiveSink(),
            b.keyCustody == null ? new InMemoryKeyCustody() : b.keyCustody,
            b.subProcessorInstructionSender, b.terminationNotifier,
            instructingRoles, b.subProcessorsOf, clock, workQueue),
        b.terminationOptions, b.transactions != null ? b.transactions
            : dev.custodian.spi.Transactions.shared(hostData, evidenceStore, stateStore,
                b.erasureLedgerStore == null ? stateStore : b.erasureLedgerStore, b.workQueue));

    // ---- wiring: subprocessor, breach, audit ----
    this.subprocessors = new SubprocessorRegistry(stateStore, evidence,
        clock, SubprocessorSettings.defaults()
            .withZone(b.processorZone)
            .withPeriods(NoticePeriods.of(b.businessCalendar))
            .withTransferRules(b.transferRules)
            .withObjectingRoles(instructingRoles)
            .withInitialSubProcessors(b.initialSubprocessors == null
                ? AnnexB.subProcessors() : b.initialSubprocessors)
            .withSender(b.subprocessorNoticeSender));
    Supplier<Validator> validator = b.breachValidator != null
        ? () -> b.breachValidator
        : () -> Validation.buildDefaultValidatorFactory().getValidator();
    this.breaches = new BreachService(stateStore, evidence, clock,
        b.processorZone, instructingRoles, validator, b.breachNotificationSender);
    this.audits = new AuditService(stateStore, evidence, clock,
        b.processorZone, b.auditBusinessHours != null ? b.auditBusinessHours
            : new BusinessHours(b.businessCalendar,
                BusinessHours.FRANCE_DEFAULT.opens(),
                BusinessHours.FRANCE_DEFAULT.closes()),
        instructingRoles);
    // The pack shows the schedule the retention duty enforces, a host's overrides included.
    this.compliancePacks = new CompliancePackService(subprocessors, evidence,
        clock, CompliancePackSettings.defaults()
            .withProcessor(b.processorIdentity)
            .withRetentionSchedule(retention::schedule));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The clock every duty reads time from. */
  public Clock clock() {
    return clock;
  }

  /** The evidence log (R-EVID-1). */
  public EvidenceLog evidence() {
    return evidence;
  }

  /** The keyed hash that stands for subject identifiers in evidence (R-EVID-2). */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /** The host's data, as configured. */
  public HostData hostData() {
    return hostData;
  }

  /** The store of the library's own state, as configured. */
  public StateStore stateStore() {
    return stateStore;
  }

  /** The zone used for a client's calendar periods when it has none of its own. */
  public ZoneId defaultClientZone() {
    return defaultClientZone;
  }

  /** Which client principals may instruct (R-ACC-1). */
  public InstructingRoles instructingRoles() {
    return instructingRoles;
  }

  /** Who may do what: the access matrix every service enforces (docs/access.md, R-ACC-1). */
  public AccessPolicy access() {
    return access;
  }

  // ---- accessors: dsr, instruction, authority (foundation) ----
  /**
   * Subject requests: intake, routing, client notification, the legal clock, and instructed
   * export, erasure, restriction, rectification and answers (R-DSR-1 to R-DSR-8).
   */
  public SubjectRequestService subjectRequests() {
    return subjectRequests;
  }

  /** Instructions: reading, verifying, holding unlawful ones (R-DSR-3, R-ASSIST-2). */
  public InstructionService instructions() {
    return instructions;
  }

  /** Authority requests, with the prohibition-to-inform path (R-AUTH-1 to R-AUTH-3). */
  public AuthorityRequestService authorityRequests() {
    return authorityRequests;
  }

  /** Assistance with subject requests, quoted before billable work (R-DSR-5). */
  public AssistanceService assistance() {
    return assistance;
  }

  // ---- accessors: retention, hold ----

  /** The retention duty: schedule, client events, classifier, plans and sweeps (R-RET-1..6). */
  public RetentionService retention() {
    return retention;
  }

  /** Legal holds (R-HOLD-1, R-HOLD-2). */
  public HoldService holds() {
    return holds;
  }

  /** The one door every deletion of the host's data goes through; it spares held records. */
  public DeletionGate deletionGate() {
    return deletionGate;
  }

  // ---- accessors: termination ----

  /**
   * The termination duty: cases, the client's choice, return archives, deletion, sub-processor
   * confirmations, certificates (R-TERM-1..8).
   */
  public TerminationService terminations() {
    return terminations;
  }

  /** The gate the host checks before processing a client's data (R-TERM-1). */
  public ProcessingGate processingGate() {
    return terminations.gate();
  }

  /** The erasure ledger, to replay after restoring a backup (R-TERM-7). */
  public ErasureLedger erasureLedger() {
    return terminations.erasureLedger();
  }

  // ---- accessors: subprocessor, breach, audit ----

  /** The sub-processor registry, its change notices and objections (R-SUB-1 to R-SUB-5). */
  public SubprocessorRegistry subprocessors() {
    return subprocessors;
  }

  /** Incidents, breaches and the 72-hour clock (R-BR-1 to R-BR-4). */
  public BreachService breaches() {
    return breaches;
  }

  /** On-site audit requests and their rules (R-AUD-2). */
  public AuditService audits() {
    return audits;
  }

  /** Compliance packs for clients (R-ASSIST-1, R-AUD-1). */
  public CompliancePackService compliancePack() {
    return compliancePacks;
  }

  /** Builds a {@link Custodian}. Only the pseudonymisation key is required. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private StateStore stateStore;
    private EvidenceStore evidenceStore;
    private HostData hostData;
    private byte[] pseudonymizationKey;
    private EvidenceKey evidenceKey;
    private EvidenceAnchor evidenceAnchor;
    private ZoneId defaultClientZone = DEFAULT_CLIENT_ZONE;
    private InstructingRoles instructingRoles = InstructingRoles.DEFAULT;

    // ---- builder options: dsr, instruction, authority (foundation) ----
    private RequestNotifier requestNotifier;
    private EscalationChannel escalationChannel;
    private Responder responder;
    private Rectifier rectifier;
    private Duration notificationDeadline =
        SubjectRequestService.DEFAULT_NOTIFICATION_DEADLINE;
    private Duration notificationEscalationDelay =
        SubjectRequestService.DEFAULT_ESCALATION_DELAY;

    /** How clients are told of subject and authority requests, held instructions and quotes. */
    public Builder requestNotifier(RequestNotifier value) {
      this.requestNotifier = Objects.requireNonNull(value, "requestNotifier");
      return this;
    }

    /** How the processor's privacy contact is alerted (unmatched requests, overdue notices). */
    public Builder escalationChannel(EscalationChannel value) {
      this.escalationChannel = Objects.requireNonNull(value, "escalationChannel");
      return this;
    }

    /** The host's channel for answering subjects and authorities; called only through the gates. */
    public Builder responder(Responder value) {
      this.responder = Objects.requireNonNull(value, "responder");
      return this;
    }

    /** How the host corrects a record on an instructed rectification. */
    public Builder rectifier(Rectifier value) {
      this.rectifier = Objects.requireNonNull(value, "rectifier");
      return this;
    }

    /** How long after receipt a client must be notified of a subject request (default 24 h). */
    public Builder notificationDeadline(Duration value) {
      Objects.requireNonNull(value, "notificationDeadline");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the notification deadline must be positive");
      }
      this.notificationDeadline = value;
      return this;
    }

    /**
     * How long past its deadline an unsent client notification waits before it is escalated to
     * the processor's privacy contact (R-DSR-2); default zero: escalated at the first check after
     * the deadline. The notification shows as overdue from the deadline on, whatever the delay.
     */
    public Builder notificationEscalationDelay(Duration value) {
      Objects.requireNonNull(value, "notificationEscalationDelay");
      if (value.isNegative()) {
        throw new IllegalArgumentException("the notification escalation delay must be zero or positive");
      }
      this.notificationEscalationDelay = value;
      return this;
    }

    // ---- builder options: retention, hold ----
    private RetentionSchedule retentionSchedule =
        RetentionSchedule.annexA();

    private RetentionBounds retentionBounds =
        RetentionBounds.defaults();
    private WorkQueue workQueue;
    private SweepOptions sweepOptions =
        SweepOptions.defaults();
    private RetentionMetrics retentionMetrics =
        RetentionMetrics.NONE;

    /** Bounds on client-set durations (R-RET-3); default {@code RetentionBounds.defaults()}. */
    public Builder retentionBounds(RetentionBounds value) {
      this.retentionBounds = Objects.requireNonNull(value, "retentionBounds");
      return this;
    }

    /**
     * The work queue sweeps share among nodes (R-RET-6), which also holds the termination cases'
     * leases; default in memory, for one process only. Several nodes need a shared one (the JDBC
     * adapter's, whose leases run on the database's time).
     */
    public Builder workQueue(WorkQueue value) {
      this.workQueue = Objects.requireNonNull(value, "workQueue");
      return this;
    }

    private dev.custodian.spi.Transactions transactions;

    /**
     * The units of work in which a sweep batch's deletion, its evidence and its checkpoint commit
     * together. Default: the stores' own when the host data, evidence store and work queue share
     * them (the JDBC adapter's on one {@code DataSource}), otherwise none. A store wrapped in a
     * class of the host's is no longer recognised: pass {@code new JdbcTransactions(dataSource)}.
     */
    public Builder transactions(dev.custodian.spi.Transactions value) {
      this.transactions = Objects.requireNonNull(value, "transactions");
      return this;
    }

    /** Batch size, lease and node name of sweeps; default {@code SweepOptions.defaults()}. */
    public Builder sweepOptions(SweepOptions value) {
      this.sweepOptions = Objects.requireNonNull(value, "sweepOptions");
      return this;
    }

    /** Shorthand for {@code sweepOptions(sweepOptions.withBatchSize(value))}. */
    public Builder sweepBatchSize(int value) {
      this.sweepOptions = sweepOptions.withBatchSize(value);
      return this;
    }

    /** Hooks that export sweep metrics; default none. */
    public Builder retentionMetrics(RetentionMetrics value) {
      this.retentionMetrics = Objects.requireNonNull(value, "retentionMetrics");
      return this;
    }

    /**
     * The retention schedule the retention duty enforces and the compliance pack shows; default
     * {@code RetentionSchedule.annexA()}. To change a category's period, start from {@code
     * RetentionSchedule.annexA().toBuilder()} and use {@code contractualPeriod}.
     */
    public Builder retentionSchedule(RetentionSchedule value) {
      this.retentionSchedule = Objects.requireNonNull(value, "retentionSchedule");
      return this;
    }

    // ---- builder options: termination ----
    private ArchiveSink archiveSink;
    private KeyCustody keyCustody;
    private SubprocessorInstructionSender subProcessorInstructionSender =
        instruction -> {
          throw new IllegalStateException("no sub-processor instruction sender is configured:"
              + " set Custodian.builder().subProcessorInstructionSender(...)");
        };
    private TerminationNotifier terminationNotifier =
        TerminationNotifier.NONE;
    private TerminationOptions terminationOptions =
        TerminationOptions.DEFAULTS;
    private StateStore erasureLedgerStore;
    private Function<ClientId, Set<String>>
        subProcessorsOf = client -> Set.of();

    /**
     * Where return archives are delivered (R-TERM-3). Default: a {@code
     * DirectoryArchiveSink} under {@code java.io.tmpdir/custodian}; set
     * your own in production.
     */
    public Builder archiveSink(ArchiveSink value) {
      this.archiveSink = Objects.requireNonNull(value, "archiveSink");
      return this;
    }

    /** Per-client data keys destroyed at termination (R-TERM-7). Default: in memory, not for production. */
    public Builder keyCustody(KeyCustody value) {
      this.keyCustody = Objects.requireNonNull(value, "keyCustody");
      return this;
    }

    /** Sends termination instructions to sub-processors (R-TERM-4). Default: none (sends fail and are escalated). */
    public Builder subProcessorInstructionSender(SubprocessorInstructionSender value) {
      this.subProcessorInstructionSender = Objects.requireNonNull(value, "subProcessorInstructionSender");
      return this;
    }

    /** Told when an archive is ready or an acknowledgement is late. Default: no-op. */
    public Builder terminationNotifier(TerminationNotifier value) {
      this.terminationNotifier = Objects.requireNonNull(value, "terminationNotifier");
      return this;
    }

    /** Windows, delays, batch size and leases of the termination duty. */
    public Builder terminationOptions(TerminationOptions value) {
      this.terminationOptions = Objects.requireNonNull(value, "terminationOptions");
      return this;
    }

    /**
     * Where the erasure ledger is kept; keep it outside the backups of the host's data so it
     * survives a restore (R-TERM-7). Default: the state store.
     */
    public Builder erasureLedgerStore(StateStore value) {
      this.erasureLedgerStore = Objects.requireNonNull(value, "erasureLedgerStore");
      return this;
    }

    /** The names of the sub-processors that handle a client's data (R-TERM-4). Default: none. */
    public Builder subProcessorsOf(
        Function<ClientId, Set<String>> value) {
      this.subProcessorsOf = Objects.requireNonNull(value, "subProcessorsOf");
      return this;
    }

    private ArchiveSink archiveSink() {
      if (archiveSink == null) {
        java.nio.file.Path base =
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "custodian");
        archiveSink = new DirectoryArchiveSink(
            base.resolve("returns"), base.resolve("return-keys"));
      }
      return archiveSink;
    }

    // ---- builder options: subprocessor, breach, audit ----
    private ZoneId processorZone = ZoneId.of("Europe/Paris");
    private BusinessCalendar businessCalendar =
        BusinessCalendar.france();
    private TransferRules transferRules =
        TransferRules.DEFAULT;
    private List<Subprocessor> initialSubprocessors;
    private SubprocessorNoticeSender subprocessorNoticeSender;
    private BreachNotificationSender breachNotificationSender;
    private Validator breachValidator;
    private BusinessHours auditBusinessHours;
    private ProcessorIdentity processorIdentity =
        ProcessorIdentity.NOT_CONFIGURED;

    /**
     * The processor's zone: business days of sub-processor notices, breach deadlines shown, audit
     * hours. Default Europe/Paris.
     */
    public Builder processorZone(ZoneId value) {
      this.processorZone = Objects.requireNonNull(value, "processorZone");
      return this;
    }

    /** The business days of notice periods and audit hours (R-SUB-2). Default: France. */
    public Builder businessCalendar(BusinessCalendar value) {
      this.businessCalendar = Objects.requireNonNull(value, "businessCalendar");
      return this;
    }

    /** The EEA and adequacy lists the registry checks transfers against (R-SUB-4). */
    public Builder transferRules(TransferRules value) {
      this.transferRules = Objects.requireNonNull(value, "transferRules");
      return this;
    }

    /**
     * The registry stored when the state store holds none yet; default the contract's Annex B.
     * An empty list starts an empty registry.
     */
    public Builder initialSubprocessors(List<Subprocessor> value) {
      this.initialSubprocessors = List.copyOf(value);
      return this;
    }

    /** Who the clients are and how a sub-processor change notice reaches them (R-SUB-2). */
    public Builder subprocessorNoticeSender(SubprocessorNoticeSender value) {
      this.subprocessorNoticeSender = Objects.requireNonNull(value, "subprocessorNoticeSender");
      return this;
    }

    /** How a breach notification reaches a client, and an overdue one the staff (R-BR-1). */
    public Builder breachNotificationSender(BreachNotificationSender value) {
      this.breachNotificationSender = Objects.requireNonNull(value, "breachNotificationSender");
      return this;
    }

    /** The Jakarta validator of breach notifications; default: the provider on the classpath. */
    public Builder breachValidator(Validator value) {
      this.breachValidator = Objects.requireNonNull(value, "breachValidator");
      return this;
    }

    /** The hours on-site audits may take place (R-AUD-2); default 09:00-18:00 on business days. */
    public Builder auditBusinessHours(BusinessHours value) {
      this.auditBusinessHours = Objects.requireNonNull(value, "auditBusinessHours");
      return this;
    }

    /** The processor's name, address and DPO contact, for the record of processing (GDPR 30(2)). */
    public Builder processorIdentity(ProcessorIdentity value) {
      this.processorIdentity = Objects.requireNonNull(value, "processorIdentity");
      return this;
    }

    private Builder() {}

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder stateStore(StateStore value) {
      this.stateStore = Objects.requireNonNull(value, "stateStore");
      return this;
    }

    public Builder evidenceStore(EvidenceStore value) {
      this.evidenceStore = Objects.requireNonNull(value, "evidenceStore");
      return this;
    }

    public Builder hostData(HostData value) {
      this.hostData = Objects.requireNonNull(value, "hostData");
      return this;
    }

    /**
     * The secret behind pseudonyms in evidence; at least 32 random bytes; keep it stable. A key
     * that reads as an unresolved placeholder ({@code ${CUSTODIAN_KEY}}, {@code %...%}, {@code
     * changeme}) or has fewer than 8 distinct bytes is refused by {@link #build()}, and so is a
     * key other than the one recorded at the first start (see {@link
     * #rotatePseudonymizationKey}).
     */
    public Builder pseudonymizationKey(byte[] value) {
      this.pseudonymizationKey = Objects.requireNonNull(value, "pseudonymizationKey").clone();
      return this;
    }

    /**
     * The secret that keys the evidence chain (HMAC-SHA256); at least 32 bytes; from the host's
     * secret store, never kept beside the log; keep it stable. Default: derived from the
     * pseudonymisation key (see {@link EvidenceKey#derivedFrom}).
     */
    public Builder evidenceKey(byte[] value) {
      this.evidenceKey = EvidenceKey.of(value);
      return this;
    }

    /** Where the evidence chain's head is also published after each append. Default: none. */
    public Builder evidenceAnchor(EvidenceAnchor value) {
      this.evidenceAnchor = Objects.requireNonNull(value, "evidenceAnchor");
      return this;
    }

    public Builder defaultClientZone(ZoneId value) {
      this.defaultClientZone = Objects.requireNonNull(value, "defaultClientZone");
      return this;
    }

    public Builder instructingRoles(InstructingRoles value) {
      this.instructingRoles = Objects.requireNonNull(value, "instructingRoles");
      return this;
    }

    // ---- builder options: start-up checks (key fingerprint and rotation) ----
    private byte[] previousPseudonymizationKey;
    private boolean keyFingerprint = true;

    /**
     * Rotates the pseudonymisation key on purpose: give the new key to {@link
     * #pseudonymizationKey} and the key Custodian ran with until now here. At {@link #build()}
     * the recorded fingerprint of {@code previousKey} is replaced by the new key's and {@code
     * pseudonymization.key.rotated} evidence is written (fingerprints only). Pseudonyms in evidence
     * written before and after then differ for the same subject. Once the new key is recorded,
     * the previous one is ignored (with a warning): remove it from the configuration.
     */
    public Builder rotatePseudonymizationKey(byte[] previousKey) {
      this.previousPseudonymizationKey =
          Objects.requireNonNull(previousKey, "previousKey").clone();
      return this;
    }

    /**
     * Neither records nor compares the key's fingerprint: only for read-only tools that write no
     * state and no evidence (such as a dry-run report over the host's database).
     */
    public Builder withoutKeyFingerprint() {
      this.keyFingerprint = false;
      return this;
    }

    /**
     * Checks what can only be checked once everything is given: the key is no placeholder, the
     * host's data has no category the schedule lacks, and the key is the one recorded.
     */
    private void checkAtStart() {
      PseudonymizationKeys.weakness(pseudonymizationKey).ifPresent(why -> {
        throw new IllegalStateException("pseudonymizationKey is refused: " + why
            + "; use at least 32 random bytes from the processor's secret store");
      });
      Set<CategoryId> unknown = new TreeSet<>(hostData.categories());
      Set<CategoryId> valid = new TreeSet<>();
      retentionSchedule.categories().forEach(p -> valid.add(p.id()));
      unknown.removeAll(valid);
      if (!unknown.isEmpty()) {
        throw new UnscheduledCategoryException(unknown, valid);
      }
      if (keyFingerprint) {
        // The same key and anchor as the instance's log, so the rotation's entry verifies.
        EvidenceLog log = new EvidenceLog(evidenceStore, clock, evidenceKey != null ? evidenceKey
            : EvidenceKey.derivedFrom(pseudonymizationKey), evidenceAnchor);
        PseudonymizationKeyCheck.verify(stateStore, log, clock, pseudonymizationKey,
            previousPseudonymizationKey, evidenceKey == null);
      }
    }

    /**
     * @throws IllegalStateException if the pseudonymisation key is missing or looks like a
     *     placeholder
     * @throws UnscheduledCategoryException if the host's data has a
     *     category the retention schedule lacks
     * @throws PseudonymizationKeyChangedException if the key is not the one recorded at the first
     *     start and no rotation from it was asked for
     */
    public Custodian build() {
      if (pseudonymizationKey == null) {
        throw new IllegalStateException("pseudonymizationKey is required (at least 32 bytes)");
      }
      if (stateStore == null || evidenceStore == null || hostData == null) {
        LOG.warn("Custodian uses in-memory stores: state and evidence are lost on restart;"
            + " not for production");
        stateStore = stateStore == null ? new InMemoryStateStore() : stateStore;
        evidenceStore = evidenceStore == null ? new InMemoryEvidenceStore() : evidenceStore;
        hostData = hostData == null ? new InMemoryHostData() : hostData;
      }
      checkAtStart();
      return new Custodian(this);
    }
  }
}
