package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.ATELIER_ADMIN;
import static dev.custodian.examples.demo.DemoPrincipals.OFFICER;
import static dev.custodian.examples.demo.DemoPrincipals.OPERATOR;
import static dev.custodian.examples.demo.Narrator.day;

import dev.custodian.Custodian;
import dev.custodian.dsr.ErasureReport;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectRequest;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.examples.console.TextTable;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionService;
import dev.custodian.spi.HostRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Step 5: a legal hold on one recording, then an instructed erasure that deletes the rest and spares
 * the held recording; the call logs' deletion is deferred to their legal period, not refused.
 */
final class ErasureUnderHold {
  private final Narrator narrator;
  private final Custodian custodian;
  private final DemoClock clock;
  private final JdbcHostData hostData;

  ErasureUnderHold(Narrator narrator, Scene scene) {
    this.narrator = narrator;
    this.custodian = scene.custodian;
    this.clock = scene.clock;
    this.hostData = scene.hostData;
  }

  void run() {
    List<HostRecord> recordings = hostData.findSubject(DemoData.ATELIER, Set.of(DemoData.SUBJECT))
        .stream().filter(r -> r.category().equals(CategoryId.CALL_RECORDING)).toList();
    narrator.check(recordings.size() >= 2, "the subject has several recorded calls with atelier-nord");
    HostRecord heldRecording = recordings.get(recordings.size() / 2);
    custodian.holds().place(OFFICER, DemoData.ATELIER, Set.of(DemoData.SUBJECT),
        Set.of(CategoryId.CALL_RECORDING), heldRecording.time().minus(Duration.ofHours(1)),
        heldRecording.time().plus(Duration.ofHours(1)),
        "Judicial requisition no. 2026-118 (fictional): keep the recording");
    narrator.say("   A judicial requisition places a legal hold on one recording of the subject ("
        + heldRecording.id() + ").");

    SubjectRequest erasure = custodian.subjectRequests().receive(OPERATOR,
        SubjectRequestIntake.of(SubjectRight.ERASURE, RequestChannel.WEB_FORM,
            clock.instant().minus(Duration.ofMinutes(30)), DemoData.SUBJECT));
    String caseId = erasure.cases().stream().filter(r -> r.client().equals(DemoData.ATELIER))
        .findFirst().orElseThrow().caseId();
    Set<CategoryId> scope = Set.of(CategoryId.CALL_RECORDING, CategoryId.TRANSCRIPTION,
        CategoryId.CONTACT_MANUAL);
    Instruction instruction = custodian.subjectRequests().instruct(ATELIER_ADMIN, caseId,
        new InstructionDraft("ticket ATN-2026-0043 (signed)", ATELIER_ADMIN, clock.instant(),
            InstructedAction.ERASE, scope));
    clock.advance(Duration.ofMinutes(10));
    ErasureReport report = custodian.subjectRequests().erase(ATELIER_ADMIN, caseId,
        instruction.id(), scope);
    narrator.say("   The subject asks for erasure; atelier-nord's administrator instructs it:");
    TextTable t = new TextTable("category", "deleted", "spared by the hold");
    for (CategoryId c : new java.util.TreeSet<>(scope)) {
      t.row(c, report.deleted().getOrDefault(c, 0L), report.held().getOrDefault(c, 0L));
    }
    narrator.show(t);
    RetentionService.DeletionRequest deferred = custodian.retention().requestDeletion(ATELIER_ADMIN,
        DemoData.ATELIER, Set.of(CategoryId.CALL_LOG), Set.of(DemoData.SUBJECT),
        "ticket ATN-2026-0043 (signed)");
    Instant callLogsUntil = deferred.deferredUntil().get(CategoryId.CALL_LOG);
    narrator.say("   Call logs are traffic data, kept 12 months under CPCE L.34-1 (R-RET-2):");
    narrator.say("   their deletion is deferred to " + (callLogsUntil == null ? "-" : day(callLogsUntil))
        + ", not refused.");
    List<HostRecord> left = hostData.findSubject(DemoData.ATELIER, Set.of(DemoData.SUBJECT))
        .stream().filter(r -> scope.contains(r.category())).toList();
    narrator.check(report.held().getOrDefault(CategoryId.CALL_RECORDING, 0L) == 1, "one recording is held");
    narrator.check(report.totalDeleted() > 0, "the rest is deleted");
    narrator.check(left.size() == 1 && left.get(0).id().equals(heldRecording.id()),
        "only the held recording is left");
    narrator.check(callLogsUntil != null, "the call logs' deletion is deferred, not refused silently");
  }
}
