package dev.custodian.termination;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A secret that lets the client fetch its return archive (R-TERM-3, R-EVID-3). It is shown once,
 * here; the library keeps only a salted SHA-256 of it, and it stops working at {@code expiresAt}.
 * {@link #toString()} does not reveal it.
 *
 * @param token the secret to hand to the client, in clear
 */
public record DownloadToken(String token, String archiveId, URI location, Instant expiresAt) {
  public DownloadToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(archiveId, "archiveId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "DownloadToken[archive=" + archiveId + ", expiresAt=" + expiresAt + ", token=***]";
  }
}
