package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.SubprocessorInstruction;
import dev.custodian.memory.InMemoryArchiveSink;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.termination.CertificateOfDeletion;
import dev.custodian.termination.CertificateVerifier;
import dev.custodian.termination.Disposition;
import dev.custodian.termination.DownloadToken;
import dev.custodian.termination.ProcessingRefusedException;
import dev.custodian.termination.TerminationCase;
import dev.custodian.termination.TerminationOptions;
import dev.custodian.termination.TerminationPhase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/guide/terminations.md, between the GUIDE markers (checked by {@code
 * GuideTest}): a whole termination with return, on in-memory parts, ending with a certificate of
 * deletion verified against the evidence log (R-TERM-1 to R-TERM-8, R-EVID-3).
 */
class TerminationsGuideTest {
  private static final ClientId ATELIER = ClientId.of("atelier-nord");
  private static final byte[] EVIDENCE_KEY =
      "guide-evidence-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);

  /** A clock the test moves forward; no sleeping. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant start) {
      this.now = start;
    }

    void set(Instant value) {
      now = value;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T09:00:00Z"));
  private final InMemoryHostData host = new InMemoryHostData();
  private final InMemoryEvidenceStore evidenceStore = new InMemoryEvidenceStore();
  private final InMemoryArchiveSink sink = new InMemoryArchiveSink();
  private final InMemorySubprocessorInstructionSender sender = new InMemorySubprocessorInstructionSender();
  private final Custodian custodian = Custodian.builder()
      .clock(clock)
      .hostData(host)
      .stateStore(new InMemoryStateStore())
      .evidenceStore(evidenceStore)
      .evidenceKey(EVIDENCE_KEY)
      .archiveSink(sink)
      .subProcessorInstructionSender(sender)
      .subProcessorsOf(client -> Set.of("Exemple Cloud"))
      .terminationOptions(TerminationOptions.DEFAULTS)
      .pseudonymizationKey("guide-example-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8))
      .build();
  private final ProcessorPrincipal operator = ProcessorPrincipal.of("ops-12", ProcessorRole.OPERATOR);
  private final ClientPrincipal admin = ClientPrincipal.of("u-1001", ATELIER, ClientRole.ADMINISTRATOR);

  private void record(CategoryId category, String id) {
    host.put(new HostRecord(category, ATELIER, id, Instant.parse("2026-11-15T10:00:00Z"),
        Set.of(PhoneNumber.of("+33 6 39 98 12 34")), Map.of("duration", 42)));
  }

  @Test
  void aTerminationWithReturnEndsWithAVerifiedCertificate_R_TERM_1_to_8() {
    record(CategoryId.CALL_RECORDING, "rec-1"); // returned, then deleted
    record(CategoryId.SMS_CONTENT, "sms-1");    // deleted
    record(CategoryId.CALL_LOG, "call-1");      // kept as a restricted legal archive (CPCE L.34-1)

    // GUIDE:begin
    Instant end = Instant.parse("2027-01-01T00:00:00Z");
    TerminationCase opened = custodian.terminations().open(operator, ClientId.of("atelier-nord"), end);
    assertThat(opened.choiceDeadline()).isEqualTo(end.plus(Duration.ofDays(30))); // choiceWindow

    custodian.terminations().chooseReturn(admin, ClientId.of("atelier-nord"), true); // encrypted
    // GUIDE:end
    assertThat(custodian.processingGate().permits(ATELIER)).as("before the date").isTrue();
    assertThatThrownBy(() -> custodian.terminations().chooseDelete(
        ClientPrincipal.of("u-1042", ATELIER, ClientRole.USER), ATELIER))
        .isInstanceOf(SecurityException.class);

    // GUIDE:begin
    clock.set(end);                                   // the termination date
    assertThat(custodian.processingGate().permits(ClientId.of("atelier-nord"))).isFalse();

    custodian.terminations().runDue();                // the host's scheduler calls this
    TerminationCase c = custodian.terminations().find(admin, ClientId.of("atelier-nord")).orElseThrow();
    assertThat(c.phase()).isEqualTo(TerminationPhase.AWAITING_ACKNOWLEDGEMENT);
    assertThat(host.contains(CategoryId.CALL_RECORDING, "rec-1")).isTrue(); // nothing deleted yet
    assertThat(sink.fileNames(ClientId.of("atelier-nord"), c.delivery().archiveId()))
        .contains("manifest.json", "CALL_RECORDING.ndjson.gcm");
    // GUIDE:end
    assertThatThrownBy(() -> custodian.processingGate().check(ATELIER))
        .isInstanceOf(ProcessingRefusedException.class);
    assertThat(sink.deliveredKey(ATELIER, c.delivery().archiveId())).isPresent();

    // GUIDE:begin
    DownloadToken token = custodian.terminations().issueDownloadToken(admin, ClientId.of("atelier-nord"));
    assertThat(custodian.terminations().redeemDownloadToken(ClientId.of("atelier-nord"), token.token()))
        .contains(c.delivery().archiveId());        // until token.expiresAt()

    custodian.terminations().acknowledgeReturn(admin, ClientId.of("atelier-nord"),
        c.delivery().manifestSha256());             // the hand-over (R-TERM-8)
    custodian.terminations().runDue();              // deletes; instructs the sub-processors
    // GUIDE:end
    assertThat(token.expiresAt()).isEqualTo(end.plus(Duration.ofDays(7)));
    assertThat(host.contains(CategoryId.CALL_RECORDING, "rec-1")).isFalse();
    assertThat(host.contains(CategoryId.SMS_CONTENT, "sms-1")).isFalse();
    assertThat(host.contains(CategoryId.CALL_LOG, "call-1")).isTrue();
    assertThat(host.isRestricted(CategoryId.CALL_LOG, "call-1")).isTrue();
    assertThat(sender.sent()).extracting(SubprocessorInstruction::action)
        .containsExactly(SubprocessorInstruction.Action.RETURN_THEN_DELETE);
    assertThat(custodian.terminations().find(admin, ATELIER).orElseThrow().phase())
        .isEqualTo(TerminationPhase.AWAITING_SUB_PROCESSORS);

    // GUIDE:begin
    custodian.terminations().acknowledgeSubProcessor(operator, ClientId.of("atelier-nord"),
        "Exemple Cloud", "EC-TICKET-4411");          // its written confirmation
    custodian.terminations().runDue();              // issues the certificate

    CertificateOfDeletion certificate =
        custodian.terminations().certificate(admin, ClientId.of("atelier-nord")).orElseThrow();
    assertThat(CertificateVerifier.verify(certificate, evidenceStore, EvidenceKey.of(EVIDENCE_KEY))
        .problems()).isEmpty();
    assertThat(certificate.render()).contains("CERTIFICATE OF DELETION"); // toJson(): canonical
    // GUIDE:end
    Map<CategoryId, CertificateOfDeletion.CategoryLine> lines = certificate.categories().stream()
        .collect(Collectors.toMap(CertificateOfDeletion.CategoryLine::category, l -> l));
    assertThat(lines.get(CategoryId.CALL_RECORDING).disposition())
        .isEqualTo(Disposition.RETURN_THEN_DELETE);
    assertThat(lines.get(CategoryId.CALL_RECORDING).returned()).isEqualTo(1);
    assertThat(lines.get(CategoryId.CALL_RECORDING).deleted()).isEqualTo(1);
    assertThat(lines.get(CategoryId.SMS_CONTENT).deleted()).isEqualTo(1);
    assertThat(lines.get(CategoryId.CALL_LOG).disposition()).isEqualTo(Disposition.LEGAL_ARCHIVE);
    assertThat(lines.get(CategoryId.CALL_LOG).archived()).isEqualTo(1);
    assertThat(lines.get(CategoryId.CALL_LOG).archivedUntil()).isNotNull();
    assertThat(certificate.returnArchive().acknowledgement()).isEqualTo("client");
    assertThat(certificate.returnArchive().partialFilesLeft()).isZero();
    assertThat(certificate.subProcessors()).hasSize(1);
    assertThat(custodian.terminations().find(admin, ATELIER).orElseThrow().phase())
        .isEqualTo(TerminationPhase.CERTIFIED);
    // A certificate checked with another key fails: the chain is keyed (R-EVID-1).
    assertThat(CertificateVerifier.verify(certificate, evidenceStore,
        EvidenceKey.of(new byte[32])).valid()).isFalse();
  }
}
