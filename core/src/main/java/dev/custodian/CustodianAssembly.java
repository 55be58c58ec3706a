package dev.custodian;

import dev.custodian.audit.AuditService;
import dev.custodian.audit.BusinessHours;
import dev.custodian.audit.CompliancePackService;
import dev.custodian.audit.CompliancePackSettings;
import dev.custodian.authority.AuthorityRequestService;
import dev.custodian.breach.BreachService;
import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.Principal;
import dev.custodian.dsr.AssistanceService;
import dev.custodian.dsr.SubjectRequestService;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.hold.DeletionGate;
import dev.custodian.hold.HoldService;
import dev.custodian.instruction.InstructionService;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemoryRectifier;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemoryWorkQueue;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.RetentionService;
import dev.custodian.retention.UnscheduledCategoryException;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import dev.custodian.subject.PseudonymizationKeys;
import dev.custodian.subject.Pseudonymizer;
import dev.custodian.subprocessor.AnnexB;
import dev.custodian.subprocessor.NoticePeriods;
import dev.custodian.subprocessor.SubprocessorRegistry;
import dev.custodian.subprocessor.SubprocessorSettings;
import dev.custodian.termination.DirectoryArchiveSink;
import dev.custodian.termination.TerminationService;
import dev.custodian.terms.CategoryId;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the services of one {@link Custodian} from a builder's options, each after everything it
 * needs: the stores and the evidence log, then the holds and the deletion gate every deletion goes
 * through (R-HOLD-2), then retention, whose client settings give the other duties their zone, then
 * requests, termination, sub-processors, breaches and audits. Defaults that are objects of their
 * own (in-memory stores, notifiers, key custody) are made here for this instance only; the options
 * are read, never written.
 */
final class CustodianAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(Custodian.class);

  final CustodianOptions options;
  final StateStore stateStore;
  final EvidenceStore evidenceStore;
  final HostData hostData;
  final Pseudonymizer pseudonymizer;
  final AccessPolicy access;
  final EvidenceLog evidence;
  final HoldService holds;
  final DeletionGate deletionGate;
  final RetentionService retention;
  final InstructionService instructions;
  final SubjectRequestService subjectRequests;
  final AssistanceService assistance;
  final AuthorityRequestService authorityRequests;
  final TerminationService terminations;
  final SubprocessorRegistry subprocessors;
  final BreachService breaches;
  final AuditService audits;
  final CompliancePackService compliancePacks;
  // Kept for the configuration line: defaults this instance made for itself.
  final ArchiveSink archiveSink;
  final KeyCustody keyCustody;
  final WorkQueue workQueue;

  CustodianAssembly(CustodianOptions o) {
    if (o.pseudonymizationKey == null) {
      throw new IllegalStateException("pseudonymizationKey is required (at least 32 bytes)");
    }
    this.options = o;
    if (o.stateStore == null || o.evidenceStore == null || o.hostData == null) {
      LOG.warn("Custodian uses in-memory stores: state and evidence are lost on restart;"
          + " not for production");
    }
    this.stateStore = o.stateStore != null ? o.stateStore : new InMemoryStateStore();
    this.evidenceStore = o.evidenceStore != null ? o.evidenceStore : new InMemoryEvidenceStore();
    this.hostData = o.hostData != null ? o.hostData : new InMemoryHostData();
    checkKeyAndCategories(o);
    EvidenceKey evidenceKey = o.evidenceKey != null
        ? o.evidenceKey : EvidenceKey.derivedFrom(o.pseudonymizationKey);
    if (o.keyFingerprint) {
      // The same key and anchor as the instance's log, so the rotation's entry verifies.
      EvidenceLog log = new EvidenceLog(evidenceStore, o.clock, evidenceKey, o.evidenceAnchor);
      PseudonymizationKeyCheck.verify(stateStore, log, o.clock, o.pseudonymizationKey,
          o.previousPseudonymizationKey, o.evidenceKey == null);
    }

    // The foundation every duty shares.
    this.pseudonymizer = new Pseudonymizer(o.pseudonymizationKey);
    this.access = new AccessPolicy(o.instructingRoles);
    this.evidence = new EvidenceLog(evidenceStore, o.clock, evidenceKey, o.evidenceAnchor, access);
    // Subject-request erasures, retention sweeps and terminations all delete through this one
    // gate and read these same holds (R-HOLD-2).
    this.holds = new HoldService(stateStore, evidence, pseudonymizer, o.clock);
    this.deletionGate = new DeletionGate(hostData, holds, evidence);

    // Retention: its client settings are the zones the other duties count days in.
    this.workQueue = o.workQueue != null ? o.workQueue : new InMemoryWorkQueue(o.clock);
    this.retention = new RetentionService(o.retentionSchedule, o.retentionBounds, stateStore,
        evidence, pseudonymizer, o.clock, o.defaultClientZone, holds, deletionGate, hostData,
        workQueue, o.sweepOptions, o.retentionMetrics, o.transactions != null ? o.transactions
            : Transactions.shared(hostData, evidenceStore, o.workQueue), access);
    // A client's zone is its retention setting (default: the default client zone), read when
    // needed: the legal clock of R-DSR-8 and the retention calendar count the same days.
    RetentionService clientSettings = retention;
    Function<ClientId, ZoneId> zones =
        client -> clientSettings.settings(Principal.system(), client).zone();

    // Subject requests, instructions, assistance, authority requests.
    RecordingNotifier unconfigured = new RecordingNotifier();
    if (o.requestNotifier == null || o.escalationChannel == null || o.responder == null) {
      LOG.warn("Custodian has no request notifier, escalation channel or responder configured:"
          + " notices, escalations and answers are only kept in memory; not for production");
    }
    RequestNotifier notifier = o.requestNotifier != null ? o.requestNotifier : unconfigured;
    EscalationChannel escalations =
        o.escalationChannel != null ? o.escalationChannel : unconfigured;
    Responder responder = o.responder != null ? o.responder : new RecordingResponder();
    this.instructions = new InstructionService(
        stateStore, evidence, notifier, o.instructingRoles, o.clock);
    this.subjectRequests = new SubjectRequestService(stateStore, hostData, deletionGate,
        rectifier(o), instructions, responder, notifier, escalations, evidence, pseudonymizer,
        zones, retention, o.notificationDeadline, o.notificationEscalationDelay, o.clock);
    this.assistance = new AssistanceService(stateStore, subjectRequests, instructions, notifier,
        evidence, zones, o.clock);
    this.authorityRequests = new AuthorityRequestService(stateStore, hostData, instructions,
        responder, notifier, escalations, evidence, pseudonymizer, zones, o.clock);

    // Termination.
    if (o.keyCustody == null) {
      LOG.warn("Custodian keeps client data keys in memory: they are lost on restart;"
          + " not for production");
    }
    this.keyCustody = o.keyCustody != null ? o.keyCustody : new InMemoryKeyCustody();
    this.archiveSink = o.archiveSink != null ? o.archiveSink : temporaryArchiveSink();
    StateStore ledgerStore = o.erasureLedgerStore != null ? o.erasureLedgerStore : stateStore;
    this.terminations = new TerminationService(
        new TerminationService.Wiring(stateStore, ledgerStore, evidence, hostData, holds,
            deletionGate, retention.schedule(), retention, archiveSink, keyCustody,
            instructionSender(o), o.terminationNotifier, o.instructingRoles, o.subProcessorsOf,
            o.clock, workQueue),
        o.terminationOptions, o.transactions != null ? o.transactions
            : Transactions.shared(hostData, evidenceStore, stateStore, ledgerStore, o.workQueue));

    // Sub-processors, breaches, audits, compliance packs.
    this.subprocessors = new SubprocessorRegistry(stateStore, evidence, o.clock,
        SubprocessorSettings.defaults()
            .withZone(o.processorZone)
            .withPeriods(NoticePeriods.of(o.businessCalendar))
            .withTransferRules(o.transferRules)
            .withObjectingRoles(o.instructingRoles)
            .withInitialSubProcessors(o.initialSubprocessors != null
                ? o.initialSubprocessors : AnnexB.subProcessors())
            .withSender(o.subprocessorNoticeSender));
    // Looked up when first needed, so that a host without breaches needs no provider.
    Validator given = o.breachValidator;
    Supplier<Validator> validator = given != null
        ? () -> given : () -> Validation.buildDefaultValidatorFactory().getValidator();
    this.breaches = new BreachService(stateStore, evidence, o.clock, o.processorZone,
        o.instructingRoles, validator, o.breachNotificationSender);
    this.audits = new AuditService(stateStore, evidence, o.clock, o.processorZone,
        o.auditBusinessHours != null ? o.auditBusinessHours : new BusinessHours(
            o.businessCalendar, BusinessHours.FRANCE_DEFAULT.opens(),
            BusinessHours.FRANCE_DEFAULT.closes()),
        o.instructingRoles);
    // The pack shows the schedule the retention duty enforces, a host's overrides included.
    RetentionSchedule schedule = retention.schedule();
    this.compliancePacks = new CompliancePackService(subprocessors, evidence, o.clock,
        CompliancePackSettings.defaults()
            .withProcessor(o.processorIdentity)
            .withRetentionSchedule(() -> schedule));
  }

  /** The instance, after the one INFO line that says how it is configured. */
  Custodian custodian() {
    Custodian custodian = new Custodian(this);
    LOG.info("Custodian built: {}", EffectiveConfiguration.describe(this));
    return custodian;
  }

  /**
   * Checks what can only be checked once everything is given: the key is no placeholder and the
   * host's data has no category the schedule lacks. (Whether the key is the one recorded is
   * checked next, once the evidence key is known.)
   */
  private void checkKeyAndCategories(CustodianOptions o) {
    PseudonymizationKeys.weakness(o.pseudonymizationKey).ifPresent(why -> {
      throw new IllegalStateException("pseudonymizationKey is refused: " + why
          + "; use at least 32 random bytes from the processor's secret store");
    });
    Set<CategoryId> unknown = new TreeSet<>(hostData.categories());
    Set<CategoryId> valid = new TreeSet<>();
    o.retentionSchedule.categories().forEach(p -> valid.add(p.id()));
    unknown.removeAll(valid);
    if (!unknown.isEmpty()) {
      throw new UnscheduledCategoryException(unknown, valid);
    }
  }

  private Rectifier rectifier(CustodianOptions o) {
    if (o.rectifier != null) {
      return o.rectifier;
    }
    if (hostData instanceof InMemoryHostData memory) {
      return new InMemoryRectifier(memory);
    }
    return (client, category, recordId, fields) -> {
      throw new IllegalStateException(
          "no Rectifier configured: Custodian.builder().rectifier(...)");
    };
  }

  private static SubprocessorInstructionSender instructionSender(CustodianOptions o) {
    if (o.subProcessorInstructionSender != null) {
      return o.subProcessorInstructionSender;
    }
    return instruction -> {
      throw new IllegalStateException("no sub-processor instruction sender is configured:"
          + " set Custodian.builder().subProcessorInstructionSender(...)");
    };
  }

  private static ArchiveSink temporaryArchiveSink() {
    Path base = Path.of(System.getProperty("java.io.tmpdir"), "custodian");
    return new DirectoryArchiveSink(base.resolve("returns"), base.resolve("return-keys"));
  }
}
