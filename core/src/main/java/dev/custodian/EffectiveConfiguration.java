package dev.custodian;

import dev.custodian.retention.RetentionMetrics;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.subject.PseudonymizationKeys;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The one line that says how a {@link Custodian} was built: which stores, channels and options are
 * in force, defaults included. It names keys by fingerprint only and shows no personal data: the
 * processor's identity (which names its DPO) is reported as configured or not, never quoted.
 */
final class EffectiveConfiguration {
  // Fixed so that two nodes configured with the same key log the same fingerprint; it differs
  // from the fingerprint recorded in the state store, which has a random salt of its own.
  private static final byte[] SALT =
      "custodian effective configuration".getBytes(StandardCharsets.UTF_8);

  private EffectiveConfiguration() {}

  /** A fingerprint of {@code key}: tells two keys apart, reveals nothing usable of either. */
  static String fingerprint(byte[] key) {
    return PseudonymizationKeys.fingerprint(key, SALT);
  }

  static String describe(CustodianAssembly a) {
    CustodianOptions o = a.options;
    StringJoiner line = new StringJoiner(", ");
    line.add("clock=" + o.clock)
        .add("stateStore=" + kind(a.stateStore))
        .add("evidenceStore=" + kind(a.evidenceStore))
        .add("hostData=" + kind(a.hostData))
        .add("pseudonymizationKey=fingerprint " + fingerprint(o.pseudonymizationKey))
        .add("keyFingerprintCheck=" + (o.keyFingerprint ? "on" : "off"))
        .add("keyRotation=" + (o.previousPseudonymizationKey != null ? "asked" : "none"))
        .add("evidenceKey=" + (o.evidenceKeyFingerprint != null
            ? "fingerprint " + o.evidenceKeyFingerprint : "derived from the pseudonymization key"))
        .add("evidenceAnchor=" + kind(o.evidenceAnchor))
        .add("defaultClientZone=" + o.defaultClientZone)
        .add("instructingRoles=" + o.instructingRoles)
        .add("requestNotifier=" + orElse(o.requestNotifier, "in memory"))
        .add("escalationChannel=" + orElse(o.escalationChannel, "in memory"))
        .add("responder=" + orElse(o.responder, "in memory"))
        .add("rectifier=" + orElse(o.rectifier, "the in-memory host data's, if any"))
        .add("notificationDeadline=" + o.notificationDeadline)
        .add("notificationEscalationDelay=" + o.notificationEscalationDelay)
        .add("retentionSchedule=" + o.retentionSchedule.categories().size() + " categories")
        .add("retentionBounds=" + (o.retentionBounds == CustodianBuilder.DEFAULT_RETENTION_BOUNDS
            ? "default" : "custom"))
        .add("workQueue=" + kind(a.workQueue))
        .add("transactions=" + orElse(o.transactions, "the stores' own, if shared"))
        .add("sweepOptions=" + o.sweepOptions)
        .add("retentionMetrics=" + (o.retentionMetrics == RetentionMetrics.NONE ? "none"
            : kind(o.retentionMetrics)))
        .add("archiveSink=" + kind(a.archiveSink))
        .add("keyCustody=" + kind(a.keyCustody))
        .add("subProcessorInstructionSender=" + kind(o.subProcessorInstructionSender))
        .add("terminationNotifier=" + (o.terminationNotifier == TerminationNotifier.NONE ? "none"
            : kind(o.terminationNotifier)))
        .add("terminationOptions=" + o.terminationOptions)
        .add("erasureLedgerStore=" + orElse(o.erasureLedgerStore, "the state store"))
        .add("processorZone=" + o.processorZone)
        .add("businessCalendar=" + kind(o.businessCalendar))
        .add("transferRules=" + o.transferRules.eeaCountries().size() + " EEA, "
            + o.transferRules.adequateCountries().size() + " adequate")
        .add("initialSubprocessors=" + (o.initialSubprocessors != null
            ? o.initialSubprocessors.size() + " given" : "Annex B"))
        .add("subprocessorNoticeSender=" + kind(o.subprocessorNoticeSender))
        .add("breachNotificationSender=" + kind(o.breachNotificationSender))
        .add("breachValidator=" + orElse(o.breachValidator, "the classpath's"))
        .add("auditBusinessHours=" + (o.auditBusinessHours != null
            ? o.auditBusinessHours.opens() + "-" + o.auditBusinessHours.closes() : "default"))
        .add("processorIdentity="
            + (o.processorIdentity == CustodianBuilder.DEFAULT_PROCESSOR_IDENTITY
                ? "not configured" : "configured"));
    return line.toString();
  }

  private static String orElse(Object value, String byDefault) {
    return value == null ? byDefault : kind(value);
  }

  /** What an option is, by class: never its contents, which may hold addresses or secrets. */
  private static String kind(Object value) {
    if (value == null) {
      return "none";
    }
    Class<?> type = value.getClass();
    if (type.isHidden() || type.isSynthetic()) {
      return "lambda";
    }
    String name = type.getSimpleName();
    return name.isEmpty() ? type.getName() : name;
  }
}
