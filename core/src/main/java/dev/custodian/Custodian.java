package dev.custodian;

import dev.custodian.audit.AuditService;
import dev.custodian.audit.CompliancePackService;
import dev.custodian.authority.AuthorityRequestService;
import dev.custodian.breach.BreachService;
import dev.custodian.client.AccessPolicy;
import dev.custodian.client.InstructingRoles;
import dev.custodian.dsr.AssistanceService;
import dev.custodian.dsr.SubjectRequestService;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.instruction.InstructionService;
import dev.custodian.retention.RetentionService;
import dev.custodian.spi.HostData;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subprocessor.SubprocessorRegistry;
import dev.custodian.termination.ErasureLedger;
import dev.custodian.termination.ProcessingGate;
import dev.custodian.termination.TerminationService;
import java.time.Clock;
import java.time.ZoneId;

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
  /**
   * The zone a client's calendar periods are counted in unless the host says otherwise; the same
   * as {@link CustodianBuilder#DEFAULT_CLIENT_ZONE}.
   */
  public static final ZoneId DEFAULT_CLIENT_ZONE = CustodianBuilder.DEFAULT_CLIENT_ZONE;

  private final Clock clock;
  private final StateStore stateStore;
  private final HostData hostData;
  private final Pseudonymizer pseudonymizer;
  private final ZoneId defaultClientZone;
  private final InstructingRoles instructingRoles;
  private final AccessPolicy access;
  private final EvidenceLog evidence;
  private final InstructionService instructions;
  private final SubjectRequestService subjectRequests;
  private final AssistanceService assistance;
  private final AuthorityRequestService authorityRequests;
  private final HoldService holds;
  private final DeletionGate deletionGate;
  private final RetentionService retention;
  private final TerminationService terminations;
  private final SubprocessorRegistry subprocessors;
  private final BreachService breaches;
  private final AuditService audits;
  private final CompliancePackService compliancePacks;

  Custodian(CustodianAssembly a) {
    this.clock = a.options.clock;
    this.stateStore = a.stateStore;
    this.hostData = a.hostData;
    this.pseudonymizer = a.pseudonymizer;
    this.defaultClientZone = a.options.defaultClientZone;
    this.instructingRoles = a.options.instructingRoles;
    this.access = a.access;
    this.evidence = a.evidence;
    this.instructions = a.instructions;
    this.subjectRequests = a.subjectRequests;
    this.assistance = a.assistance;
    this.authorityRequests = a.authorityRequests;
    this.holds = a.holds;
    this.deletionGate = a.deletionGate;
    this.retention = a.retention;
    this.terminations = a.terminations;
    this.subprocessors = a.subprocessors;
    this.breaches = a.breaches;
    this.audits = a.audits;
    this.compliancePacks = a.compliancePacks;
  }

  /**
   * {@return a new builder with every option at its default}. Only {@link
   * CustodianBuilder#pseudonymizationKey} must be given before {@link CustodianBuilder#build()};
   * the builder's Javadoc lists each option, its default and what it refuses.
   */
  public static CustodianBuilder builder() {
    return new CustodianBuilder();
  }

  /** {@return the clock every duty reads time from; the one given to the builder} */
  public Clock clock() {
    return clock;
  }

  /**
   * {@return the evidence log every duty appends to (R-EVID-1)}: one hash chain, keyed by the
   * evidence key, shared by all the services of this instance.
   */
  public EvidenceLog evidence() {
    return evidence;
  }

  /**
   * {@return the keyed hash that stands for subject identifiers in evidence (R-EVID-2)}; the same
   * identifier gives the same pseudonym for as long as the pseudonymisation key is kept.
   */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /** {@return the host's data as given to the builder, or the in-memory stand-in made for it} */
  public HostData hostData() {
    return hostData;
  }

  /** {@return the store of the library's own state, or the in-memory stand-in made for it} */
  public StateStore stateStore() {
    return stateStore;
  }

  /** {@return the zone a client's calendar periods are counted in when it sets none itself} */
  public ZoneId defaultClientZone() {
    return defaultClientZone;
  }

  /** {@return which client principals may give instructions (R-ACC-1)} */
  public InstructingRoles instructingRoles() {
    return instructingRoles;
  }

  /**
   * {@return who may do what}: the access matrix every service of this instance enforces
   * (docs/access.md, R-ACC-1).
   */
  public AccessPolicy access() {
    return access;
  }

  // ---- accessors: dsr, instruction, authority (foundation) ----
  /**
   * {@return the subject-request duty}: intake, routing, client notification, the legal clock,
   * and instructed export, erasure, restriction, rectification and answers (R-DSR-1 to R-DSR-8).
   */
  public SubjectRequestService subjectRequests() {
    return subjectRequests;
  }

  /**
   * {@return the instructions duty}: reading, verifying, and holding unlawful instructions
   * (R-DSR-3, R-ASSIST-2).
   */
  public InstructionService instructions() {
    return instructions;
  }

  /**
   * {@return the authority-request duty}, with its prohibition-to-inform path (R-AUTH-1 to
   * R-AUTH-3).
   */
  public AuthorityRequestService authorityRequests() {
    return authorityRequests;
  }

  /** {@return assistance with subject requests}, quoted before billable work (R-DSR-5). */
  public AssistanceService assistance() {
    return assistance;
  }

  // ---- accessors: retention, hold ----

  /**
   * {@return the retention duty}: schedule, client events, classifier, plans and sweeps
   * (R-RET-1 to R-RET-6).
   */
  public RetentionService retention() {
    return retention;
  }

  /**
   * {@return the legal holds} that every deletion of this instance respects (R-HOLD-1,
   * R-HOLD-2).
   */
  public HoldService holds() {
    return holds;
  }

  /**
   * {@return the one door every deletion of the host's data goes through}; it spares held
   * records.
   */
  public DeletionGate deletionGate() {
    return deletionGate;
  }

  // ---- accessors: termination ----

  /**
   * {@return the termination duty}: cases, the client's choice, return archives, deletion,
   * sub-processor confirmations, certificates (R-TERM-1 to R-TERM-8).
   */
  public TerminationService terminations() {
    return terminations;
  }

  /** {@return the gate the host checks before processing a client's data (R-TERM-1)} */
  public ProcessingGate processingGate() {
    return terminations.gate();
  }

  /** {@return the erasure ledger, to replay after restoring a backup (R-TERM-7)} */
  public ErasureLedger erasureLedger() {
    return terminations.erasureLedger();
  }

  // ---- accessors: subprocessor, breach, audit ----

  /**
   * {@return the sub-processor registry}, its change notices and objections (R-SUB-1 to
   * R-SUB-5).
   */
  public SubprocessorRegistry subprocessors() {
    return subprocessors;
  }

  /** {@return the breach duty}: incidents, breaches and the 72-hour clock (R-BR-1 to R-BR-4). */
  public BreachService breaches() {
    return breaches;
  }

  /** {@return the audit duty}: on-site audit requests and their rules (R-AUD-2). */
  public AuditService audits() {
    return audits;
  }

  /** {@return the compliance packs offered to clients} (R-ASSIST-1, R-AUD-1). */
  public CompliancePackService compliancePack() {
    return compliancePacks;
  }
}
