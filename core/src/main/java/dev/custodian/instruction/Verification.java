package dev.custodian.instruction;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The verifier's verdict on one instruction for one action (R-DSR-3): verified (with its proof),
 * refused (naming every condition that failed), or held because the processor flagged it as
 * unlawful (R-ASSIST-2).
 */
public sealed interface Verification {

  String instructionId();

  /** True only for {@link Verified}. */
  default boolean verified() {
    return this instanceof Verified;
  }

  /** A human-readable explanation, free of personal data. */
  String explanation();

  /** All four conditions hold; {@code proof} lets the duty act. */
  record Verified(VerifiedInstruction proof) implements Verification {
    public Verified {
      Objects.requireNonNull(proof, "proof");
    }

    @Override
    public String instructionId() {
      return proof.instruction().id();
    }

    @Override
    public String explanation() {
      return "instruction " + instructionId() + " is written, specific, prior and authorised";
    }
  }

  /**
   * At least one condition failed.
   *
   * @param failed every condition that failed, never empty
   * @param reasons one short reason per failure, in condition order
   */
  record Refused(String instructionId, Set<Condition> failed, List<String> reasons)
      implements Verification {
    public Refused {
      Objects.requireNonNull(instructionId, "instructionId");
      if (failed == null || failed.isEmpty()) {
        throw new IllegalArgumentException("a refusal names at least one failed condition");
      }
      failed = Set.copyOf(EnumSet.copyOf(failed));
      reasons = List.copyOf(reasons);
    }

    @Override
    public String explanation() {
      return "instruction " + instructionId() + " refused, not " + EnumSet.copyOf(failed) + ": "
          + String.join("; ", reasons);
    }
  }

  /** The conditions hold, but the processor holds the instruction as unlawful (R-ASSIST-2). */
  record Held(String instructionId, String reason) implements Verification {
    public Held {
      Objects.requireNonNull(instructionId, "instructionId");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String explanation() {
      return "instruction " + instructionId() + " is held as unlawful and cannot be executed: "
          + reason;
    }
  }
}
