package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.spi.ArchiveSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The default {@link ArchiveSink}: archives under {@code root/<client>/<archiveId>/}, and keys of
 * encrypted archives under a separate {@code keyRoot/<client>/<archiveId>.key}, so the host can
 * hand them over by different channels. A file appears under its name only once fully written.
 */
public final class DirectoryArchiveSink implements ArchiveSink {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path root;
  private final Path keyRoot;

  /**
   * @param root where archives are written
   * @param keyRoot where keys are written; must not be inside {@code root}
   */
  public DirectoryArchiveSink(Path root, Path keyRoot) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.keyRoot = Objects.requireNonNull(keyRoot, "keyRoot").toAbsolutePath().normalize();
    if (this.keyRoot.startsWith(this.root)) {
      throw new IllegalArgumentException("keys must not be kept inside the archive directory");
    }
  }

  @Override
  public OutputStream create(ClientId client, String archiveId, String fileName) throws IOException {
    Path target = file(client, archiveId, fileName);
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(fileName + ".partial");
    OutputStream out = Files.newOutputStream(partial);
    return new FilterOutputStream(out) {
      private boolean closed;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        super.close();
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    };
  }

  @Override
  public InputStream open(ClientId client, String archiveId, String fileName) throws IOException {
    return Files.newInputStream(file(client, archiveId, fileName));
  }

  @Override
  public void deliverKey(ClientId client, String archiveId, byte[] key) throws IOException {
    Path dir = keyRoot.resolve(client.value());
    Files.createDirectories(dir);
    Path target = dir.resolve(safe(archiveId) + ".key");
    Path partial = dir.resolve(safe(archiveId) + ".key.partial");
    Files.write(partial, key);
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions apply.
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public URI location(ClientId client, String archiveId) {
    return root.resolve(client.value()).resolve(safe(archiveId)).toUri();
  }

  /** The directory holding one archive. */
  public Path directory(ClientId client, String archiveId) {
    return root.resolve(client.value()).resolve(safe(archiveId));
  }

  private Path file(ClientId client, String archiveId, String fileName) {
    return directory(client, archiveId).resolve(safe(fileName));
  }

  private static String safe(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("unsafe archive or file name");
    }
    return name;
  }
}
