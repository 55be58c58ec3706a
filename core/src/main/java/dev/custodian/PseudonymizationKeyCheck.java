package dev.custodian;

import dev.custodian.evidence.EvidenceActions;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.subject.PseudonymizationKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fingerprint of the pseudonymisation key in Custodian's state: recorded at the first
 * start, compared at every later one. A different key stops start-up unless the previous key is
 * given for a rotation, which replaces the fingerprint and records {@code
 * pseudonymization.key.rotated} evidence (fingerprints only).
 */
final class PseudonymizationKeyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PseudonymizationKeyCheck.class);
  static final String KIND = "custodian-key";
  static final String ID = "pseudonymization";
  static final String ROTATION_HELP = "To change the key on purpose, start once with the new key"
      + " and the previous one: Custodian.builder().pseudonymizationKey(newKey)"
      + ".rotatePseudonymizationKey(previousKey) (Spring Boot: custodian.pseudonymization-key"
      + "-rotation.previous=<previous key>), then remove the previous key from the configuration."
      + " Otherwise restore the key Custodian was started with.";

  /** The stored fingerprint: a random salt and the key's keyed hash over it. */
  record Fingerprint(String salt, String fingerprint, Instant since) {}

  private PseudonymizationKeyCheck() {}

  /**
   * @param evidenceKeyDerived whether the evidence log's key is derived from the pseudonymisation
   *     key: a rotation would then change the evidence key too and leave the log unverifiable, so
   *     it is refused on a log that holds entries
   */
  static void verify(StateStore store, EvidenceLog evidence, Clock clock, byte[] key,
      byte[] previousKey, boolean evidenceKeyDerived) {
    Repository<Fingerprint> repo = new Repository<>(store, KIND, Fingerprint.class);
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Repository.Versioned<Fingerprint>> stored = repo.find(ID);
      try {
        if (stored.isEmpty()) {
          byte[] salt = new byte[16];
          new SecureRandom().nextBytes(salt);
          String encoded = Base64.getEncoder().encodeToString(salt);
          repo.insert(ID, null, new Fingerprint(encoded,
              PseudonymizationKeys.fingerprint(key, salt), clock.instant()));
          if (previousKey != null) {
            LOG.warn("a pseudonymisation key rotation was configured but no key was recorded"
                + " yet: the current key is recorded; remove the previous key from the"
                + " configuration");
          }
          return;
        }
        Fingerprint f = stored.get().value();
        byte[] salt = Base64.getDecoder().decode(f.salt());
        String current = PseudonymizationKeys.fingerprint(key, salt);
        if (current.equals(f.fingerprint())) {
          if (previousKey != null && !Arrays.equals(previousKey, key)) {
            LOG.warn("the pseudonymisation key rotation is done already: remove the previous key"
                + " from the configuration");
          }
          return;
        }
        if (previousKey == null
            || !PseudonymizationKeys.fingerprint(previousKey, salt).equals(f.fingerprint())) {
          throw new PseudonymizationKeyChangedException("the pseudonymisation key is not the one"
              + " Custodian recorded at its first start (recorded fingerprint " + f.fingerprint()
              + " since " + f.since() + ", this key's " + current + ")"
              + (previousKey == null ? "" : ", and the previous key given for a rotation is not"
                  + " that one either")
              + ": pseudonyms in new evidence would no longer match the old. " + ROTATION_HELP);
        }
        if (evidenceKeyDerived && evidence.head().isPresent()) {
          throw new IllegalStateException("the evidence log's key is derived from the"
              + " pseudonymisation key, so this rotation would leave the log unverifiable: keep"
              + " the log's key by also setting evidenceKey(EvidenceKey.derivedFrom(previousKey))"
              + " (and keep that setting), or give the log a key of its own from your secret"
              + " store before the log's first entry");
        }
        // Evidence first, as a step logged once: a crash before the fingerprint's update repeats
        // the rotation at the next start without a second entry.
        evidence.append(EvidenceRecord.of(EvidenceActions.PSEUDONYMIZATION_KEY_ROTATED, "system")
            .withBasis("R-EVID-2")
            .withDetail("previousFingerprint", f.fingerprint())
            .withDetail("fingerprint", current)
            .withDetail("previousSince", f.since())
            .withStep("pseudonymization.key.rotated/" + f.fingerprint() + "/" + current));
        repo.update(ID, stored.get(), new Fingerprint(f.salt(), current, clock.instant()));
        LOG.info("pseudonymisation key rotated (fingerprint {} replaces {})", current,
            f.fingerprint());
        return;
      } catch (DuplicateStateException | StaleStateException raced) {
        // Another node recorded or rotated at the same moment: compare with what it stored.
      }
    }
    throw new IllegalStateException("the pseudonymisation key fingerprint keeps changing under"
        + " concurrent starts; start again");
  }
}
