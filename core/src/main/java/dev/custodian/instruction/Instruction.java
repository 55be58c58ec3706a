package dev.custodian.instruction;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.terms.CategoryId;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.Target;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A client's instruction as recorded: what it orders, about which request, on what document, by
 * whom, when. Never deleted. Whether it may be acted on is decided by {@link
 * InstructionService#verify} at the moment of the action.
 *
 * @param client the client it was recorded for (the target's client)
 * @param target the id of the subject case or authority request it names
 * @param author the client's user who gave it, with the roles they held when it was recorded
 * @param recordedBy the principal id who recorded it (the author, or processor staff)
 * @param status {@link Status#HELD} while the processor considers it unlawful (R-ASSIST-2)
 * @param flag the processor's unlawfulness flag, or null if never flagged
 */
public record Instruction(
    String id,
    ClientId client,
    Target.Kind targetKind,
    String target,
    InstructedAction action,
    Set<CategoryId> scope,
    String documentReference,
    ClientPrincipal author,
    Instant issuedAt,
    String recordedBy,
    Instant recordedAt,
    Status status,
    UnlawfulFlag flag) {

  /** Whether the processor lets the instruction be acted on. */
  public enum Status {
    /** Usable, if it verifies. */
    ACTIVE,
    /** Flagged as infringing data-protection law: held, not executed, client told (R-ASSIST-2). */
    HELD
  }

  public Instruction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
    scope = Set.copyOf(Objects.requireNonNull(scope, "scope"));
    Objects.requireNonNull(documentReference, "documentReference");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(recordedBy, "recordedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(status, "status");
  }

  /** True if a document reference is on record (the author always is). */
  public boolean written() {
    return !documentReference.isBlank();
  }

  Instruction withFlag(Status newStatus, UnlawfulFlag value) {
    return new Instruction(id, client, targetKind, target, action, scope, documentReference, author,
        issuedAt, recordedBy, recordedAt, newStatus, value);
  }

  /**
   * The processor's view that the instruction infringes data-protection law (DPA 3.2, R-ASSIST-2),
   * and how it was resolved.
   *
   * @param clientInformedAt when the client was told; null until the notice went out
   * @param releasedAt when the processor lifted the hold; null while held
   */
  public record UnlawfulFlag(
      String flaggedBy,
      Instant flaggedAt,
      String reason,
      Instant clientInformedAt,
      String releasedBy,
      Instant releasedAt,
      String releaseReason) {

    public UnlawfulFlag {
      Objects.requireNonNull(flaggedBy, "flaggedBy");
      Objects.requireNonNull(flaggedAt, "flaggedAt");
      Objects.requireNonNull(reason, "reason");
    }

    UnlawfulFlag informed(Instant at) {
      return new UnlawfulFlag(flaggedBy, flaggedAt, reason, at, releasedBy, releasedAt,
          releaseReason);
    }

    UnlawfulFlag released(String by, Instant at, String why) {
      return new UnlawfulFlag(flaggedBy, flaggedAt, reason, clientInformedAt, by, at, why);
    }
  }
}
