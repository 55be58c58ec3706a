package dev.custodian.examples.demo;

import dev.custodian.client.ClientId;
import dev.custodian.examples.console.TextTable;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.RecordSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Step 1: the operator's own tables with three clients' calls, SMS, recordings, transcriptions and
 * contacts, mapped to categories; every record is reachable through the mapping and the subject
 * appears in two clients' data. Opens the {@link Scene} the later steps act on.
 */
final class ClientsAndTheirData {
  private final Narrator narrator;
  private final Path workDir;
  private final DemoClock clock;

  ClientsAndTheirData(Narrator narrator, Path workDir, DemoClock clock) {
    this.narrator = narrator;
    this.workDir = workDir;
    this.clock = clock;
  }

  Scene run() throws IOException, SQLException {
    Scene scene = Scene.open(workDir, clock);
    DemoData data = scene.data;
    Path mappingFile = scene.mappingFile;
    JdbcHostData hostData = scene.hostData;

    narrator.say("   The operator's own tables (call_log, call_recording, transcription, sms_log,");
    narrator.say("   sms_content, contact, webhook_log) in H2, mapped to categories by "
        + mappingFile.getFileName() + ".");
    List<CategoryId> shown = List.of(CategoryId.CALL_LOG, CategoryId.CALL_RECORDING,
        CategoryId.TRANSCRIPTION, CategoryId.SMS_LOG, CategoryId.SMS_CONTENT,
        CategoryId.CONTACT_MANUAL, CategoryId.WEBHOOK_LOG);
    TextTable t = new TextTable("client", "calls", "recordings", "transcriptions", "SMS logs",
        "SMS texts", "contacts", "webhook logs");
    long total = 0;
    for (ClientId client : DemoData.CLIENTS) {
      List<Object> row = new ArrayList<>();
      row.add(client);
      for (CategoryId c : shown) {
        long n = hostData.count(RecordSelection.all(client, c));
        long loaded = data.records(client).stream().filter(r -> r.category().equals(c)).count();
        narrator.check(n == loaded, client + " " + c + ": " + n + " records mapped, " + loaded + " loaded");
        row.add(n);
        total += n;
      }
      t.row(row.toArray());
    }
    narrator.show(t);
    narrator.check(total == data.records().size(), "every record is reachable through the mapping");
    Set<ClientId> holders = hostData.clientsHolding(List.of(DemoData.SUBJECT));
    narrator.check(holders.equals(Set.of(DemoData.ATELIER, DemoData.CABINET)),
        "the subject appears in exactly two clients' data");
    narrator.say("   " + total + " records. The caller " + DemoData.SUBJECT.masked()
        + " appears in the data of " + holders.size() + " clients.");
    return scene;
  }
}
