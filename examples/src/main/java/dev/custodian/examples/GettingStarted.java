package dev.custodian.examples;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectExport;
import dev.custodian.dsr.SubjectRequest;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.subject.PhoneNumber;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The code of the README's "Getting started", compiled with the build so that it stays true:
 * {@code ReadmeTest} checks that the README shows exactly the lines between the markers.
 */
public final class GettingStarted {
  private GettingStarted() {}

  /** Wires Custodian on the host's database and walks a subject request, a sweep and a termination. */
  public static void run(DataSource dataSource, byte[] secretKey, RequestNotifier notifier,
      EscalationChannel escalations, Responder responder, ProcessorPrincipal operator,
      ClientPrincipal admin, Instant receivedAt, Instant issuedAt, Instant contractEnd) {
    // README:begin
    CustodianSchema.createIfMissing(dataSource); // Custodian's own tables (or use Flyway)
    HostDataMapping mapping = HostDataMapping.load(Path.of("custodian-mapping.json"));

    Custodian custodian = Custodian.builder()
        .clock(Clock.systemUTC())
        .stateStore(new JdbcStateStore(dataSource))
        .evidenceStore(new JdbcEvidenceStore(dataSource))
        .workQueue(new JdbcWorkQueue(dataSource))
        .hostData(JdbcHostData.builder(dataSource, mapping).build()) // your tables, mapped
        .pseudonymizationKey(secretKey)  // 32+ bytes from your secret store; keep it stable
        .requestNotifier(notifier)       // how clients are told of requests
        .escalationChannel(escalations)  // how your privacy contact is alerted
        .responder(responder)            // answers subjects, called only with an instruction
        .build();

    // A subject writes in: one case per client holding data on the number, each client notified.
    SubjectRequest request = custodian.subjectRequests().receive(operator,
        SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.EMAIL, receivedAt,
            PhoneNumber.of("+33 6 39 98 12 34")));
    String caseId = request.cases().get(0).caseId();

    // Nothing happens until the client instructs, in writing; then the export is for the client.
    Instruction instruction = custodian.subjectRequests().instruct(admin, caseId,
        InstructionDraft.of("ticket 4711", admin, issuedAt, InstructedAction.EXPORT,
            CategoryId.CALL_LOG));
    SubjectExport export = custodian.subjectRequests().exportForClient(admin, caseId,
        instruction.id(), Set.of(CategoryId.CALL_LOG));

    // Retention, nightly: a dry run you can show, then the sweep (held records are spared).
    RetentionPlan plan = custodian.retention().plan();
    custodian.retention().execute(plan);

    // Termination: open the case; runDue() on a schedule moves it forward to the certificate.
    custodian.terminations().open(operator, ClientId.of("atelier-nord"), contractEnd,
        Set.of("scaleway"));
    custodian.terminations().runDue();
    // README:end
    if (export.records().isEmpty()) {
      throw new IllegalStateException("the example expects the subject in the client's call logs");
    }
  }
}
