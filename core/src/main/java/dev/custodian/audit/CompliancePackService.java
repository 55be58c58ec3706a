package dev.custodian.audit;

import dev.custodian.audit.RecordOfProcessing.Transfer;
import dev.custodian.client.ClientId;
import dev.custodian.client.Principal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.subprocessor.SubprocessorRegistry;
import dev.custodian.spi.TransferMechanism;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Makes a client's compliance pack (R-ASSIST-1, R-AUD-1): the retention schedule, the
 * sub-processors engaged today with their transfer mechanisms, the security measures, and the
 * record of processing kept for the client (GDPR 30(2)). Each pack made is recorded as evidence
 * with a digest of its JSON.
 */
public final class CompliancePackService {
  private final SubprocessorRegistry registry;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final CompliancePackSettings settings;

  public CompliancePackService(SubprocessorRegistry registry, EvidenceLog evidence, Clock clock,
      CompliancePackSettings settings) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The pack of {@code client}, naming it by its id. @see #generate(Principal, ClientId, String) */
  public CompliancePack generate(Principal viewer, ClientId client) {
    return generate(viewer, client, client.value());
  }

  /**
   * The pack of {@code client}, naming it {@code clientName} in the record of processing.
   *
   * @throws SecurityException unless {@code viewer} is processor staff or a super administrator of
   *     that client (the pack lists the sub-processors, R-SUB-1; R-ACC-2)
   */
  public CompliancePack generate(Principal viewer, ClientId client, String clientName) {
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(client, "client");
    dev.custodian.client.AccessPolicy.DEFAULT.require(viewer,
        dev.custodian.client.Operation.COMPLIANCE_PACK, client);
    List<SubprocessorLine> lines =
        registry.inForce(viewer).stream().map(SubprocessorLine::of).toList();
    List<Transfer> transfers = lines.stream()
        .filter(l -> l.mechanism() != TransferMechanism.NONE_INSIDE_EEA)
        .map(l -> new Transfer(l.name(), l.country(), l.countryName(), l.transferCoverage()
            + (l.mechanismDetails() == null ? "" : " (" + l.mechanismDetails() + ")")))
        .toList();
    String measures = "The measures of DPA Annex C, listed in the security measures section: "
        + String.join("; ", settings.securityMeasures().stream().map(SecuritySection::title).toList())
        + ".";
    RecordOfProcessing record = new RecordOfProcessing(settings.processor(), client,
        clientName == null || clientName.isBlank() ? client.value() : clientName,
        settings.processingCategories(), transfers, measures);
    CompliancePack pack = new CompliancePack(client, clock.instant(), settings.processor(),
        RetentionRow.of(Objects.requireNonNull(settings.retentionSchedule().get(),
            "retention schedule")), lines,
        settings.securityMeasures(), record);
    evidence.append(EvidenceRecord.of("audit.compliance_pack.generated", viewer.id())
        .withClient(client).withBasis("R-ASSIST-1 R-AUD-1")
        .withDetail("sub_processors", lines.size())
        .withDetail("retention_rows", pack.retentionSchedule().size())
        .withDetail("json_sha256", sha256(pack.toJson())));
    return pack;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
