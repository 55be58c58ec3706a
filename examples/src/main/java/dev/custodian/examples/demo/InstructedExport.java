package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.ATELIER_ADMIN;
import static dev.custodian.examples.demo.Narrator.shortId;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.dsr.SubjectCase;
import dev.custodian.dsr.SubjectExport;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.terms.CategoryId;
import dev.custodian.memory.RecordingResponder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 4: the administrator of atelier-nord records a written instruction, which unlocks the access
 * export of the located records to the client, never to the subject.
 */
final class InstructedExport {
  private final Narrator narrator;
  private final Custodian custodian;
  private final DemoClock clock;
  private final RecordingResponder responder;
  private final Path workDir;
  private final Map<ClientId, String> accessCases;

  InstructedExport(Narrator narrator, Scene scene, Map<ClientId, String> accessCases) {
    this.narrator = narrator;
    this.custodian = scene.custodian;
    this.clock = scene.clock;
    this.responder = scene.responder;
    this.workDir = scene.workDir;
    this.accessCases = accessCases;
  }

  void run() throws IOException {
    String caseId = accessCases.get(DemoData.ATELIER);
    SubjectCase c = custodian.subjectRequests().findCase(ATELIER_ADMIN, caseId).orElseThrow();
    Set<CategoryId> scope = c.located().keySet();
    Instruction instruction = custodian.subjectRequests().instruct(ATELIER_ADMIN, caseId,
        new InstructionDraft("ticket ATN-2026-0042 (signed)", ATELIER_ADMIN, clock.instant(),
            InstructedAction.EXPORT, scope));
    narrator.say("   The administrator of atelier-nord records a written instruction:");
    narrator.say("     " + instruction.id() + ": EXPORT of " + new java.util.TreeSet<>(scope));
    narrator.say("     document 'ticket ATN-2026-0042 (signed)', by atelier-nord/admin (ADMINISTRATOR)");
    clock.advance(Duration.ofMinutes(10));
    SubjectExport export = custodian.subjectRequests().exportForClient(ATELIER_ADMIN, caseId,
        instruction.id(), scope);
    Path file = workDir.resolve("exports").resolve("atelier-nord-access-" + shortId(caseId) + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, export.toJson(), StandardCharsets.UTF_8);
    Map<CategoryId, Long> perCategory = new TreeMap<>();
    export.records().forEach(r -> perCategory.merge(r.category(), 1L, Long::sum));
    narrator.say("   Ten minutes later, the export for the client (not the subject): "
        + export.records().size() + " records");
    narrator.say("     " + perCategory);
    narrator.say("   written to " + workDir.relativize(file) + ". The client answers its subject.");
    long located = c.located().values().stream().mapToLong(Long::longValue).sum();
    narrator.check(export.records().size() == located, "the export holds every located record");
    narrator.check(export.records().stream().allMatch(r -> r.client().equals(DemoData.ATELIER)),
        "the export holds only atelier-nord's data");
    narrator.check(responder.subjectResponses().isEmpty(), "the export went to the client, not the subject");
  }
}
