package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static dev.custodian.termination.World.ADMIN;
import static dev.custodian.termination.World.GLOBEX;
import static dev.custodian.termination.World.OPERATOR;
import static dev.custodian.termination.World.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.hold.Hold;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.SubprocessorInstruction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client holding data in every Annex A category is terminated, for each of the three ways a
 * termination goes (return, delete, no choice), and each category ends as the table of
 * REQUIREMENTS.md demands.
 */
class TerminationEndToEndTest {
  /** The evidence key Custodian derives from the tests' pseudonymisation key. */
  private static final EvidenceKey EVIDENCE_KEY = EvidenceKey.derivedFrom(World.KEY);

  /** The table's "at termination" column, as dispositions. */
  static Disposition expected(CategoryId c, TerminationMode mode) {
    return switch (c.value()) {
      case "COMPANY_INFO", "CALL_LOG", "FAX_LOG", "SMS_LOG", "MMS_LOG", "FAX" -> Disposition.LEGAL_ARCHIVE;
      case "CALL_RECORDING", "CONTACT_WEBHOOK", "TRANSCRIPTION" ->
          mode == TerminationMode.RETURN ? Disposition.RETURN_THEN_DELETE : Disposition.DELETE;
      case "SMS_CONTENT", "MMS_CONTENT", "WEBHOOK_LOG", "CONTACT_MANUAL", "CONTACT_CRM_SYNC",
          "SSO_USER_ID" -> Disposition.DELETE;
      case "TRANSACTIONAL_EMAIL" -> Disposition.NOT_STORED;
      case "CRM_CONTACT" -> Disposition.NOT_CLIENT_DATA;
      default -> throw new IllegalArgumentException(c.value());
    };
  }

  @ParameterizedTest
  @EnumSource(TerminationMode.class)
  void everyAnnexACategoryEndsAsTheTableDemands_R_TERM_1_to_7(TerminationMode mode) throws IOException {
    World w = new World();
    w.populate();
    Custodian cu = w.custodian();
    Hold hold = w.placeHold(cu);
    TerminationService t = cu.terminations();

    t.open(OPERATOR, ACME, T);
    assertThat(cu.processingGate().permits(ACME)).as("before the termination date").isTrue();
    switch (mode) {
      case RETURN -> t.chooseReturn(ADMIN, ACME, true);
      case DELETE -> t.chooseDelete(ADMIN, ACME);
      case DELETE_BY_DEFAULT -> { }
    }

    // R-TERM-1: from the termination date, processing stops for the client, not for others.
    w.clock.set(T);
    assertThat(cu.processingGate().permits(ACME)).isFalse();
    assertThatThrownBy(() -> cu.processingGate().check(ACME))
        .isInstanceOf(ProcessingRefusedException.class);
    assertThat(cu.processingGate().permits(GLOBEX)).isTrue();
    assertThat(cu.processingGate().permits(ACME, CategoryId.CRM_CONTACT))
        .as("the operator's own data is not the client's").isTrue();

    t.runDue();
    if (mode == TerminationMode.DELETE_BY_DEFAULT) {
      // R-TERM-2: nothing happens before the deadline; at the deadline, deletion.
      assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.AWAITING_CHOICE);
      assertThat(w.host.size()).isEqualTo(16 * 4);
      w.clock.set(T.plus(TerminationOptions.DEFAULTS.choiceWindow()));
      assertThatThrownBy(() -> t.chooseReturn(ADMIN, ACME, false))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadline");
      t.runDue();
    }
    TerminationCase c = t.find(ACME).orElseThrow();
    assertThat(c.mode()).isEqualTo(mode);

    String manifestSha = null;
    if (mode == TerminationMode.RETURN) {
      // R-TERM-3: delivered, not yet acknowledged: nothing is deleted.
      assertThat(c.phase()).isEqualTo(TerminationPhase.AWAITING_ACKNOWLEDGEMENT);
      assertThat(w.host.size()).isEqualTo(16 * 4);
      manifestSha = c.delivery().manifestSha256();
      String archive = c.delivery().archiveId();
      assertThat(ReturnArchiveVerifier.verify(w.sink, ACME, archive, manifestSha).intact()).isTrue();
      assertThat(w.sink.fileNames(ACME, archive)).containsExactlyInAnyOrder("manifest.json",
          "CALL_RECORDING.ndjson.gcm", "CONTACT_WEBHOOK.ndjson.gcm", "TRANSCRIPTION.ndjson.gcm");
      byte[] key = w.sink.deliveredKey(ACME, archive).orElseThrow();
      String recordings = decrypt(w.sink.bytes(ACME, archive, "CALL_RECORDING.ndjson.gcm").orElseThrow(), key);
      assertThat(recordings.lines()).hasSize(3).allMatch(l -> l.contains("\"subjects\""));
      assertThat(recordings).contains("acme-CALL_RECORDING-1", "acme-CALL_RECORDING-3")
          .doesNotContain("globex");
      t.acknowledgeReturn(ADMIN, ACME, manifestSha);
      t.runDue();
    }

    // R-TERM-4: every sub-processor instructed likewise; the certificate waits for both.
    SubprocessorInstruction.Action action = mode == TerminationMode.RETURN
        ? SubprocessorInstruction.Action.RETURN_THEN_DELETE : SubprocessorInstruction.Action.DELETE;
    assertThat(w.sender.sent()).extracting(SubprocessorInstruction::subProcessor)
        .containsExactlyInAnyOrder("AWS", "Twilio");
    assertThat(w.sender.sent()).allMatch(i -> i.action() == action && i.client().equals(ACME));
    assertThat(t.find(ACME).orElseThrow().phase()).isEqualTo(TerminationPhase.AWAITING_SUB_PROCESSORS);
    t.acknowledgeSubProcessor(OPERATOR, ACME, "AWS", "AWS-CASE-1");
    t.acknowledgeSubProcessor(OPERATOR, ACME, "Twilio", "TW-77");
    t.runDue();
    c = t.find(ACME).orElseThrow();
    assertThat(c.phase()).isEqualTo(TerminationPhase.CERTIFIED);

    // R-TERM-6: per category, the outcome the table demands, and the host's data agrees.
    CertificateOfDeletion cert = t.certificate(ADMIN, ACME).orElseThrow();
    Map<CategoryId, CertificateOfDeletion.CategoryLine> lines = cert.categories().stream()
        .collect(Collectors.toMap(CertificateOfDeletion.CategoryLine::category, l -> l));
    assertThat(lines.keySet()).containsAll(CategoryId.ANNEX_A);
    for (CategoryId cat : CategoryId.ANNEX_A) {
      CertificateOfDeletion.CategoryLine l = lines.get(cat);
      boolean held = World.HELD_CATEGORIES.contains(cat);
      assertThat(l.disposition()).as(cat.value()).isEqualTo(expected(cat, mode));
      List<String> left = w.remaining(cat);
      switch (l.disposition()) {
        case RETURN_THEN_DELETE, DELETE -> {
          assertThat(l.deleted()).as(cat + " deleted").isEqualTo(held ? 2 : 3);
          assertThat(l.held()).as(cat + " held").isEqualTo(held ? 1 : 0);
          assertThat(left).as(cat + " left").isEqualTo(held ? List.of("acme-" + cat + "-1") : List.of());
          assertThat(left).as("held records become a confidential archive (R-HOLD-1)")
              .allMatch(id -> w.host.isRestricted(cat, id));
          assertThat(l.returned()).isEqualTo(l.disposition() == Disposition.RETURN_THEN_DELETE ? 3 : 0);
        }
        case LEGAL_ARCHIVE -> {
          assertThat(l.archived()).as(cat + " archived").isEqualTo(held ? 2 : 3);
          assertThat(l.held()).isEqualTo(held ? 1 : 0);
          assertThat(l.deleted()).isZero();
          assertThat(l.basis()).isNotBlank();
          assertThat(left).hasSize(3);
          assertThat(left).allMatch(id -> w.host.isRestricted(cat, id));
          assertThat(l.archivedUntil()).isEqualTo(Instant.parse("2027-03-02T00:00:00Z"));
        }
        case NOT_STORED -> assertThat(l.deleted() + l.archived() + l.returned()).isZero();
        case NOT_CLIENT_DATA -> assertThat(left).hasSize(3);
      }
    }
    assertThat(lines.get(CategoryId.CALL_LOG).basis()).contains("CPCE L.34-1");
    assertThat(lines.get(CategoryId.CALL_LOG).archiveClock()).isEqualTo("record time");
    assertThat(lines.get(CategoryId.FAX).archiveClock()).isEqualTo("contract end");
    if (mode == TerminationMode.RETURN) {
      assertThat(cert.returnArchive().manifestSha256()).isEqualTo(manifestSha);
      assertThat(cert.returnArchive().acknowledgement()).isEqualTo("client");
    } else {
      assertThat(cert.returnArchive()).isNull();
    }
    assertThat(cert.subProcessors()).allMatch(s -> s.acknowledgedAt() != null);
    assertThat(cert.render()).contains("CERTIFICATE OF DELETION", "CALL_LOG", "AWS", "Twilio");
    assertThat(CertificateVerifier.verify(cert, w.evidence, EVIDENCE_KEY).problems()).isEmpty();
    assertThat(cu.evidence().verify().valid()).isTrue();
    assertThat(w.keys.isDestroyed(ACME)).as("archives and a hold still need the key").isFalse();
    // R-ACC-2: the other client is untouched.
    assertThat(w.host.size()).isGreaterThanOrEqualTo(16);
    for (CategoryId cat : CategoryId.ANNEX_A) {
      if (!cat.equals(CategoryId.TRANSACTIONAL_EMAIL)) {
        assertThat(w.host.contains(cat, "globex-" + cat + "-1")).isTrue();
      }
    }

    // R-TERM-5, R-TERM-7: as archive periods end they are deleted; once the hold is released and
    // nothing is left, the key is destroyed and the case closes.
    w.clock.set(T.plus(Duration.ofDays(270)));
    t.runDue();
    assertThat(w.remaining(CategoryId.CALL_LOG)).as("T-100d expired, held and T-10d kept")
        .containsExactly("acme-CALL_LOG-1", "acme-CALL_LOG-3");
    assertThat(w.remaining(CategoryId.FAX)).as("kept a year from the contract end").hasSize(3);
    w.clock.set(T.plus(Duration.ofDays(370)));
    t.runDue();
    assertThat(t.find(ACME).orElseThrow().phase()).as("a hold still applies")
        .isEqualTo(TerminationPhase.CERTIFIED);
    assertThat(w.keys.isDestroyed(ACME)).isFalse();
    cu.holds().release(OPERATOR, hold.id(), "order lifted");
    // The case is next due at its archive check; the host may also advance it at once.
    t.advance(ACME);
    c = t.find(ACME).orElseThrow();
    assertThat(c.phase()).isEqualTo(TerminationPhase.CLOSED);
    assertThat(w.keys.isDestroyed(ACME)).isTrue();
    for (CategoryId cat : CategoryId.ANNEX_A) {
      assertThat(w.remaining(cat)).as(cat.value())
          .hasSize(cat.equals(CategoryId.CRM_CONTACT) ? 3 : 0);
    }
    assertThat(cu.evidence().verify().valid()).isTrue();
  }

  static String decrypt(byte[] bytes, byte[] key) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveCipher.decrypt(new ByteArrayInputStream(bytes), key, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
