package dev.custodian.subprocessor;

import dev.custodian.client.ClientId;
import dev.custodian.spi.ChangeType;
import dev.custodian.spi.Subprocessor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An announced addition or removal of a sub-processor (R-SUB-2): one per change, with the clients
 * it is notified to. Stored before any notice goes out, so an interrupted announcement resumes.
 *
 * @param lastDayToNotify the last day each client must be sent its notice
 * @param reason why (for a removal; may be null for an addition)
 * @param clients every client under contract when it was announced
 * @param fannedOut true once the registry entry and every client's notice are stored
 */
public record SubprocessorChange(
    String id,
    ChangeType type,
    Subprocessor subProcessor,
    LocalDate effectiveOn,
    LocalDate lastDayToNotify,
    Instant announcedAt,
    String announcedBy,
    String reason,
    List<ClientId> clients,
    boolean fannedOut) {

  public SubprocessorChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subProcessor, "subProcessor");
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    Objects.requireNonNull(lastDayToNotify, "lastDayToNotify");
    Objects.requireNonNull(announcedAt, "announcedAt");
    Objects.requireNonNull(announcedBy, "announcedBy");
    clients = clients == null ? List.of() : List.copyOf(clients);
  }

  /** This change with its recipients reduced to {@code client}, if it was one (R-ACC-2). */
  SubprocessorChange visibleTo(ClientId client) {
    return new SubprocessorChange(id, type, subProcessor, effectiveOn, lastDayToNotify, announcedAt,
        announcedBy, reason, clients.contains(client) ? List.of(client) : List.of(), fannedOut);
  }

  SubprocessorChange markFannedOut() {
    return new SubprocessorChange(id, type, subProcessor, effectiveOn, lastDayToNotify, announcedAt,
        announcedBy, reason, clients, true);
  }
}
