package dev.custodian.instruction;

import java.util.Objects;

/**
 * Thrown when an action is attempted without an instruction that verifies (R-DSR-3, R-AUTH-2) or
 * under a held one (R-ASSIST-2). The attempt is already in the evidence log when this is thrown.
 */
public final class InstructionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Verification verification;

  public InstructionRefusedException(Verification verification) {
    super(Objects.requireNonNull(verification, "verification").explanation());
    this.verification = verification;
  }

  /** The verdict, naming the failed conditions. */
  public Verification verification() {
    return verification;
  }
}
