package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static dev.custodian.termination.World.ADMIN;
import static dev.custodian.termination.World.GLOBEX;
import static dev.custodian.termination.World.OPERATOR;
import static dev.custodian.termination.World.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.StoredState;
import dev.custodian.spi.SubprocessorInstruction;
import dev.custodian.spi.TerminationNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;

class TerminationServiceTest {
  /** The evidence key Custodian derives from the tests' pseudonymisation key. */
  private static final EvidenceKey EVIDENCE_KEY = EvidenceKey.derivedFrom(World.KEY);
  private static final Pattern PHONE = Pattern.compile("\\+?33\\s?[0-9]{8,9}|99\\s?00");

  private static World small(CategoryId... categories) {
    World w = new World();
    w.populated = Set.of(categories);
    w.populate();
    return w;
  }

  @Test
  void onlyInstructingUsersOfTheClientChooseBeforeTheDeadline_R_TERM_2_R_ACC_1() {
    World w = small(CategoryId.CALL_RECORDING);
    TerminationService t = w.custodian().terminations();
    t.open(OPERATOR, ACME, T, Set.of());
    ClientPrincipal user = ClientPrincipal.of("u", ACME, ClientRole.USER);
    ClientPrincipal otherAdmin = ClientPrincipal.of("a", GLOBEX, ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> t.chooseDelete(user, ACME)).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> t.chooseDelete(otherAdmin, ACME)).isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> t.open(ProcessorPrincipal.of("sec", ProcessorRole.SECURITY_TEAM), GLOBEX, T, Set.of()))
        .isInstanceOf(SecurityException.class);

    // A choice may change until the work starts.
    t.chooseDelete(ADMIN, ACME);
    assertThat(t.chooseReturn(ADMIN, ACME, false).choice()).isEqualTo(TerminationMode.RETURN);
    w.clock.set(T);
    t.runDue();
    assertThatThrownBy(() -> t.chooseDelete(ADMIN, ACME))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("under way");
    assertThat(t.find(ACME).orElseThrow().mode()).isEqualTo(TerminationMode.RETURN);
    assertThat(actions(w)).contains("termination.opened", "termination.choice.made",
        "termination.mode.decided");
  }

  @Test
  void openingTwiceIsHarmlessButTheDateCannotMove() {
    World w = small(CategoryId.CALL_RECORDING);
    TerminationService t = w.custodian().terminations();
    TerminationCase first = t.open(OPERATOR, ACME, T, Set.of("AWS"));
    assertThat(t.open(OPERATOR, ACME, T, Set.of("AWS"))).isEqualTo(first);
    assertThatThrownBy(() -> t.open(OPERATOR, ACME, T.plusSeconds(60), Set.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(w.custodian().retention().events().contractEnd(OPERATOR, ACME).orElseThrow().at()).isEqualTo(T);
  }

  @Test
  void theGateLetsOnlyLegalArchiveAccessThrough_R_TERM_1_R_TERM_5() {
    World w = small(CategoryId.CALL_LOG, CategoryId.CALL_RECORDING);
    Custodian cu = w.custodian();
    cu.terminations().open(OPERATOR, ACME, T, Set.of());
    w.clock.set(T);
    ProcessingGate gate = cu.processingGate();
    assertThatThrownBy(() -> gate.check(ACME, CategoryId.CALL_LOG))
        .isInstanceOf(ProcessingRefusedException.class).hasMessageContaining("legal purpose");
    gate.check(GLOBEX, CategoryId.CALL_LOG);

    LegalArchiveAccess access = gate.openLegalArchive(OPERATOR, ACME, CategoryId.CALL_LOG,
        "requisition under CPCE L.34-1, ref. PJ-2026-88");
    EvidenceEntry e = w.evidence.readAll(access.evidenceSequence(), 1).get(0);
    assertThat(e.action()).isEqualTo("termination.archive.legal_access");
    assertThat(e.basis()).contains("PJ-2026-88");

    assertThatThrownBy(() -> gate.openLegalArchive(OPERATOR, ACME, CategoryId.CALL_RECORDING, "curiosity"))
        .isInstanceOf(ProcessingRefusedException.class);
    assertThatThrownBy(() -> gate.openLegalArchive(OPERATOR, ACME, CategoryId.CALL_LOG, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gate.openLegalArchive(ProcessorPrincipal.of("x", ProcessorRole.PRIVACY_CONTACT),
        ACME, CategoryId.CALL_LOG, "requisition")).isInstanceOf(SecurityException.class);
    w.placeHold(cu);
    assertThat(gate.openLegalArchive(OPERATOR, ACME, CategoryId.CALL_RECORDING, "judge's order"))
        .as("held data is a confidential archive too (R-HOLD-1)").isNotNull();
  }

  @Test
  void missingSubProcessorAcknowledgementsAreEscalatedOnce_R_TERM_4() {
    World w = small(CategoryId.SMS_CONTENT);
    TerminationNotifier notifier = mock(TerminationNotifier.class);
    w.notifier = notifier;
    w.options = w.options.withSubProcessorAcknowledgementDelay(Duration.ofDays(10));
    TerminationService t = w.custodian().terminations();
    t.open(OPERATOR, ACME, T, Set.of("AWS", "Twilio"));
    t.chooseDelete(ADMIN, ACME);
    w.clock.set(T);
    t.runDue();
    t.acknowledgeSubProcessor(OPERATOR, ACME, "AWS", "AWS-1");
    assertThat(t.overdueSubProcessors(OPERATOR, ACME)).isEmpty();

    w.clock.set(T.plus(Duration.ofDays(10)));
    t.runDue();
    t.runDue();
    verify(notifier, times(1)).subProcessorAcknowledgementOverdue(eq(ACME), eq("Twilio"), any(), any());
    verify(notifier, never()).subProcessorAcknowledgementOverdue(eq(ACME), eq("AWS"), any(), any());
    TerminationCase c = t.find(ACME).orElseThrow();
    assertThat(c.phase()).isEqualTo(TerminationPhase.AWAITING_SUB_PROCESSORS);
    assertThat(c.subProcessor("Twilio").orElseThrow().escalatedAt()).isEqualTo(T.plus(Duration.ofDays(10)));
    assertThat(t.overdueSubProcessors(OPERATOR, ACME)).extracting(TerminationCase.SubprocessorStep::name)
        .containsExactly("Twilio");
    assertThat(actions(w)).contains("termination.subprocessor.escalated");
    assertThatThrownBy(() -> t.acknowledgeSubProcessor(OPERATOR, ACME, "Nobody", null))
        .isInstanceOf(IllegalArgumentException.class);

    // A late confirmation still completes the case.
    t.acknowledgeSubProcessor(OPERATOR, ACME, "Twilio", "TW-9");
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().certifiedAt()).isNotNull();
    CertificateOfDeletion cert = t.certificate(ADMIN, ACME).orElseThrow();
    assertThat(cert.subProcessors()).filteredOn(s -> s.name().equals("Twilio")).singleElement()
        .satisfies(s -> assertThat(s.escalatedAt()).isNotNull());
  }

  @Test
  void aFailedSendIsRetriedWithTheSameInstructionId_R_TERM_4() {
    World w = small(CategoryId.SMS_CONTENT);
    List<SubprocessorInstruction> delivered = new ArrayList<>();
    int[] calls = {0};
    Custodian cu = Custodian.builder().clock(w.clock).stateStore(w.state).evidenceStore(w.evidence)
        .hostData(w.host).keyCustody(w.keys).terminationOptions(w.options)
        .subProcessorInstructionSender(i -> {
          if (calls[0]++ == 0) {
            throw new IllegalStateException("sub-processor API down");
          }
          delivered.add(i);
        }).pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
    TerminationService t = cu.terminations();
    t.open(OPERATOR, ACME, T, Set.of("AWS"));
    t.chooseDelete(ADMIN, ACME);
    w.clock.set(T);
    t.runDue();
    assertThat(delivered).isEmpty();
    assertThat(actions(w)).contains("termination.subprocessor.send_failed");
    w.clock.advance(TerminationOptions.DEFAULTS.retryInterval());
    t.runDue();
    assertThat(delivered).singleElement().satisfies(i -> {
      assertThat(i.instructionId()).isEqualTo(t.find(ACME).orElseThrow().subProcessors().get(0).instructionId());
      assertThat(i.action()).isEqualTo(SubprocessorInstruction.Action.DELETE);
    });
  }

  @Test
  void downloadTokensAreStoredOnlyAsSaltedHashesAndExpire_R_EVID_3() {
    World w = ReturnArchiveTamperTest.delivered(false);
    TerminationService t = w.custodian().terminations();
    DownloadToken token = t.issueDownloadToken(ADMIN, ACME);
    assertThat(token.toString()).doesNotContain(token.token());
    String secret = token.token().substring(token.token().indexOf('.') + 1);
    for (StoredState s : w.state.list(DownloadTokens.KIND, null)) {
      assertThat(s.body()).doesNotContain(secret).contains("salt", "sha256");
    }
    assertThat(w.evidence.readAll(1, 10_000)).noneMatch(e -> e.details().toString().contains(secret));
    assertThat(t.redeemDownloadToken(ACME, token.token())).contains(token.archiveId());
    assertThat(t.redeemDownloadToken(GLOBEX, token.token())).isEmpty();
    String forged = token.token().substring(0, token.token().length() - 1)
        + (token.token().endsWith("A") ? "B" : "A");
    assertThat(t.redeemDownloadToken(ACME, forged)).isEmpty();
    assertThat(t.redeemDownloadToken(ACME, "garbage")).isEmpty();
    w.clock.advance(TerminationOptions.DEFAULTS.downloadTokenTtl());
    assertThat(t.redeemDownloadToken(ACME, token.token())).as("expired").isEmpty();
    assertThatThrownBy(() -> t.issueDownloadToken(ClientPrincipal.of("x", GLOBEX, ClientRole.ADMINISTRATOR), ACME))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void checksumsVerifiedByTheProcessorConfirmTheDelivery_R_TERM_3_R_TERM_8() {
    World w = ReturnArchiveTamperTest.delivered(true);
    TerminationService t = w.custodian().terminations();
    assertThatThrownBy(() -> t.acknowledgeReturn(ADMIN, ACME, "0".repeat(64)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the one delivered");
    assertThat(t.verifyReturn(OPERATOR, ACME).intact()).isTrue();
    t.runDue();
    TerminationCase c = t.find(ACME).orElseThrow();
    assertThat(c.delivery().acknowledgement()).isEqualTo("checksums");
    assertThat(c.phase()).as("nothing archived or held: done").isEqualTo(TerminationPhase.CLOSED);
    assertThat(actions(w)).contains("termination.return.handed_over");
    CertificateOfDeletion cert = t.certificate(ADMIN, ACME).orElseThrow();
    assertThat(cert.render()).contains("checksums verified by op-1", "client's responsibility");
    assertThat(CertificateVerifier.verify(cert, w.evidence, EVIDENCE_KEY).valid()).isTrue();
  }

  @Test
  void anUnacknowledgedReturnIsEscalatedButNeverDeleted_R_TERM_3() {
    World w = small(CategoryId.CALL_RECORDING);
    TerminationNotifier notifier = mock(TerminationNotifier.class);
    w.notifier = notifier;
    TerminationService t = w.custodian().terminations();
    t.open(OPERATOR, ACME, T, Set.of());
    t.chooseReturn(ADMIN, ACME, false);
    w.clock.set(T);
    t.runDue();
    verify(notifier).returnArchiveReady(eq(ACME), any(), any());
    w.clock.set(T.plus(Duration.ofDays(400)));
    t.runDue();
    t.runDue();
    verify(notifier, times(1)).returnAcknowledgementOverdue(eq(ACME), any(), any());
    assertThat(w.remaining(CategoryId.CALL_RECORDING)).hasSize(3);
    assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.AWAITING_ACKNOWLEDGEMENT);
  }

  @Test
  void destroyingTheClientKeyMakesItsBackupsUnreadable_R_TERM_7() throws Exception {
    World w = small(CategoryId.SMS_CONTENT);
    // The host encrypts its backup of the client with the client's key, never keeping the key.
    byte[] backup = seal(w.keys.dataKey(ACME), "nightly backup of acme");
    assertThat(open(w.keys.dataKey(ACME), backup)).isEqualTo("nightly backup of acme");

    TerminationService t = w.custodian().terminations();
    t.open(OPERATOR, ACME, T, Set.of());
    t.chooseDelete(ADMIN, ACME);
    w.clock.set(T);
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.CLOSED);
    assertThat(w.keys.isDestroyed(ACME)).isTrue();
    assertThatThrownBy(() -> open(w.keys.dataKey(ACME), backup))
        .as("the backup can no longer be read")
        .isInstanceOf(dev.custodian.spi.KeyCustody.KeyDestroyedException.class);
    assertThat(open(w.keys.dataKey(GLOBEX), seal(w.keys.dataKey(GLOBEX), "other")))
        .as("other clients' keys live on").isEqualTo("other");
    assertThat(t.certificate(ADMIN, ACME).orElseThrow().keyStatus()).startsWith("destroyed at");
    assertThat(actions(w)).contains("termination.key.destroyed", "termination.closed");
    assertThat(w.custodian().erasureLedger().entries(ACME))
        .anyMatch(e -> e.what() == ErasureEntry.What.DATA_KEY && e.completedAt() != null);
  }

  private static byte[] seal(SecretKey key, String text) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
    return c.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String open(SecretKey key, byte[] sealed) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
    return new String(c.doFinal(sealed), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void theKeyWaitsForLegalArchivesAndHolds_R_TERM_7_R_HOLD_1() {
    World w = small(CategoryId.FAX, CategoryId.CALL_RECORDING);
    Custodian cu = w.custodian();
    var hold = w.placeHold(cu);
    TerminationService t = cu.terminations();
    t.open(OPERATOR, ACME, T, Set.of());
    t.chooseDelete(ADMIN, ACME);
    w.clock.set(T);
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.CERTIFIED);
    assertThat(w.keys.isDestroyed(ACME)).isFalse();
    w.clock.set(T.plus(Duration.ofDays(366)));
    t.advance(ACME);
    assertThat(w.remaining(CategoryId.FAX)).as("the archive's year is over").isEmpty();
    assertThat(w.remaining(CategoryId.CALL_RECORDING)).as("held").hasSize(1);
    assertThat(w.keys.isDestroyed(ACME)).as("a hold still needs it").isFalse();
    cu.holds().release(OPERATOR, hold.id(), "proceedings closed");
    t.advance(ACME);
    assertThat(w.remaining(CategoryId.CALL_RECORDING)).isEmpty();
    assertThat(w.keys.isDestroyed(ACME)).isTrue();
  }

  @Test
  void theErasureLedgerErasesAgainWhatABackupRestoreBroughtBack_R_TERM_7() {
    World w = small(CategoryId.SMS_CONTENT, CategoryId.CALL_RECORDING, CategoryId.CALL_LOG);
    Custodian cu = w.custodian();
    w.placeHold(cu);
    List<HostRecord> backup = new ArrayList<>();
    for (CategoryId c : w.populated) {
      w.host.stream(ACME, c, backup::add);
    }
    TerminationService t = cu.terminations();
    t.open(OPERATOR, ACME, T, Set.of());
    t.chooseDelete(ADMIN, ACME);
    w.clock.set(T);
    t.runDue();
    assertThat(w.remaining(CategoryId.SMS_CONTENT)).containsExactly("acme-SMS_CONTENT-1");

    backup.forEach(w.host::put);
    assertThat(w.remaining(CategoryId.SMS_CONTENT)).hasSize(3);
    // A fresh library over the ledger's own store, as after the host's restore.
    long erased = w.custodian().erasureLedger().replay(ACME, 100);
    assertThat(erased).isEqualTo(4);
    assertThat(w.remaining(CategoryId.SMS_CONTENT)).containsExactly("acme-SMS_CONTENT-1");
    assertThat(w.remaining(CategoryId.CALL_RECORDING)).containsExactly("acme-CALL_RECORDING-1");
    assertThat(w.remaining(CategoryId.CALL_LOG)).as("the legal archive was never erased").hasSize(3);
    assertThat(w.custodian().erasureLedger().replay(ACME, 100)).isZero();
    for (StoredState s : w.ledgerState.list(ErasureLedger.KIND, null)) {
      assertThat(PHONE.matcher(s.body()).find()).as("no personal data in the ledger").isFalse();
    }
  }

  @Test
  void theVerifierCatchesAForgedCertificateOrATamperedLog_R_TERM_6() {
    World w = small(CategoryId.SMS_CONTENT, CategoryId.CALL_LOG);
    TerminationService t = w.custodian().terminations();
    t.open(OPERATOR, ACME, T, Set.of());
    w.clock.set(T.plus(TerminationOptions.DEFAULTS.choiceWindow()));
    t.runDue();
    CertificateOfDeletion cert = t.certificate(OPERATOR, ACME).orElseThrow();
    assertThat(cert.mode()).isEqualTo(TerminationMode.DELETE_BY_DEFAULT);
    assertThat(CertificateVerifier.verify(cert, w.evidence, EVIDENCE_KEY).problems()).isEmpty();
    assertThat(CertificateOfDeletion.fromJson(cert.toJson())).isEqualTo(cert);
    assertThat(PHONE.matcher(cert.toJson()).find()).isFalse();

    List<CertificateOfDeletion.CategoryLine> lines = new ArrayList<>(cert.categories());
    lines.replaceAll(l -> l.category().equals(CategoryId.SMS_CONTENT)
        ? new CertificateOfDeletion.CategoryLine(l.category(), l.disposition(), 0, 2, 0, null,
            null, null, l.basis(), 0) : l);
    CertificateOfDeletion forged = new CertificateOfDeletion(cert.caseId(), cert.client(),
        cert.terminationDate(), cert.mode(), cert.choiceBy(), cert.choiceAt(),
        cert.scheduleVersion(), lines, cert.returnArchive(), cert.subProcessors(), cert.keyStatus(),
        cert.evidenceFrom(), cert.evidenceTo(), cert.evidenceToHash(), cert.issuedAt());
    assertThat(CertificateVerifier.verify(forged, w.evidence, EVIDENCE_KEY).problems())
        .anyMatch(p -> p.contains("SMS_CONTENT")).anyMatch(p -> p.contains("SHA-256"));

    w.evidence.tamper(cert.evidenceFrom() + 1, e -> new EvidenceEntry(e.sequence(), e.at(),
        e.client(), e.action(), "someone-else", e.basis(), e.details(), e.previousHash(), e.hash()));
    assertThat(CertificateVerifier.verify(cert, w.evidence, EVIDENCE_KEY).problems())
        .anyMatch(p -> p.contains("chain broken"));
  }

  @Test
  void aSecondNodeWaitsForTheLeaseOfACrashedOne() {
    World w = small(CategoryId.SMS_CONTENT);
    TerminationService first = w.custodian().terminations();
    first.open(OPERATOR, ACME, T, Set.of());
    first.chooseDelete(ADMIN, ACME);
    w.clock.set(T);
    // The first node takes the case and dies in the middle of a deletion batch.
    w.guard = s -> {
      throw new Crasher.SimulatedCrash("deletion");
    };
    assertThatThrownBy(first::runDue).isInstanceOf(Crasher.SimulatedCrash.class);
    w.guard = s -> { };
    TerminationService second = w.custodian().terminations();
    second.runDue();
    assertThat(w.remaining(CategoryId.SMS_CONTENT)).as("lease still held").hasSize(3);
    w.clock.advance(World.LEASE);
    second.runDue();
    assertThat(w.remaining(CategoryId.SMS_CONTENT)).isEmpty();
    assertThat(second.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.CLOSED);
  }

  private static List<String> actions(World w) {
    return w.evidence.readAll(1, 10_000).stream().map(EvidenceEntry::action).toList();
  }

  static Instant at(String s) {
    return Instant.parse(s);
  }
}
