package dev.custodian.termination;

import static dev.custodian.termination.World.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** R-TERM-3: whichever byte of whichever returned file changes, the manifest check catches it. */
class ReturnArchiveTamperProperties {
  private static final World DELIVERED = ReturnArchiveTamperTest.delivered(true);

  @Property(tries = 200)
  void anyChangedByteOfAnyFileIsCaught(@ForAll @IntRange(min = 0, max = 3) int fileIndex,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
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
  }
}
