package dev.custodian.memory;

import dev.custodian.spi.SubprocessorInstruction;
import dev.custodian.spi.SubprocessorInstructionSender;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the instructions "sent" to sub-processors in memory, for tests and the demo. Records every
 * call, repeats included, so a test can see that a re-send carries the same instruction id.
 */
public final class InMemorySubprocessorInstructionSender implements SubprocessorInstructionSender {
  private final List<SubprocessorInstruction> sent = new ArrayList<>();

  @Override
  public synchronized void send(SubprocessorInstruction instruction) {
    sent.add(instruction);
  }

  /** Every instruction sent, in order, repeats included. */
  public synchronized List<SubprocessorInstruction> sent() {
    return List.copyOf(sent);
  }
}
