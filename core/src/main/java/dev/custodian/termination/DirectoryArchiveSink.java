package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.spi.ArchiveSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default {@link ArchiveSink}: archives under {@code root/<client>/<archiveId>/}, and keys of
 * encrypted archives under a separate {@code keyRoot/<client>/<archiveId>.key}, so the host can
 * hand them over by different channels. A file is written as {@code <name>.partial} and appears
 * under its name only once fully written; {@link #partialFiles} finds what a dead export left and
 * {@link #discard} removes an abandoned archive. Where the file system is POSIX, the folders it
 * creates are readable by the owner only (0700) and so are its files (0600): they hold personal data.
 */
public final class DirectoryArchiveSink implements ArchiveSink {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  static final String PARTIAL = ".partial";
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

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
    directories(target.getParent());
    Path partial = target.resolveSibling(fileName + PARTIAL);
    OutputStream out = ownerOnly(partial);
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
    Path dir = keyRoot.resolve(safe(client.value()));
    directories(dir);
    Path target = dir.resolve(safe(archiveId) + ".key");
    Path partial = dir.resolve(safe(archiveId) + ".key" + PARTIAL);
    try (OutputStream out = ownerOnly(partial)) {
      out.write(key);
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public URI location(ClientId client, String archiveId) {
    return root.resolve(client.value()).resolve(safe(archiveId)).toUri();
  }

  /** The {@code .partial} files of the archive and of its key: what a dead export left. */
  @Override
  public List<String> partialFiles(ClientId client, String archiveId) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path p : list(directory(client, archiveId))) {
      if (p.getFileName().toString().endsWith(PARTIAL)) {
        out.add(p.getFileName().toString());
      }
    }
    Path keyPartial = keyRoot.resolve(safe(client.value())).resolve(safe(archiveId) + ".key" + PARTIAL);
    if (Files.exists(keyPartial)) {
      out.add(keyPartial.getFileName().toString());
    }
    return out;
  }

  /** Deletes the archive's folder with every file in it, finished or partial, and its key. */
  @Override
  public List<String> discard(ClientId client, String archiveId) throws IOException {
    List<String> removed = new ArrayList<>();
    Path dir = directory(client, archiveId);
    for (Path p : list(dir)) {
      if (Files.deleteIfExists(p)) {
        removed.add(p.getFileName().toString());
      }
    }
    Files.deleteIfExists(dir);
    Path keys = keyRoot.resolve(safe(client.value()));
    for (String name : List.of(safe(archiveId) + ".key", safe(archiveId) + ".key" + PARTIAL)) {
      if (Files.deleteIfExists(keys.resolve(name))) {
        removed.add(name);
      }
    }
    return removed;
  }

  /** The directory holding one archive. */
  public Path directory(ClientId client, String archiveId) {
    return root.resolve(safe(client.value())).resolve(safe(archiveId));
  }

  private Path file(ClientId client, String archiveId, String fileName) {
    return directory(client, archiveId).resolve(safe(fileName));
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      files.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the missing folders of {@code dir}, each readable by the owner only. */
  private static void directories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      directories(parent);
    }
    try {
      if (posix(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        // The attribute passes through the process's umask; set it exactly.
        Files.setPosixFilePermissions(dir, OWNER_DIR);
      } else {
        Files.createDirectory(dir);
      }
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // Another export created it first.
    }
  }

  /** Opens {@code file} for writing, truncated, readable by the owner only where POSIX. */
  private static OutputStream ownerOnly(Path file) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    if (!posix(file)) {
      return Files.newOutputStream(file);
    }
    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_FILE);
    OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, options, attr));
    // An existing file keeps its mode on open; the attribute passes through the umask.
    Files.setPosixFilePermissions(file, OWNER_FILE);
    return out;
  }

  private static String safe(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("unsafe archive or file name");
    }
    return name;
  }
}
