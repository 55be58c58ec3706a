package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.internal.Json;
import dev.custodian.spi.ArchiveSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a return archive against its manifest (R-TERM-3): every file's size and SHA-256, and, when
 * the expected manifest hash is known (it is in the termination case and the evidence log), the
 * manifest itself. One changed byte anywhere is caught. Usable by the processor on its sink and by
 * the client on the directory it received.
 */
public final class ReturnArchiveVerifier {
  private ReturnArchiveVerifier() {}

  /**
   * Checks the archive in {@code directory} (as received: {@code manifest.json} and its files).
   *
   * @param expectedManifestSha256 the manifest hash from the delivery notice or the certificate, or
   *     null to trust the manifest found
   */
  public static ManifestCheck verify(Path directory, String expectedManifestSha256) {
    return check(name -> Files.newInputStream(directory.resolve(name)), expectedManifestSha256);
  }

  /** Checks an archive as stored in a sink. */
  public static ManifestCheck verify(ArchiveSink sink, ClientId client, String archiveId,
      String expectedManifestSha256) {
    return check(name -> sink.open(client, archiveId, name), expectedManifestSha256);
  }

  @FunctionalInterface
  private interface Opener {
    InputStream open(String name) throws IOException;
  }

  private static ManifestCheck check(Opener opener, String expectedManifestSha256) {
    List<String> problems = new ArrayList<>();
    byte[] manifestBytes;
    try (InputStream in = opener.open(ReturnManifest.FILE_NAME)) {
      manifestBytes = in.readAllBytes();
    } catch (IOException e) {
      return new ManifestCheck(false, List.of(ReturnManifest.FILE_NAME + ": cannot be read"));
    }
    if (expectedManifestSha256 != null
        && !Digests.sha256(manifestBytes).equalsIgnoreCase(expectedManifestSha256)) {
      problems.add(ReturnManifest.FILE_NAME + ": SHA-256 differs from the one recorded at delivery");
    }
    ReturnManifest manifest;
    try {
      manifest = Json.MAPPER.readValue(manifestBytes, ReturnManifest.class);
    } catch (IOException e) {
      problems.add(ReturnManifest.FILE_NAME + ": not a readable manifest");
      return new ManifestCheck(false, problems);
    }
    for (ReturnManifest.ManifestFile f : manifest.files()) {
      if (f.name().contains("/") || f.name().contains("\\") || f.name().startsWith(".")) {
        problems.add(f.name() + ": file name outside the archive");
        continue;
      }
      try (InputStream in = opener.open(f.name())) {
        Digests.Measured m = Digests.measure(in);
        if (m.bytes() != f.bytes()) {
          problems.add(f.name() + ": " + m.bytes() + " bytes, manifest says " + f.bytes());
        }
        if (!m.sha256().equalsIgnoreCase(f.sha256())) {
          problems.add(f.name() + ": SHA-256 differs from the manifest");
        }
      } catch (IOException e) {
        problems.add(f.name() + ": missing or unreadable");
      }
    }
    return new ManifestCheck(problems.isEmpty(), problems);
  }
}
