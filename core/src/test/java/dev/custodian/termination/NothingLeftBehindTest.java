package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static dev.custodian.termination.World.ADMIN;
import static dev.custodian.termination.World.OPERATOR;
import static dev.custodian.termination.World.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.terms.CategoryId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export that stops half-way leaves nothing behind (R-TERM-3, R-TERM-6): what it wrote is
 * removed before the export is redone, the removal is evidence, and the certificate states that no
 * partial copy remains. Archive files and folders are readable by their owner only.
 */
class NothingLeftBehindTest {

  @Test
  void anInterruptedExportIsRemovedAndTheCertificateSaysNoPartialCopyRemains_R_TERM_3_R_TERM_6() {
    World w = new World(new Crasher("stream TRANSCRIPTION:mid"));
    w.populated = Set.of(CategoryId.CALL_RECORDING, CategoryId.TRANSCRIPTION);
    w.populate();
    TerminationService first = w.custodian().terminations();
    first.open(OPERATOR, ACME, T, Set.of());
    first.chooseReturn(ADMIN, ACME, true);
    w.clock.set(T);
    assertThatThrownBy(first::runDue).isInstanceOf(Crasher.SimulatedCrash.class);
    String abandoned = TerminationService.caseId(ACME) + "-return-1";
    // The finished file, and what the stopped stream flushed on its way down.
    int written = w.sink.fileNames(ACME, abandoned).size();
    assertThat(w.sink.fileNames(ACME, abandoned)).as("what the dead export wrote")
        .contains("CALL_RECORDING.ndjson.gcm");

    w.clock.advance(World.LEASE.plusSeconds(1));
    Custodian cu = w.custodian();
    TerminationService t = cu.terminations();
    t.runDue();
    TerminationCase c = t.find(ACME).orElseThrow();
    assertThat(c.delivery().archiveId()).isEqualTo(TerminationService.caseId(ACME) + "-return-2");
    assertThat(c.delivery().discardedArchives()).containsExactly(abandoned);
    assertThat(w.sink.fileNames(ACME, abandoned)).as("the abandoned export's files").isEmpty();
    assertThat(w.sink.deliveredKey(ACME, abandoned)).isEmpty();
    List<EvidenceEntry> discarded = w.evidence.readAll(1, 1000).stream()
        .filter(e -> e.action().equals("termination.archive.discarded")).toList();
    assertThat(discarded).singleElement().satisfies(e -> {
      assertThat(e.details()).containsEntry("archive", abandoned)
          .containsEntry("filesRemoved", String.valueOf(written))
          .containsEntry("partialFilesLeft", "0");
    });

    t.acknowledgeReturn(ADMIN, ACME, c.delivery().manifestSha256());
    t.runDue();
    CertificateOfDeletion cert = t.certificate(ADMIN, ACME).orElseThrow();
    assertThat(cert.returnArchive().discardedArchives()).containsExactly(abandoned);
    assertThat(cert.returnArchive().partialFilesLeft()).isZero();
    assertThat(cert.render()).contains("No partial copy of the export remains")
        .contains("Interrupted exports removed from the archive store: " + abandoned);
    assertThat(CertificateVerifier.verify(cert, w.evidence, EvidenceKey.derivedFrom(World.KEY)).problems()).isEmpty();
  }

  @Test
  void directorySinkFindsAndRemovesWhatADeadExportLeft(@TempDir Path dir) throws IOException {
    DirectoryArchiveSink sink = new DirectoryArchiveSink(dir.resolve("archives"), dir.resolve("keys"));
    OutputStream dying = sink.create(ACME, "case-return-1", "CALL_RECORDING.ndjson");
    dying.write("{\"id\":\"r1\"}\n".getBytes(StandardCharsets.UTF_8));
    dying.flush();
    try (OutputStream done = sink.create(ACME, "case-return-1", "manifest.json")) {
      done.write('{');
    }
    sink.deliverKey(ACME, "case-return-1", new byte[32]);
    assertThat(sink.partialFiles(ACME, "case-return-1")).containsExactly("CALL_RECORDING.ndjson.partial");

    List<String> removed = sink.discard(ACME, "case-return-1");
    assertThat(removed).containsExactlyInAnyOrder("CALL_RECORDING.ndjson.partial", "manifest.json",
        "case-return-1.key");
    assertThat(sink.partialFiles(ACME, "case-return-1")).isEmpty();
    assertThat(sink.directory(ACME, "case-return-1")).doesNotExist();
    assertThat(sink.discard(ACME, "case-return-1")).as("repeatable").isEmpty();
    // The stream of a discarded archive cannot publish its file any more.
    assertThatThrownBy(dying::close).isInstanceOf(NoSuchFileException.class);
    assertThat(sink.directory(ACME, "case-return-1")).doesNotExist();
  }

  @Test
  void archiveFilesAndFoldersAreReadableByTheOwnerOnly(@TempDir Path dir) throws IOException {
    DirectoryArchiveSink sink = new DirectoryArchiveSink(dir.resolve("archives"), dir.resolve("keys"));
    OutputStream writing = sink.create(ACME, "case-return-1", "CALL_RECORDING.ndjson");
    Path archive = sink.directory(ACME, "case-return-1");
    assertThat(mode(archive.resolve("CALL_RECORDING.ndjson.partial"))).as("while written").isEqualTo("rw-------");
    writing.close();
    sink.deliverKey(ACME, "case-return-1", new byte[32]);
    assertThat(mode(archive.resolve("CALL_RECORDING.ndjson"))).isEqualTo("rw-------");
    assertThat(mode(archive)).isEqualTo("rwx------");
    assertThat(mode(archive.getParent())).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("archives"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("keys").resolve("acme"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("keys").resolve("acme").resolve("case-return-1.key"))).isEqualTo("rw-------");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
