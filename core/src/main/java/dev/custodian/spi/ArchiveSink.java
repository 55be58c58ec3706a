package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * Where a return archive is delivered at termination (R-TERM-3): a directory by default, an object
 * store or the client's own storage in production. The library writes each file once, streaming,
 * and may read it back to verify its checksum.
 *
 * <p>Contract: {@link #create} replaces any earlier file of the same name; files of one archive
 * never mix with another archive's; an export that stopped half-way is {@link #discard discarded}
 * and redone under a new archive id, and {@link #partialFiles} finds what it left;
 * {@link #deliverKey} delivers a decryption key over a channel separate from the files, so that
 * whoever intercepts the archive does not also get its key.
 */
public interface ArchiveSink {

  /** Opens {@code fileName} of archive {@code archiveId} for writing, replacing any earlier one. */
  OutputStream create(ClientId client, String archiveId, String fileName) throws IOException;

  /** Reads back a file written by {@link #create}. */
  InputStream open(ClientId client, String archiveId, String fileName) throws IOException;

  /**
   * Delivers the key of an encrypted archive to the client, separately from the files. Called again
   * with a new key if an export is redone after a crash; the last key delivered is the valid one.
   */
  void deliverKey(ClientId client, String archiveId, byte[] key) throws IOException;

  /** Where the client fetches the archive (a path, a URL); shown to the client and in evidence. */
  URI location(ClientId client, String archiveId);

  /**
   * The files of the archive that were started and never finished: partial copies an export left
   * when its process died. A sink whose files appear only once complete (and leave nothing while
   * being written) has none, which is what the default says; any other sink must override it, so
   * that the certificate of deletion can state that no partial copy remains.
   */
  default List<String> partialFiles(ClientId client, String archiveId) throws IOException {
    return List.of();
  }

  /**
   * Removes everything of an abandoned archive, finished files, partial ones and its key, and
   * returns the names it removed (empty if there was nothing). Called when an export that stopped
   * half-way is redone under a new archive id; must be repeatable. The default removes nothing:
   * a sink that can hold such files must override it.
   */
  default List<String> discard(ClientId client, String archiveId) throws IOException {
    return List.of();
  }
}
