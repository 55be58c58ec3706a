package dev.custodian.subprocessor;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A client's objection to a new sub-processor (R-SUB-3, DPA 4.4), tracked until the processor
 * proposes an alternative or a configuration change, or the client accepts or withdraws.
 *
 * @param grounds the objective grounds the client gives (stored, never written to evidence)
 * @param deadline the last day to object in time: ten business days after the notice was received
 * @param late true if made after {@code deadline}; a late objection is recorded, not discarded
 * @param answer the processor's proposal, once made
 */
public record Objection(
    String id,
    String changeId,
    ClientId client,
    String subProcessorId,
    String objectedBy,
    String grounds,
    Instant objectedAt,
    LocalDate deadline,
    boolean late,
    Status status,
    String answer,
    String answeredBy,
    Instant answeredAt,
    String closedBy,
    Instant closedAt) {

  /** Where an objection stands. */
  public enum Status {
    /** Waiting for the processor's proposal. */
    OPEN,
    /** The processor proposed another solution within the service (DPA 4.4). */
    ALTERNATIVE_PROPOSED,
    /** The processor recommended a change to the client's configuration or use (DPA 4.4). */
    CONFIGURATION_CHANGE_PROPOSED,
    /** The client accepted the change or the processor's proposal. */
    ACCEPTED,
    /** The client withdrew its objection. */
    WITHDRAWN;

    /** True for the processor's two possible answers. */
    public boolean isProposal() {
      return this == ALTERNATIVE_PROPOSED || this == CONFIGURATION_CHANGE_PROPOSED;
    }

    /** True for the client's two ways of closing an objection. */
    public boolean isClientClosure() {
      return this == ACCEPTED || this == WITHDRAWN;
    }
  }

  public Objection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(subProcessorId, "subProcessorId");
    Objects.requireNonNull(objectedBy, "objectedBy");
    Objects.requireNonNull(grounds, "grounds");
    Objects.requireNonNull(objectedAt, "objectedAt");
    Objects.requireNonNull(status, "status");
  }

  /** True while the processor owes an answer. */
  public boolean open() {
    return status == Status.OPEN;
  }

  Objection answered(Status proposal, String text, String by, Instant at) {
    return new Objection(id, changeId, client, subProcessorId, objectedBy, grounds, objectedAt,
        deadline, late, proposal, text, by, at, closedBy, closedAt);
  }

  Objection closed(Status closure, String by, Instant at) {
    return new Objection(id, changeId, client, subProcessorId, objectedBy, grounds, objectedAt,
        deadline, late, closure, answer, answeredBy, answeredAt, by, at);
  }
}
