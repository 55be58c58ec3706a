package dev.custodian.evidence;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the host publishes the evidence chain's head outside the log (R-EVID-1): a file on another
 * volume, a notice to the client, a timestamping service. The log publishes its head after each
 * append; {@code EvidenceLog.verify} compares the log with {@link #latest()} and reports a log that
 * ends before it (a cut tail, a truncation), an empty log, or an entry that carries another hash.
 *
 * <p>An anchor keeps the highest head it was given: a publication older than what it holds (two
 * nodes publishing out of order) must not lower it. A failing {@link #publish} does not undo the
 * append (it is logged); the anchor then lags, which weakens it but raises no false alarm.
 * Implementations must be thread-safe.
 */
public interface EvidenceAnchor {

  /** Records that the chain's head is now entry {@code sequence} with {@code hash}, appended at {@code at}. */
  void publish(long sequence, String hash, Instant at);

  /** The highest head published, if any. */
  Optional<AnchoredHead> latest();

  /** A name for verdicts and logs (never a secret). */
  default String name() {
    return getClass().getSimpleName();
  }
}
