package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The manifest of a return archive (R-TERM-3), written as {@code manifest.json} next to the files:
 * for each category file its record count, size and SHA-256 (of the bytes as stored, so it can be
 * checked without the key), the retention schedule's version and the time range of the records.
 * It holds no personal data; its own SHA-256 is kept in the termination case and the evidence log.
 *
 * @param format the manifest format version, currently 1
 * @param encryption {@link ArchiveCipher#ALGORITHM} when the files are encrypted, null when not
 * @param earliestRecord the earliest record time in the archive; null if the archive is empty
 * @param latestRecord the latest record time in the archive; null if the archive is empty
 */
public record ReturnManifest(
    int format,
    String archiveId,
    ClientId client,
    String caseId,
    Instant createdAt,
    String scheduleVersion,
    Instant earliestRecord,
    Instant latestRecord,
    String encryption,
    List<ManifestFile> files) {

  /** The manifest's own file name in the archive. */
  public static final String FILE_NAME = "manifest.json";

  public ReturnManifest {
    Objects.requireNonNull(archiveId, "archiveId");
    Objects.requireNonNull(client, "client");
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** How many records the archive holds in all. */
  public long totalRecords() {
    return files.stream().mapToLong(ManifestFile::records).sum();
  }

  /** The entry of one category, if the archive has it. */
  public java.util.Optional<ManifestFile> file(CategoryId category) {
    return files.stream().filter(f -> f.category().equals(category)).findFirst();
  }

  /**
   * One file of the archive: the records of one category, one JSON object per line (NDJSON).
   *
   * @param sha256 lower-case hex SHA-256 of the file's bytes as stored
   */
  public record ManifestFile(String name, CategoryId category, long records, long bytes, String sha256) {
    public ManifestFile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
