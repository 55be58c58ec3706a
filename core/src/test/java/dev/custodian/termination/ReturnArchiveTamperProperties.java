package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.testing.Seeds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** R-TERM-3: whichever byte of whichever returned file changes, the manifest check catches it. */
class ReturnArchiveTamperProperties {
  private static final World DELIVERED = ReturnArchiveTamperTest.delivered(true);

  @TestFactory
  Stream<DynamicTest> anyChangedByteOfAnyFileIsCaught() {
    return Seeds.cases("anyChangedByteOfAnyFileIsCaught", 200, g -> {
      int fileIndex = g.intBetween(0, 3);
      int position = g.intBetween(0, Integer.MAX_VALUE - 1);
      int flip = g.intBetween(1, 255);
      TerminationCase c = DELIVERED.custodian().terminations().find(ACME).orElseThrow();
      String archive = c.delivery().archiveId();
      List<String> files = List.copyOf(DELIVERED.sink.fileNames(ACME, archive));
      String name = files.get(fileIndex % files.size());
      byte[] original = DELIVERED.sink.bytes(ACME, archive, name).orElseThrow();
      byte[] changed = original.clone();
      changed[position % changed.length] ^= (byte) flip;
      DELIVERED.sink.replace(ACME, archive, name, changed);
      try {
        assertThat(ReturnArchiveVerifier.verify(DELIVERED.sink, ACME, archive,
            c.delivery().manifestSha256()).intact()).isFalse();
      } finally {
        DELIVERED.sink.replace(ACME, archive, name, original);
      }
    });
  }
}
