package dev.custodian;

import dev.custodian.audit.BusinessHours;
import dev.custodian.audit.ProcessorIdentity;
import dev.custodian.client.ClientId;
import dev.custodian.client.InstructingRoles;
import dev.custodian.evidence.EvidenceAnchor;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.retention.RetentionBounds;
import dev.custodian.retention.RetentionMetrics;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.SweepOptions;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
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
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The options a {@link CustodianBuilder} collects, as given. {@code null} stands for a default that
 * is an object of its own (an in-memory store, a notifier), which {@link CustodianAssembly} creates
 * for each build without writing it back here, so that one builder can build twice.
 */
final class CustodianOptions {
  Clock clock = CustodianBuilder.DEFAULT_CLOCK;
  StateStore stateStore;
  EvidenceStore evidenceStore;
  HostData hostData;
  byte[] pseudonymizationKey;
  byte[] previousPseudonymizationKey;
  boolean keyFingerprint = true;
  EvidenceKey evidenceKey;
  String evidenceKeyFingerprint;
  EvidenceAnchor evidenceAnchor;
  ZoneId defaultClientZone = CustodianBuilder.DEFAULT_CLIENT_ZONE;
  InstructingRoles instructingRoles = CustodianBuilder.DEFAULT_INSTRUCTING_ROLES;

  RequestNotifier requestNotifier;
  EscalationChannel escalationChannel;
  Responder responder;
  Rectifier rectifier;
  Duration notificationDeadline = CustodianBuilder.DEFAULT_NOTIFICATION_DEADLINE;
  Duration notificationEscalationDelay = CustodianBuilder.DEFAULT_NOTIFICATION_ESCALATION_DELAY;

  RetentionSchedule retentionSchedule = CustodianBuilder.DEFAULT_RETENTION_SCHEDULE;
  RetentionBounds retentionBounds = CustodianBuilder.DEFAULT_RETENTION_BOUNDS;
  WorkQueue workQueue;
  Transactions transactions;
  // Per builder, not a constant: its node name is random, and two builders stand for two nodes.
  SweepOptions sweepOptions = SweepOptions.defaults();
  RetentionMetrics retentionMetrics = RetentionMetrics.NONE;

  ArchiveSink archiveSink;
  KeyCustody keyCustody;
  SubprocessorInstructionSender subProcessorInstructionSender;
  TerminationNotifier terminationNotifier = TerminationNotifier.NONE;
  TerminationOptions terminationOptions = CustodianBuilder.DEFAULT_TERMINATION_OPTIONS;
  StateStore erasureLedgerStore;
  Function<ClientId, Set<String>> subProcessorsOf = client -> Set.of();

  ZoneId processorZone = CustodianBuilder.DEFAULT_PROCESSOR_ZONE;
  BusinessCalendar businessCalendar = CustodianBuilder.DEFAULT_BUSINESS_CALENDAR;
  TransferRules transferRules = CustodianBuilder.DEFAULT_TRANSFER_RULES;
  List<Subprocessor> initialSubprocessors;
  SubprocessorNoticeSender subprocessorNoticeSender;
  BreachNotificationSender breachNotificationSender;
  Validator breachValidator;
  BusinessHours auditBusinessHours;
  ProcessorIdentity processorIdentity = CustodianBuilder.DEFAULT_PROCESSOR_IDENTITY;
}
