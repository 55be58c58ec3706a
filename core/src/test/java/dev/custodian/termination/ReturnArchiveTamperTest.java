package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static dev.custodian.termination.World.ADMIN;
import static dev.custodian.termination.World.OPERATOR;
import static dev.custodian.termination.World.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.terms.CategoryId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-TERM-3: one changed byte of a returned file is caught by the manifest check. */
class ReturnArchiveTamperTest {

  static World delivered(boolean encrypted) {
    World w = new World();
    w.populated = Set.of(CategoryId.CALL_RECORDING, CategoryId.TRANSCRIPTION, CategoryId.SMS_CONTENT);
    w.populate();
    Custodian cu = w.custodian();
    cu.terminations().open(OPERATOR, ACME, T, Set.of());
    cu.terminations().chooseReturn(ADMIN, ACME, encrypted);
    w.clock.set(T);
    cu.terminations().runDue();
    return w;
  }

  @Test
  void aFlippedByteInAReturnedFileIsCaught_R_TERM_3() {
    World w = delivered(false);
    Custodian cu = w.custodian();
    TerminationCase c = cu.terminations().find(ACME).orElseThrow();
    String archive = c.delivery().archiveId();
    assertThat(ReturnArchiveVerifier.verify(w.sink, ACME, archive, c.delivery().manifestSha256())
        .intact()).isTrue();

    byte[] bytes = w.sink.bytes(ACME, archive, "TRANSCRIPTION.ndjson").orElseThrow();
    bytes[bytes.length / 2] ^= 0x20;
    w.sink.replace(ACME, archive, "TRANSCRIPTION.ndjson", bytes);

    ManifestCheck check = ReturnArchiveVerifier.verify(w.sink, ACME, archive, c.delivery().manifestSha256());
    assertThat(check.intact()).isFalse();
    assertThat(check.problems()).singleElement().asString()
        .contains("TRANSCRIPTION.ndjson", "SHA-256");

    // The processor's checksum verification fails: nothing is acknowledged, nothing deleted.
    ManifestCheck byProcessor = cu.terminations().verifyReturn(OPERATOR, ACME);
    assertThat(byProcessor.intact()).isFalse();
    cu.terminations().runDue();
    assertThat(cu.terminations().find(ACME).orElseThrow().phase())
        .isEqualTo(TerminationPhase.AWAITING_ACKNOWLEDGEMENT);
    assertThat(w.remaining(CategoryId.TRANSCRIPTION)).hasSize(3);
    assertThat(w.evidence.readAll(1, 1000)).anyMatch(e ->
        e.action().equals("termination.archive.verification_failed"));
  }

  @Test
  void aChangedManifestIsCaughtByItsRecordedHash_R_TERM_3() {
    World w = delivered(true);
    TerminationCase c = w.custodian().terminations().find(ACME).orElseThrow();
    String archive = c.delivery().archiveId();
    String manifest = new String(w.sink.bytes(ACME, archive, "manifest.json").orElseThrow(),
        java.nio.charset.StandardCharsets.UTF_8);
    // A forger rewrites a count; the files still match the forged manifest, not the recorded hash.
    w.sink.replace(ACME, archive, "manifest.json", manifest.replaceFirst("\"records\" : 3",
        "\"records\" : 2").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ManifestCheck check = ReturnArchiveVerifier.verify(w.sink, ACME, archive, c.delivery().manifestSha256());
    assertThat(check.intact()).isFalse();
    assertThat(check.problems()).anyMatch(p -> p.startsWith("manifest.json"));
  }

  @Test
  void theClientChecksTheDirectoryItReceived_R_TERM_3(@TempDir Path tmp) throws IOException {
    World w = new World();
    w.populated = Set.of(CategoryId.CALL_RECORDING);
    w.populate();
    DirectoryArchiveSink sink = new DirectoryArchiveSink(tmp.resolve("returns"), tmp.resolve("keys"));
    Custodian cu = Custodian.builder().clock(w.clock).stateStore(w.state).evidenceStore(w.evidence)
        .hostData(w.host).archiveSink(sink).keyCustody(w.keys).pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
    cu.terminations().open(OPERATOR, ACME, T, Set.of());
    cu.terminations().chooseReturn(ADMIN, ACME, true);
    w.clock.set(T);
    cu.terminations().runDue();
    TerminationCase c = cu.terminations().find(ACME).orElseThrow();
    Path dir = sink.directory(ACME, c.delivery().archiveId());
    assertThat(Files.exists(tmp.resolve("keys").resolve("acme").resolve(c.delivery().archiveId() + ".key")))
        .as("the key is delivered apart from the files").isTrue();
    assertThat(ReturnArchiveVerifier.verify(dir, c.delivery().manifestSha256()).intact()).isTrue();

    Path file = dir.resolve("CALL_RECORDING.ndjson.gcm");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x01;
    Files.write(file, bytes);
    ManifestCheck check = ReturnArchiveVerifier.verify(dir, null);
    assertThat(check.intact()).isFalse();
    assertThat(check.problems()).singleElement().asString().contains("CALL_RECORDING.ndjson.gcm");
  }
}
