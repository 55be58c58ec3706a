package dev.custodian.instruction;

/**
 * The evidence action names of the instruction duty (R-DSR-3, R-AUTH-2, R-AUTH-3, R-ASSIST-2).
 * The values are part of the evidence format: old logs verify only if they never change.
 */
public final class InstructionActions {
  /** A client's instruction was recorded, with its target, action, scope and author. */
  public static final String RECORDED = "instruction.recorded";
  /** An instruction was refused at recording, with the reason or the failed conditions. */
  public static final String REFUSED = "instruction.refused";
  /** An instruction the processor considers unlawful was held, with the reason. */
  public static final String HELD = "instruction.held";
  /** The client was told that its instruction is held. */
  public static final String HELD_CLIENT_INFORMED = "instruction.held.client_informed";
  /** The hold on an instruction was released, with the reason. */
  public static final String HOLD_RELEASED = "instruction.hold_released";
  /** A legal compulsion to answer an authority was issued to the designated officer. */
  public static final String COMPULSION_ISSUED = "instruction.compulsion.issued";

  private InstructionActions() {}
}
