package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.spi.ArchiveSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An {@link ArchiveSink} in memory, for tests and the demo: files become visible when their stream
 * is closed. Thread-safe. Lets a test change a stored byte to check tamper detection.
 */
public final class InMemoryArchiveSink implements ArchiveSink {
  private final Map<String, byte[]> files = new TreeMap<>();
  private final Map<String, byte[]> keys = new TreeMap<>();

  @Override
  public OutputStream create(ClientId client, String archiveId, String fileName) {
    String path = path(client, archiveId, fileName);
    synchronized (this) {
      files.remove(path);
    }
    return new ByteArrayOutputStream() {
      @Override
      public void close() {
        synchronized (InMemoryArchiveSink.this) {
          files.put(path, toByteArray());
        }
      }
    };
  }

  @Override
  public synchronized InputStream open(ClientId client, String archiveId, String fileName)
      throws FileNotFoundException {
    byte[] bytes = files.get(path(client, archiveId, fileName));
    if (bytes == null) {
      throw new FileNotFoundException(archiveId + "/" + fileName);
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public synchronized void deliverKey(ClientId client, String archiveId, byte[] key) {
    keys.put(client + "/" + archiveId, key.clone());
  }

  @Override
  public URI location(ClientId client, String archiveId) {
    return URI.create("memory:/" + client + "/" + archiveId + "/");
  }

  /** The names of the files of one archive. */
  public synchronized Set<String> fileNames(ClientId client, String archiveId) {
    String prefix = client + "/" + archiveId + "/";
    Set<String> out = new TreeSet<>();
    files.keySet().stream().filter(p -> p.startsWith(prefix))
        .forEach(p -> out.add(p.substring(prefix.length())));
    return out;
  }

  /** A copy of a stored file's bytes. */
  public synchronized Optional<byte[]> bytes(ClientId client, String archiveId, String fileName) {
    return Optional.ofNullable(files.get(path(client, archiveId, fileName))).map(byte[]::clone);
  }

  /** Replaces a stored file's bytes (to simulate tampering in tests). */
  public synchronized void replace(ClientId client, String archiveId, String fileName, byte[] bytes) {
    files.put(path(client, archiveId, fileName), bytes.clone());
  }

  /** Files appear only when complete: there are never partial ones. */
  @Override
  public List<String> partialFiles(ClientId client, String archiveId) {
    return List.of();
  }

  @Override
  public synchronized List<String> discard(ClientId client, String archiveId) {
    List<String> removed = new ArrayList<>(fileNames(client, archiveId));
    removed.forEach(name -> files.remove(path(client, archiveId, name)));
    if (keys.remove(client + "/" + archiveId) != null) {
      removed.add("key");
    }
    return removed;
  }

  /** The last key delivered for an archive, if any. */
  public synchronized Optional<byte[]> deliveredKey(ClientId client, String archiveId) {
    return Optional.ofNullable(keys.get(client + "/" + archiveId)).map(byte[]::clone);
  }

  private static String path(ClientId client, String archiveId, String fileName) {
    return client + "/" + archiveId + "/" + fileName;
  }
}
