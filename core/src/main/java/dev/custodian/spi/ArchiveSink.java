package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;

/**
 * Where a return archive is delivered at termination (R-TERM-3): a directory by default, an object
 * store or the client's own storage in production. The library writes each file once, streaming,
 * and may read it back to verify its checksum.
 *
 * <p>Contract: {@link #create} replaces any earlier file of the same name (an export that crashed
 * half-way is simply written again); files of one archive never mix with another archive's;
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
}
