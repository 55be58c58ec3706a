package dev.custodian.instruction;

import dev.custodian.terms.CategoryId;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.terms.Target;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Proof that an instruction passed all four conditions for one action on one target at one moment.
 * Only {@link InstructionService#verify} creates it (the constructor is package-private), so
 * holding one means the check ran. Immutable.
 */
public final class VerifiedInstruction implements ResponseAuthorization {
  private final Instruction instruction;
  private final Target target;
  private final InstructedAction action;
  private final Set<CategoryId> scope;
  private final Instant verifiedAt;

  VerifiedInstruction(Instruction instruction, Target target, InstructedAction action,
      Set<CategoryId> scope, Instant verifiedAt) {
    this.instruction = Objects.requireNonNull(instruction, "instruction");
    this.target = Objects.requireNonNull(target, "target");
    this.action = Objects.requireNonNull(action, "action");
    this.scope = Set.copyOf(scope);
    this.verifiedAt = Objects.requireNonNull(verifiedAt, "verifiedAt");
  }

  /** The instruction that was verified. */
  public Instruction instruction() {
    return instruction;
  }

  @Override
  public Target target() {
    return target;
  }

  /** The action it was verified for. */
  public InstructedAction action() {
    return action;
  }

  /** The categories the action was verified to touch (a subset of the instruction's scope). */
  public Set<CategoryId> scope() {
    return scope;
  }

  @Override
  public String basis() {
    return instruction.id();
  }

  @Override
  public Instant at() {
    return verifiedAt;
  }

  /** True if this proof covers {@code wanted} for {@code targetId} and the categories given. */
  @Override
  public boolean covers(String targetId, InstructedAction wanted, Set<CategoryId> categories) {
    return target.id().equals(targetId) && action == wanted && scope.containsAll(categories);
  }

  @Override
  public String toString() {
    return "VerifiedInstruction[" + instruction.id() + " " + action + " on " + target.id() + "]";
  }
}
