package dev.custodian.audit;

import dev.custodian.retention.RetentionSchedule;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What goes into a compliance pack besides the sub-processor registry. Immutable; start from
 * {@link #defaults()}.
 *
 * @param retentionSchedule supplies the retention schedule in use each time a pack is made; the
 *     pack shows one row per category ({@link RetentionRow#of(RetentionSchedule)}). {@code
 *     Custodian} passes its configured schedule; the default here is the contract's Annex A
 * @param processingCategories what the processor does for each client (GDPR 30(2)(b))
 */
public record CompliancePackSettings(
    ProcessorIdentity processor,
    Supplier<RetentionSchedule> retentionSchedule,
    List<SecuritySection> securityMeasures,
    List<String> processingCategories) {

  /** The processing of the contract's services, by Annex A's categories of data. */
  public static final List<String> TELEPHONY_PROCESSING = List.of(
      "routing, carrying and logging of calls and faxes",
      "recording of calls, as set by the client",
      "sending, receiving and logging of SMS and MMS",
      "transcription, translation and summary of calls and voicemails",
      "keeping the client's contacts (created manually, synchronised from a CRM, received by webhook)",
      "calling the client's webhooks and logging those calls",
      "authenticating the client's users, including single sign-on",
      "hosting, backup and support of the service");

  public CompliancePackSettings {
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(retentionSchedule, "retentionSchedule");
    securityMeasures = List.copyOf(securityMeasures);
    processingCategories = List.copyOf(processingCategories);
  }

  /** Processor not configured, Annex A schedule, Annex C measures, the telephony processing. */
  public static CompliancePackSettings defaults() {
    return new CompliancePackSettings(ProcessorIdentity.NOT_CONFIGURED, RetentionSchedule::annexA,
        SecuritySection.annexC(), TELEPHONY_PROCESSING);
  }

  public CompliancePackSettings withProcessor(ProcessorIdentity value) {
    return new CompliancePackSettings(value, retentionSchedule, securityMeasures, processingCategories);
  }

  public CompliancePackSettings withRetentionSchedule(Supplier<RetentionSchedule> value) {
    return new CompliancePackSettings(processor, value, securityMeasures, processingCategories);
  }

  public CompliancePackSettings withSecurityMeasures(List<SecuritySection> value) {
    return new CompliancePackSettings(processor, retentionSchedule, value, processingCategories);
  }

  public CompliancePackSettings withProcessingCategories(List<String> value) {
    return new CompliancePackSettings(processor, retentionSchedule, securityMeasures, value);
  }
}
