package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * The processor's instruction to one sub-processor, at a client's termination, to return or delete
 * that client's data likewise (R-TERM-4, DPA 8.3).
 *
 * @param instructionId stable id: a re-send after a crash carries the same id, so the receiver can
 *     drop duplicates
 * @param subProcessor the sub-processor's name as the registry knows it
 * @param action what the sub-processor must do
 * @param terminationDate when the client's contract ended
 * @param issuedAt when the instruction was first issued
 */
public record SubprocessorInstruction(
    String instructionId,
    ClientId client,
    String subProcessor,
    Action action,
    Instant terminationDate,
    Instant issuedAt) {

  public SubprocessorInstruction {
    Objects.requireNonNull(instructionId, "instructionId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(subProcessor, "subProcessor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(terminationDate, "terminationDate");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }

  /** What the sub-processor must do with the client's data. */
  public enum Action {
    /** Hand the client's data back (to the processor or the client), then delete it. */
    RETURN_THEN_DELETE,
    /** Delete the client's data irreversibly. */
    DELETE
  }
}
