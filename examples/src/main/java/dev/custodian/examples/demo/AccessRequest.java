package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.OPERATOR;
import static dev.custodian.examples.demo.Narrator.shortId;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectCase;
import dev.custodian.dsr.SubjectRequest;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.examples.console.TextTable;
import dev.custodian.spi.ClientNotice;
import dev.custodian.memory.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 2: a subject's access request for a phone number held by two clients becomes one case per
 * client holding data on the subject; each client hears of its own case only (R-DSR-2, R-DSR-6).
 * Hands the cases, by client, to the next steps.
 */
final class AccessRequest {
  private final Narrator narrator;
  private final Custodian custodian;
  private final DemoClock clock;
  private final RecordingNotifier notifier;

  AccessRequest(Narrator narrator, Scene scene) {
    this.narrator = narrator;
    this.custodian = scene.custodian;
    this.clock = scene.clock;
    this.notifier = scene.notifier;
  }

  Map<ClientId, String> run() {
    SubjectRequest request = custodian.subjectRequests().receive(OPERATOR,
        SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.EMAIL,
            clock.instant().minus(Duration.ofHours(2)), DemoData.SUBJECT).withReference("TICKET-4711"));
    narrator.say("   The subject " + DemoData.SUBJECT.masked() + " asks the operator for access"
        + " (e-mail, ticket TICKET-4711).");
    narrator.say("   Custodian looks the number up in every mapped table and opens one case per"
        + " client:");
    Map<ClientId, String> accessCases = new TreeMap<>();
    for (SubjectRequest.CaseRef ref : request.cases()) {
      accessCases.put(ref.client(), ref.caseId());
    }
    TextTable t = new TextTable("client", "case", "records found", "client's legal due date");
    for (Map.Entry<ClientId, String> e : accessCases.entrySet()) {
      SubjectCase c = custodian.subjectRequests().findCase(OPERATOR, e.getValue()).orElseThrow();
      long found = c.located().values().stream().mapToLong(Long::longValue).sum();
      t.row(e.getKey(), shortId(c.id()), found + " in " + c.located().keySet(), c.clock().dueDate());
    }
    narrator.show(t);
    narrator.check(accessCases.keySet().equals(Set.of(DemoData.ATELIER, DemoData.CABINET)),
        "two cases, one for each client holding data on the subject");
    for (ClientId client : accessCases.keySet()) {
      List<ClientNotice> notices = notifier.noticesFor(client);
      narrator.check(notices.size() == 1, client + " is notified once");
      notices.forEach(n -> narrator.check(n instanceof ClientNotice.SubjectRequest s
          && s.caseId().equals(accessCases.get(client)),
          client + "'s notice names only its own case"));
    }
    narrator.check(notifier.noticesFor(DemoData.STUDIO).isEmpty(), "studio-est, holding nothing, hears nothing");
    narrator.say("   Each client was notified of its own case only; studio-est was told nothing");
    narrator.say("   (R-DSR-2, R-DSR-6). The clients' legal clocks run one month (R-DSR-8).");
    return accessCases;
  }
}
