package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The notice of one change to one client (R-SUB-2), what a {@link SubprocessorNoticeSender}
 * delivers and what the client sees afterwards. The id is stable: a host may use it to drop a
 * duplicate delivery (delivery is at least once).
 *
 * @param sendBy the last day it may be sent and still be at least ten business days early
 * @param sentAt when the sender accepted it; null while pending
 * @param late true if it was sent after {@code sendBy}
 * @param receivedOn the day the client received it: the day it was sent unless recorded otherwise
 * @param objectionDeadline the last day the client may object (R-SUB-3); for a pending notice, the
 *     deadline if it is received today; null for a removal (objections concern new sub-processors)
 */
public record SubprocessorNotice(
    String id,
    String changeId,
    ClientId client,
    ChangeType type,
    Subprocessor subProcessor,
    LocalDate effectiveOn,
    LocalDate sendBy,
    Status status,
    Instant sentAt,
    boolean late,
    LocalDate receivedOn,
    LocalDate objectionDeadline) {

  /** Whether the notice has gone out. */
  public enum Status {
    PENDING,
    SENT
  }

  public SubprocessorNotice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subProcessor, "subProcessor");
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    Objects.requireNonNull(sendBy, "sendBy");
    Objects.requireNonNull(status, "status");
  }

  /** A copy with the client's objection deadline set. */
  public SubprocessorNotice withObjectionDeadline(LocalDate deadline) {
    return new SubprocessorNotice(id, changeId, client, type, subProcessor, effectiveOn, sendBy,
        status, sentAt, late, receivedOn, deadline);
  }

  /** A copy marked sent at {@code at} (on {@code on}), late if after its send-by date. */
  public SubprocessorNotice sent(Instant at, LocalDate on, LocalDate deadline) {
    return new SubprocessorNotice(id, changeId, client, type, subProcessor, effectiveOn, sendBy,
        Status.SENT, at, on.isAfter(sendBy), on, deadline);
  }

  /** A copy recording the day the client received it, and the objection deadline that follows. */
  public SubprocessorNotice received(LocalDate on, LocalDate deadline) {
    return new SubprocessorNotice(id, changeId, client, type, subProcessor, effectiveOn, sendBy,
        status, sentAt, late, on, deadline);
  }
}
