/**
 * The clients' instructions and their verification (DPA 2.3, 3.2, 9; R-DSR-3, R-AUTH-2, R-ACC-1,
 * R-ASSIST-2).
 *
 * <p>{@link dev.custodian.instruction.InstructionService} is the one verifier: an instruction
 * is acted on only if it is written, specific, prior and authorised ({@link
 * dev.custodian.instruction.Condition}), and not held as unlawful. Passing verification yields a
 * {@link dev.custodian.instruction.VerifiedInstruction}; for an authority under a prohibition to
 * inform the client, a {@link dev.custodian.instruction.LegalCompulsion}. Nothing else can create
 * them, and no answer reaches a subject or an authority without one.
 */
package dev.custodian.instruction;
