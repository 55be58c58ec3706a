package dev.custodian;

import dev.custodian.audit.BusinessHours;
import dev.custodian.audit.ProcessorIdentity;
import dev.custodian.client.ClientId;
import dev.custodian.retention.RetentionBounds;
import dev.custodian.retention.RetentionMetrics;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.SweepOptions;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.spi.Transactions;
import dev.custodian.spi.WorkQueue;
import dev.custodian.subprocessor.BusinessCalendar;
import dev.custodian.subprocessor.TransferRules;
import dev.custodian.termination.TerminationOptions;
import jakarta.validation.Validator;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
/**
 * The options of the retention, termination, sub-processor, breach and audit duties, which hosts
 * call on {@link CustodianBuilder}; kept in their own file so that each half of the builder stays
 * short.
 */
abstract sealed class CustodianDutyOptions permits CustodianBuilder {
  // Null in the options means "the default", resolved by CustodianAssembly, never written back.
  final CustodianOptions o = new CustodianOptions();

  private CustodianBuilder self() {
    return (CustodianBuilder) this;
  }

  // ---- retention and holds ----

  /**
   * The retention schedule the retention duty enforces and the compliance pack shows; default
   * {@link CustodianBuilder#DEFAULT_RETENTION_SCHEDULE}. To change a category's period, start
   * from {@code RetentionSchedule.annexA().toBuilder()}. Refuses null; {@link
   * CustodianBuilder#build()} refuses a schedule that lacks a category the host's data holds.
   *
   * @param value the schedule
   * @return this builder
   */
  public final CustodianBuilder retentionSchedule(RetentionSchedule value) {
    o.retentionSchedule = Objects.requireNonNull(value, "retentionSchedule");
    return self();
  }

  /**
   * Bounds on client-set durations (R-RET-3); default {@link
   * CustodianBuilder#DEFAULT_RETENTION_BOUNDS}. Refuses null.
   *
   * @param value the bounds
   * @return this builder
   */
  public final CustodianBuilder retentionBounds(RetentionBounds value) {
    o.retentionBounds = Objects.requireNonNull(value, "retentionBounds");
    return self();
  }

  /**
   * The work queue sweeps share among nodes (R-RET-6), which also holds the termination cases'
   * leases. Default: in memory, for one process only; several nodes need a shared one (the JDBC
   * adapter's, whose leases run on the database's time). Refuses null.
   *
   * @param value the shared queue
   * @return this builder
   */
  public final CustodianBuilder workQueue(WorkQueue value) {
    o.workQueue = Objects.requireNonNull(value, "workQueue");
    return self();
  }

  /**
   * The units of work in which a sweep batch's deletion, its evidence and its checkpoint commit
   * together. Default: the stores' own when the host data, evidence store and work queue share
   * them (the JDBC adapter's on one {@code DataSource}), otherwise none. A store wrapped in a class
   * of the host's is no longer recognised: pass {@code new JdbcTransactions(dataSource)}. Refuses
   * null.
   *
   * @param value the units of work
   * @return this builder
   */
  public final CustodianBuilder transactions(Transactions value) {
    o.transactions = Objects.requireNonNull(value, "transactions");
    return self();
  }

  /**
   * Batch size, lease and node name of sweeps. Default {@link SweepOptions#defaults()}: batches of
   * 1000, 5-minute leases and a node name drawn at random for each builder. Refuses null.
   *
   * @param value the options
   * @return this builder
   */
  public final CustodianBuilder sweepOptions(SweepOptions value) {
    o.sweepOptions = Objects.requireNonNull(value, "sweepOptions");
    return self();
  }

  /**
   * Shorthand for {@code sweepOptions(sweepOptions.withBatchSize(value))}: keeps the lease and
   * node. Default 1000, as in {@link SweepOptions#defaults()}. Refuses a size below 1 ({@link
   * IllegalArgumentException}).
   *
   * @param value records per batch, at least 1
   * @return this builder
   */
  public final CustodianBuilder sweepBatchSize(int value) {
    o.sweepOptions = o.sweepOptions.withBatchSize(value);
    return self();
  }

  /**
   * Hooks that export sweep metrics; default {@link RetentionMetrics#NONE}. Refuses null.
   *
   * @param value the host's hooks
   * @return this builder
   */
  public final CustodianBuilder retentionMetrics(RetentionMetrics value) {
    o.retentionMetrics = Objects.requireNonNull(value, "retentionMetrics");
    return self();
  }

  // ---- termination ----

  /**
   * Where return archives are delivered (R-TERM-3). Default: a {@code DirectoryArchiveSink} under
   * {@code java.io.tmpdir/custodian}; set your own in production. Refuses null.
   *
   * @param value the host's sink
   * @return this builder
   */
  public final CustodianBuilder archiveSink(ArchiveSink value) {
    o.archiveSink = Objects.requireNonNull(value, "archiveSink");
    return self();
  }

  /**
   * Per-client data keys, destroyed at termination (R-TERM-7). Default: in memory, lost on
   * restart, with a warning at build; not for production. Refuses null.
   *
   * @param value the host's key custody
   * @return this builder
   */
  public final CustodianBuilder keyCustody(KeyCustody value) {
    o.keyCustody = Objects.requireNonNull(value, "keyCustody");
    return self();
  }

  /**
   * Sends termination instructions to sub-processors (R-TERM-4). Default: none, so every send
   * fails and is retried, then escalated. Refuses null.
   *
   * @param value the host's sender
   * @return this builder
   */
  public final CustodianBuilder subProcessorInstructionSender(SubprocessorInstructionSender value) {
    o.subProcessorInstructionSender =
        Objects.requireNonNull(value, "subProcessorInstructionSender");
    return self();
  }

  /**
   * Told when an archive is ready or an acknowledgement is late. Default: no-op. Refuses null.
   *
   * @param value the host's notifier
   * @return this builder
   */
  public final CustodianBuilder terminationNotifier(TerminationNotifier value) {
    o.terminationNotifier = Objects.requireNonNull(value, "terminationNotifier");
    return self();
  }

  /**
   * Windows, delays, batch size and leases of the termination duty; default {@link
   * CustodianBuilder#DEFAULT_TERMINATION_OPTIONS}. Refuses null.
   *
   * @param value the options
   * @return this builder
   */
  public final CustodianBuilder terminationOptions(TerminationOptions value) {
    o.terminationOptions = Objects.requireNonNull(value, "terminationOptions");
    return self();
  }

  /**
   * Where the erasure ledger is kept; keep it outside the backups of the host's data so it
   * survives a restore (R-TERM-7). Default: the state store. Refuses null.
   *
   * @param value a store kept apart from the backups of the host's data
   * @return this builder
   */
  public final CustodianBuilder erasureLedgerStore(StateStore value) {
    o.erasureLedgerStore = Objects.requireNonNull(value, "erasureLedgerStore");
    return self();
  }

  /**
   * The names of the sub-processors that handle a client's data (R-TERM-4), asked when a
   * termination starts. Default: none for every client. Refuses null.
   *
   * @param value the sub-processor names for each client
   * @return this builder
   */
  public final CustodianBuilder subProcessorsOf(Function<ClientId, Set<String>> value) {
    o.subProcessorsOf = Objects.requireNonNull(value, "subProcessorsOf");
    return self();
  }

  // ---- sub-processors, breaches, audits ----

  /**
   * The processor's zone: business days of sub-processor notices, breach deadlines shown, audit
   * hours; default {@link CustodianBuilder#DEFAULT_PROCESSOR_ZONE}. Refuses null.
   *
   * @param value the zone
   * @return this builder
   */
  public final CustodianBuilder processorZone(ZoneId value) {
    o.processorZone = Objects.requireNonNull(value, "processorZone");
    return self();
  }

  /**
   * The business days of notice periods and audit hours (R-SUB-2); default {@link
   * CustodianBuilder#DEFAULT_BUSINESS_CALENDAR}. Refuses null.
   *
   * @param value the calendar
   * @return this builder
   */
  public final CustodianBuilder businessCalendar(BusinessCalendar value) {
    o.businessCalendar = Objects.requireNonNull(value, "businessCalendar");
    return self();
  }

  /**
   * The EEA and adequacy lists the registry checks transfers against (R-SUB-4); default {@link
   * CustodianBuilder#DEFAULT_TRANSFER_RULES}. Refuses null.
   *
   * @param value the lists
   * @return this builder
   */
  public final CustodianBuilder transferRules(TransferRules value) {
    o.transferRules = Objects.requireNonNull(value, "transferRules");
    return self();
  }

  /**
   * The registry stored when the state store holds none yet; default the contract's Annex B. An
   * empty list starts an empty registry; a registry already stored is kept as it is. The list is
   * copied. Refuses null and null elements.
   *
   * @param value the sub-processors, possibly none
   * @return this builder
   */
  public final CustodianBuilder initialSubprocessors(List<Subprocessor> value) {
    o.initialSubprocessors = List.copyOf(value);
    return self();
  }

  /**
   * Who the clients are and how a sub-processor change notice reaches them (R-SUB-2). Default:
   * none; a change then cannot be announced until one is given. Refuses null.
   *
   * @param value the host's sender
   * @return this builder
   */
  public final CustodianBuilder subprocessorNoticeSender(SubprocessorNoticeSender value) {
    o.subprocessorNoticeSender = Objects.requireNonNull(value, "subprocessorNoticeSender");
    return self();
  }

  /**
   * How a breach notification reaches a client, and an overdue one the staff (R-BR-1). Default:
   * none; notifications are recorded but not sent. Refuses null.
   *
   * @param value the host's sender
   * @return this builder
   */
  public final CustodianBuilder breachNotificationSender(BreachNotificationSender value) {
    o.breachNotificationSender = Objects.requireNonNull(value, "breachNotificationSender");
    return self();
  }

  /**
   * The Jakarta validator of breach notifications. Default: the provider found on the classpath,
   * looked up when first needed. Refuses null.
   *
   * @param value the validator
   * @return this builder
   */
  public final CustodianBuilder breachValidator(Validator value) {
    o.breachValidator = Objects.requireNonNull(value, "breachValidator");
    return self();
  }

  /**
   * The hours on-site audits may take place (R-AUD-2). Default: 09:00 to 18:00 on the business
   * days of {@link #businessCalendar}. Refuses null.
   *
   * @param value the hours
   * @return this builder
   */
  public final CustodianBuilder auditBusinessHours(BusinessHours value) {
    o.auditBusinessHours = Objects.requireNonNull(value, "auditBusinessHours");
    return self();
  }

  /**
   * The processor's name, address and DPO contact, for the record of processing (GDPR 30(2));
   * default {@link CustodianBuilder#DEFAULT_PROCESSOR_IDENTITY}. Never logged. Refuses null.
   *
   * @param value the processor's identity
   * @return this builder
   */
  public final CustodianBuilder processorIdentity(ProcessorIdentity value) {
    o.processorIdentity = Objects.requireNonNull(value, "processorIdentity");
    return self();
  }

}
