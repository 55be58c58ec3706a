package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.ATELIER_USER;
import static dev.custodian.examples.demo.DemoPrincipals.OPERATOR;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.dsr.SubjectAnswer;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.terms.CategoryId;
import dev.custodian.memory.RecordingResponder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Step 3: neither the operator answering the subject directly nor a client's agent without an
 * instructing role gets through; both refusals are in the evidence log (R-DSR-3).
 */
final class AnswerWithoutInstruction {
  private final Narrator narrator;
  private final Scene scene;
  private final Custodian custodian;
  private final DemoClock clock;
  private final RecordingResponder responder;
  private final Map<ClientId, String> accessCases;

  AnswerWithoutInstruction(Narrator narrator, Scene scene, Map<ClientId, String> accessCases) {
    this.narrator = narrator;
    this.scene = scene;
    this.custodian = scene.custodian;
    this.clock = scene.clock;
    this.responder = scene.responder;
    this.accessCases = accessCases;
  }

  void run() {
    String caseId = accessCases.get(DemoData.ATELIER);
    try {
      custodian.subjectRequests().respond(OPERATOR, caseId, null,
          SubjectAnswer.withData("Here is your data.", CategoryId.CALL_LOG));
      narrator.check(false, "answering the subject without an instruction must be refused");
    } catch (InstructionRefusedException e) {
      narrator.say("   The operator tries to answer the subject directly: refused.");
      narrator.say("     " + e.getMessage());
    }
    try {
      Instruction byAgent = custodian.subjectRequests().instruct(ATELIER_USER, caseId,
          InstructionDraft.of("chat message 2026-06-15", ATELIER_USER, clock.instant(),
              InstructedAction.EXPORT, CategoryId.CALL_LOG));
      clock.advance(Duration.ofMinutes(1));
      custodian.subjectRequests().exportForClient(ATELIER_USER, caseId, byAgent.id(),
          Set.of(CategoryId.CALL_LOG));
      narrator.check(false, "an agent without an instructing role must not unlock the export");
    } catch (InstructionRefusedException | SecurityException e) {
      narrator.say("   An agent of atelier-nord (role USER) orders the export: refused.");
      narrator.say("     " + e.getMessage());
    }
    narrator.check(responder.subjectResponses().isEmpty(), "nothing reached the subject");
    long refusals = scene.evidence().stream().filter(e -> e.action().contains("refused")).count();
    narrator.check(refusals >= 2, "each refused attempt is in the evidence log");
    narrator.say("   Nothing reached the subject; " + refusals + " refused attempts are in the"
        + " evidence log (R-DSR-3).");
  }
}
