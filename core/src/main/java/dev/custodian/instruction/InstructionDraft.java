package dev.custodian.instruction;

import dev.custodian.client.ClientPrincipal;
import dev.custodian.internal.NoContactDetails;
import dev.custodian.terms.CategoryId;
import dev.custodian.terms.InstructedAction;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An instruction as received from the client, to be recorded against one request.
 *
 * @param documentReference where the written instruction is kept (a ticket, a signed letter's
 *     reference, a message id); empty for an oral instruction, which is recorded but can never be
 *     executed (it is not written). Never contact details in clear.
 * @param author the client's user who gave the instruction
 * @param issuedAt when the client issued it (the document's date); not in the future
 * @param action the one action it orders
 * @param scope the data categories it covers; the action may touch only these
 */
public record InstructionDraft(
    @NotNull @Size(max = 200) @NoContactDetails String documentReference,
    @NotNull ClientPrincipal author,
    @NotNull Instant issuedAt,
    @NotNull InstructedAction action,
    @NotNull Set<CategoryId> scope) {

  public InstructionDraft {
    Objects.requireNonNull(documentReference, "documentReference (empty for an oral instruction)");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(action, "action");
    scope = Set.copyOf(Objects.requireNonNull(scope, "scope"));
  }

  /** A written instruction for {@code action} over the given categories. */
  public static InstructionDraft of(String documentReference, ClientPrincipal author,
      Instant issuedAt, InstructedAction action, CategoryId... scope) {
    return new InstructionDraft(documentReference, author, issuedAt, action, Set.of(scope));
  }

  public InstructionDraft withScope(Set<CategoryId> value) {
    return new InstructionDraft(documentReference, author, issuedAt, action, value);
  }
}
