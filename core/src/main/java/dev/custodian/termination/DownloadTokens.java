package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues and checks archive download tokens (R-EVID-3): 256 random bits, stored only as SHA-256
 * over a random 16-byte salt and the token, compared in constant time, and expiring.
 */
final class DownloadTokens {
  static final String KIND = "termination-download-token";
  private static final Pattern SHAPE = Pattern.compile("dt-[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Repository<StoredToken> tokens;
  private final EvidenceLog evidence;
  private final Clock clock;

  DownloadTokens(dev.custodian.spi.StateStore store, EvidenceLog evidence, Clock clock) {
    this.tokens = new Repository<>(store, KIND, StoredToken.class);
    this.evidence = evidence;
    this.clock = clock;
  }

  /** What is kept of a token: never the token itself. */
  record StoredToken(String id, ClientId client, String archiveId, String salt, String sha256,
      Instant issuedAt, Instant expiresAt, String issuedTo) {}

  DownloadToken issue(ClientId client, String archiveId, URI location, Duration ttl, String issuedTo) {
    String id = "dt-" + UUID.randomUUID();
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String token = id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    // Persisted before the token leaves this method: a token never exists without its record.
    tokens.insert(id, client, new StoredToken(id, client, archiveId,
        HexFormat.of().formatHex(salt), hash(salt, token), now, expires, issuedTo));
    evidence.append(EvidenceRecord.of(TerminationActions.ARCHIVE_TOKEN_ISSUED, issuedTo)
        .withClient(client).withDetail("archive", archiveId).withDetail("token", id)
        .withDetail("expiresAt", expires));
    return new DownloadToken(token, archiveId, location, expires);
  }

  /** The archive the token opens, if the token is genuine, of this client and not expired. */
  Optional<String> redeem(ClientId client, String token) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    String id = token.substring(0, token.indexOf('.'));
    Optional<StoredToken> stored = tokens.find(id).map(Versioned::value);
    if (stored.isEmpty() || !stored.get().client().equals(client)) {
      return Optional.empty();
    }
    StoredToken t = stored.get();
    byte[] expected = HexFormat.of().parseHex(t.sha256());
    byte[] actual = HexFormat.of().parseHex(hash(HexFormat.of().parseHex(t.salt()), token));
    boolean genuine = MessageDigest.isEqual(expected, actual);
    boolean live = clock.instant().isBefore(t.expiresAt());
    evidence.append(EvidenceRecord.of(genuine && live ? TerminationActions.ARCHIVE_TOKEN_REDEEMED
            : TerminationActions.ARCHIVE_TOKEN_REFUSED, "system")
        .withClient(client).withDetail("token", id)
        .withDetail("reason", genuine ? (live ? "ok" : "expired") : "mismatch"));
    return genuine && live ? Optional.of(t.archiveId()) : Optional.empty();
  }

  private static String hash(byte[] salt, String token) {
    MessageDigest md = Digests.sha256();
    md.update(salt);
    return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.US_ASCII)));
  }
}
