package dev.custodian.spi.memory;

import dev.custodian.spi.SubProcessorInstruction;
import dev.custodian.spi.SubProcessorInstructionSender;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the instructions "sent" to sub-processors in memory, for tests and the demo. Records every
 * call, repeats included, so a test can see that a re-send carries the same instruction id.
 */
public final class InMemorySubProcessorInstructionSender implements SubProcessorInstructionSender {
  private final List<SubProcessorInstruction> sent = new ArrayList<>();

  @Override
  public synchronized void send(SubProcessorInstruction instruction) {
    sent.add(instruction);
  }

  /** Every instruction sent, in order, repeats included. */
  public synchronized List<SubProcessorInstruction> sent() {
    return List.copyOf(sent);
  }
}
