package dev.custodian.examples.demo;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.RecordSelection;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import dev.custodian.termination.DirectoryArchiveSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What every step of the demo acts on: the operator's database in the working folder with its
 * fictional data, Custodian built on it with the demo's clock, and the channels that keep what
 * Custodian sent (client notices, answers, sub-processor instructions, the operator's own).
 * Opened by the first step; {@link #close()} lets the embedded database go.
 */
final class Scene implements AutoCloseable {
  final Path workDir;
  final DemoClock clock;
  final DemoData data;
  final DemoDatabase database;
  final Path mappingFile;
  /** The demo's (public, fictional) pseudonymisation key, for verify-evidence to derive the evidence key. */
  final Path keyFile;
  final JdbcEvidenceStore evidenceStore;
  final JdbcHostData hostData;
  final RecordingNotifier notifier = new RecordingNotifier();
  final RecordingResponder responder = new RecordingResponder();
  final InMemorySubprocessorInstructionSender subProcessorInstructions =
      new InMemorySubprocessorInstructionSender();
  final DemoOperator operator = new DemoOperator();
  final Custodian custodian;
  private final Connection keepOpen;

  private Scene(Path workDir, DemoClock clock, DemoDatabase database, Connection keepOpen)
      throws IOException, SQLException {
    this.workDir = workDir;
    this.clock = clock;
    this.database = database;
    this.keepOpen = keepOpen;
    data = new DemoData(clock.instant());
    database.createTelephonyTables();
    database.insert(data.records());
    CustodianSchema.createIfMissing(database.dataSource());
    mappingFile = workDir.resolve("telephony-mapping.json");
    try (InputStream in = TelephonyDemo.class.getResourceAsStream("telephony-mapping.json")) {
      Files.copy(Objects.requireNonNull(in, "telephony-mapping.json"), mappingFile,
          StandardCopyOption.REPLACE_EXISTING);
    }
    keyFile = workDir.resolve("demo-pseudonymization.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(demoKey()) + "\n");
    evidenceStore = new JdbcEvidenceStore(database.dataSource());
    hostData = JdbcHostData.builder(database.dataSource(), HostDataMapping.load(mappingFile)).build();
    custodian = Custodian.builder()
        .clock(clock)
        .stateStore(new JdbcStateStore(database.dataSource()))
        .evidenceStore(evidenceStore)
        .hostData(hostData)
        .workQueue(new JdbcWorkQueue(database.dataSource()))
        .pseudonymizationKey(demoKey())
        .defaultClientZone(Narrator.PARIS)
        .processorZone(Narrator.PARIS)
        .requestNotifier(notifier)
        .escalationChannel(notifier)
        .responder(responder)
        .keyCustody(new InMemoryKeyCustody())
        .archiveSink(new DirectoryArchiveSink(workDir.resolve("returns"), workDir.resolve("return-keys")))
        .subProcessorInstructionSender(subProcessorInstructions)
        .subprocessorNoticeSender(operator)
        .breachNotificationSender(operator)
        .build();
  }

  /**
   * Creates the operator's tables in an embedded database under {@code workDir}, loads the demo's
   * data as of the clock's instant, and builds Custodian on them.
   */
  static Scene open(Path workDir, DemoClock clock) throws IOException, SQLException {
    DemoDatabase database = new DemoDatabase(workDir);
    Connection keepOpen = database.dataSource().getConnection(); // keeps the embedded database open
    try {
      return new Scene(workDir, clock, database, keepOpen);
    } catch (IOException | SQLException | RuntimeException e) {
      keepOpen.close();
      throw e;
    }
  }

  /** The whole evidence log, in order. */
  List<EvidenceEntry> evidence() {
    List<EvidenceEntry> all = new ArrayList<>();
    long from = 1;
    while (true) {
      List<EvidenceEntry> page = evidenceStore.readAll(from, 500);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      from = page.get(page.size() - 1).sequence() + 1;
    }
  }

  /** The records of every client in every mapped table. */
  long totalRecords() {
    long n = 0;
    for (ClientId client : DemoData.CLIENTS) {
      for (CategoryId c : DemoDatabase.TABLES.keySet()) {
        n += hostData.count(RecordSelection.all(client, c));
      }
    }
    return n;
  }

  /** Closes the connection that kept the embedded database open. */
  @Override
  public void close() throws SQLException {
    keepOpen.close();
  }

  /** A fixed pseudonymisation key: the demo's pseudonyms are the same every run. */
  static byte[] demoKey() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest("custodian demo key, never use in production".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
