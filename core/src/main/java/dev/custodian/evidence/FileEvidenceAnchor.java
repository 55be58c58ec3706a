package dev.custodian.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link EvidenceAnchor} in one small text file, best placed where the database's writers cannot
 * reach (another volume, a host-only folder): the line {@code <sequence> <hash> <instant>}.
 *
 * <p>Each publication replaces the file atomically (written beside it, then moved over it) and only
 * if it is newer than what the file holds, under a lock on {@code <file>.lock}, so several
 * processes may share the file and out-of-order publications never lower it. The files are created
 * readable by the owner only where the file system supports POSIX permissions.
 */
public final class FileEvidenceAnchor implements EvidenceAnchor {
  private final Path file;
  private final Path lock;

  /** An anchor in {@code file}; its folder must exist. */
  public FileEvidenceAnchor(Path file) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.lock = this.file.resolveSibling(this.file.getFileName() + ".lock");
  }

  @Override
  public synchronized void publish(long sequence, String hash, Instant at) {
    AnchoredHead head = new AnchoredHead(sequence, hash, at);
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      Optional<AnchoredHead> current = read();
      if (current.isPresent() && current.get().sequence() >= sequence) {
        return;
      }
      Path temp = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(temp);
      create(temp);
      Files.writeString(temp, head.sequence() + " " + head.hash() + " " + head.at() + "\n",
          StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evidence anchor file", e);
    }
  }

  @Override
  public synchronized Optional<AnchoredHead> latest() {
    try {
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evidence anchor file", e);
    }
  }

  @Override
  public String name() {
    return "file " + file.getFileName();
  }

  private Optional<AnchoredHead> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
    try {
      if (parts.length != 3) {
        throw new NumberFormatException();
      }
      return Optional.of(new AnchoredHead(Long.parseLong(parts[0]), parts[1],
          Instant.parse(parts[2])));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IOException("the evidence anchor file is not '<sequence> <hash> <instant>'");
    }
  }

  private static void create(Path path) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(path);
    }
  }
}
