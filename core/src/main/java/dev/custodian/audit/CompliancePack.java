package dev.custodian.audit;

import dev.custodian.client.ClientId;
import dev.custodian.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the processor hands a client to demonstrate compliance (R-ASSIST-1, R-AUD-1, GDPR 28(3)(h)):
 * the retention schedule, the sub-processors with their transfer mechanisms, the security measures
 * of Annex C and the record of processing kept for the client (GDPR 30(2)). Immutable; rendered as
 * JSON by {@link #toJson()} and as one self-contained HTML page by {@link #toHtml()}.
 */
public record CompliancePack(
    ClientId client,
    Instant generatedAt,
    ProcessorIdentity processor,
    List<RetentionRow> retentionSchedule,
    List<SubprocessorLine> subProcessors,
    List<SecuritySection> securityMeasures,
    RecordOfProcessing recordOfProcessing) {

  public CompliancePack {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(processor, "processor");
    retentionSchedule = List.copyOf(retentionSchedule);
    subProcessors = List.copyOf(subProcessors);
    securityMeasures = List.copyOf(securityMeasures);
    Objects.requireNonNull(recordOfProcessing, "recordOfProcessing");
  }

  /** The pack as one JSON document, fields named as in these records. */
  public String toJson() {
    return Json.write(this);
  }

  /**
   * The pack as one HTML page with no external resource (styles inline, no script): sections
   * {@code retention-schedule}, {@code sub-processors}, {@code security-measures} and {@code
   * record-of-processing}, each an element with that id. All text is escaped.
   */
  public String toHtml() {
    return CompliancePackHtml.render(this);
  }
}
