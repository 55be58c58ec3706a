package dev.custodian.spi;

/**
 * Sends termination instructions to sub-processors (R-TERM-4): an API call, a ticket, an e-mail to
 * the sub-processor's privacy desk. Acknowledgements come back through the termination service.
 *
 * <p>Contract: delivery is at least once. After a crash the library sends the same instruction
 * again, with the same {@link SubprocessorInstruction#instructionId()}; an implementation should
 * make a repeat harmless. A thrown exception means "not sent": the library retries later.
 */
@FunctionalInterface
public interface SubprocessorInstructionSender {

  void send(SubprocessorInstruction instruction);
}
