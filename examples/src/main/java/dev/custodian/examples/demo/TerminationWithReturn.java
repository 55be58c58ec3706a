package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.OPERATOR;
import static dev.custodian.examples.demo.DemoPrincipals.STUDIO_ADMIN;
import static dev.custodian.examples.demo.Narrator.when;

import dev.custodian.Custodian;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.RecordSelection;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.termination.CertificateOfDeletion;
import dev.custodian.termination.DownloadToken;
import dev.custodian.termination.ManifestCheck;
import dev.custodian.termination.ReturnArchiveVerifier;
import dev.custodian.termination.TerminationCase;
import dev.custodian.termination.TerminationPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Step 9: studio-est's contract ends with the return of its data: processing stops, the archive and
 * its manifest are delivered behind a download token, the client acknowledges, deletion follows,
 * sub-processors confirm, and the certificate of deletion is written. Hands the certificate on.
 */
final class TerminationWithReturn {
  private final Narrator narrator;
  private final Custodian custodian;
  private final DemoClock clock;
  private final JdbcHostData hostData;
  private final InMemorySubprocessorInstructionSender subProcessorInstructions;
  private final DemoDatabase database;
  private final Path workDir;

  TerminationWithReturn(Narrator narrator, Scene scene) {
    this.narrator = narrator;
    this.custodian = scene.custodian;
    this.clock = scene.clock;
    this.hostData = scene.hostData;
    this.subProcessorInstructions = scene.subProcessorInstructions;
    this.database = scene.database;
    this.workDir = scene.workDir;
  }

  CertificateOfDeletion run() throws IOException {
    var terminations = custodian.terminations();
    Instant end = clock.instant().plus(Duration.ofDays(1));
    terminations.open(OPERATOR, DemoData.STUDIO, end, Set.of("scaleway", "deeptranscript"));
    terminations.chooseReturn(STUDIO_ADMIN, DemoData.STUDIO, false);
    narrator.say("   studio-est's contract ends on " + when(end) + "; it chooses the return of its"
        + " data (R-TERM-2).");
    clock.advance(Duration.ofDays(1));
    narrator.check(!custodian.processingGate().permits(DemoData.STUDIO), "processing of studio-est stops");
    narrator.check(custodian.processingGate().permits(DemoData.ATELIER), "other clients go on");
    terminations.runDue();
    TerminationCase c = terminations.find(OPERATOR, DemoData.STUDIO).orElseThrow();
    narrator.check(c.phase() == TerminationPhase.AWAITING_ACKNOWLEDGEMENT, "the archive awaits acknowledgement");
    TerminationCase.ReturnDelivery delivery = Objects.requireNonNull(c.delivery(), "delivery");
    Path archive = workDir.resolve("returns").resolve(DemoData.STUDIO.value())
        .resolve(delivery.archiveId());
    if (!Files.isDirectory(archive)) {
      archive = Path.of(delivery.location());
    }
    narrator.say("   Return archive (" + delivery.records() + " records): "
        + workDir.relativize(archive));
    try (Stream<Path> files = Files.list(archive)) {
      for (Path f : files.sorted().toList()) {
        narrator.say("     " + f.getFileName() + "  " + Files.size(f) + " bytes");
      }
    }
    Path manifest = archive.resolve("manifest.json");
    narrator.say("   manifest.json:");
    Files.readString(manifest, StandardCharsets.UTF_8).lines().limit(40)
        .forEach(l -> narrator.say("     " + l));
    ManifestCheck integrity = ReturnArchiveVerifier.verify(archive, delivery.manifestSha256());
    narrator.check(integrity.intact(), "the archive matches its manifest: " + integrity.problems());
    DownloadToken token = terminations.issueDownloadToken(STUDIO_ADMIN, DemoData.STUDIO);
    narrator.say("   Download token for the client, shown once: " + token.token());
    narrator.say("   It expires " + when(token.expiresAt()) + "; Custodian keeps only its salted"
        + " SHA-256 (R-EVID-3).");
    narrator.check(terminations.redeemDownloadToken(DemoData.STUDIO, token.token())
        .equals(java.util.Optional.of(delivery.archiveId())), "the token opens the archive");
    narrator.check(terminations.redeemDownloadToken(DemoData.STUDIO, token.token() + "x").isEmpty(),
        "a wrong token opens nothing");
    narrator.check(!database.contains(token.token()), "the token is not stored in clear");
    terminations.acknowledgeReturn(STUDIO_ADMIN, DemoData.STUDIO, delivery.manifestSha256());
    terminations.runDue();
    narrator.say("   The client acknowledged the archive (manifest SHA-256 "
        + delivery.manifestSha256().substring(0, 16) + "...); deletion followed (R-TERM-3).");
    narrator.say("   " + subProcessorInstructions.sent().size() + " sub-processors were instructed"
        + " to do the same, and confirmed (R-TERM-4).");
    for (var i : subProcessorInstructions.sent()) {
      terminations.acknowledgeSubProcessor(OPERATOR, DemoData.STUDIO, i.subProcessor(),
          i.subProcessor().toUpperCase() + "-ACK-1");
    }
    terminations.runDue();
    c = terminations.find(OPERATOR, DemoData.STUDIO).orElseThrow();
    narrator.check(c.phase() == TerminationPhase.CERTIFIED, "the termination is certified, not " + c.phase());
    CertificateOfDeletion certificate = terminations.certificate(OPERATOR, DemoData.STUDIO).orElseThrow();
    Path dir = workDir.resolve("termination");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("certificate-of-deletion.json"), certificate.toJson(),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("certificate-of-deletion.txt"), certificate.render(),
        StandardCharsets.UTF_8);
    narrator.say("   Certificate of deletion (also in " + workDir.relativize(dir) + "/):");
    certificate.render().lines().forEach(l -> narrator.say("     " + l));
    for (CategoryId gone : List.of(CategoryId.CALL_RECORDING, CategoryId.TRANSCRIPTION,
        CategoryId.SMS_CONTENT, CategoryId.CONTACT_MANUAL, CategoryId.WEBHOOK_LOG)) {
      narrator.check(hostData.count(RecordSelection.all(DemoData.STUDIO, gone)) == 0,
          "studio-est's " + gone + " is deleted");
    }
    narrator.check(hostData.count(RecordSelection.all(DemoData.STUDIO, CategoryId.CALL_LOG)) > 0,
        "studio-est's call logs stay as a restricted legal archive");
    narrator.check(hostData.count(RecordSelection.all(DemoData.ATELIER, CategoryId.CALL_LOG)) > 0,
        "other clients' data is untouched");
    return certificate;
  }
}
