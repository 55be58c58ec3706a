package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.net.URI;
import java.time.Instant;

/**
 * Tells the processor's people (and, for the archive, the client) about termination events that
 * need someone: an archive ready to fetch, an acknowledgement that did not come. Every method has a
 * no-op default; calls are at least once.
 */
public interface TerminationNotifier {

  /** The client's return archive is ready at {@code location} (R-TERM-3). */
  default void returnArchiveReady(ClientId client, String archiveId, URI location) {}

  /** A sub-processor did not acknowledge its instruction in time (R-TERM-4): escalate. */
  default void subProcessorAcknowledgementOverdue(
      ClientId client, String subProcessor, String instructionId, Instant sentAt) {}

  /** The client did not acknowledge the delivered archive in time; deletion still waits. */
  default void returnAcknowledgementOverdue(ClientId client, String archiveId, Instant deliveredAt) {}

  /** A notifier that does nothing. */
  TerminationNotifier NONE = new TerminationNotifier() {};
}
