package dev.custodian.examples.demo;

import dev.custodian.Custodian;
import dev.custodian.spi.BreachNotification;
import dev.custodian.breach.IncompleteNotificationException;
import dev.custodian.spi.Incident;
import dev.custodian.spi.NotificationContent;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.dsr.ErasureReport;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectAnswer;
import dev.custodian.dsr.SubjectCase;
import dev.custodian.dsr.SubjectExport;
import dev.custodian.dsr.SubjectRequest;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.examples.cli.TextTable;
import dev.custodian.hold.Hold;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.JdbcStateStore;
import dev.custodian.jdbc.JdbcWorkQueue;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.PlanEntry;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.RetentionService;
import dev.custodian.retention.SweepReport;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import dev.custodian.subprocessor.NoticeTooShortException;
import dev.custodian.spi.Subprocessor;
import dev.custodian.subprocessor.SubprocessorChange;
import dev.custodian.spi.TransferMechanism;
import dev.custodian.termination.CertificateOfDeletion;
import dev.custodian.termination.CertificateVerification;
import dev.custodian.termination.CertificateVerifier;
import dev.custodian.termination.DirectoryArchiveSink;
import dev.custodian.termination.DownloadToken;
import dev.custodian.termination.ManifestCheck;
import dev.custodian.termination.ReturnArchiveVerifier;
import dev.custodian.termination.TerminationCase;
import dev.custodian.termination.TerminationPhase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whole story of Custodian in one run: a cloud-telephony operator, three of its business
 * clients and their data in an embedded H2 database, and each duty of the processor carried out
 * on them, step by step. Every step checks what it shows; {@link #run()} returns the checks that
 * failed. The output is for people: identifiers are masked, as in the library's evidence.
 */
public final class TelephonyDemo {
  /** The demo's day one: Monday 15 June 2026, 10:00 in Paris. */
  public static final Instant START = Instant.parse("2026-06-15T08:00:00Z");

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  // The processor's staff (staff ids, not personal data).
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-support-1", ProcessorRole.OPERATOR);
  static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("dpo-office", ProcessorRole.DESIGNATED_OFFICER);
  static final ProcessorPrincipal SECURITY =
      ProcessorPrincipal.of("secops-1", ProcessorRole.SECURITY_TEAM);
  // The clients' users.
  static final ClientPrincipal ATELIER_ADMIN =
      ClientPrincipal.of("atelier-nord/admin", DemoData.ATELIER, ClientRole.ADMINISTRATOR);
  static final ClientPrincipal ATELIER_USER =
      ClientPrincipal.of("atelier-nord/agent-7", DemoData.ATELIER, ClientRole.USER);
  static final ClientPrincipal STUDIO_ADMIN =
      ClientPrincipal.of("studio-est/admin", DemoData.STUDIO, ClientRole.SUPER_ADMINISTRATOR);

  private final PrintWriter out;
  private final Path workDir;
  private final DemoClock clock = new DemoClock(START);
  private final List<String> failures = new ArrayList<>();
  private int stepNumber;

  private DemoDatabase database;
  private Connection keepOpen;
  private JdbcEvidenceStore evidenceStore;
  private JdbcHostData hostData;
  private Custodian custodian;
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final RecordingResponder responder = new RecordingResponder();
  private final InMemorySubprocessorInstructionSender subProcessorInstructions =
      new InMemorySubprocessorInstructionSender();
  private final DemoOperator operator = new DemoOperator();
  private DemoData data;
  private Path mappingFile;
  /** The demo's (public, fictional) pseudonymisation key, for verify-evidence to derive the evidence key. */
  private Path keyFile;
  private Map<ClientId, String> accessCases;
  private Hold hold;
  private CertificateOfDeletion certificate;

  /**
   * @param out where the story is told
   * @param workDir an existing folder for the database and the files the story writes
   */
  public TelephonyDemo(PrintWriter out, Path workDir) {
    this.out = Objects.requireNonNull(out, "out");
    this.workDir = Objects.requireNonNull(workDir, "workDir");
  }

  /** Runs every step; returns the checks that failed (empty when all held). */
  public List<String> run() {
    out.println("Custodian demo: a cloud-telephony operator carries out its GDPR processor duties");
    out.println("for three business clients. All data is fictional.");
    out.println("Working folder: " + workDir.toAbsolutePath());
    out.println("Demo clock starts at " + when(START) + ".");
    try {
      step("Three clients with calls, SMS, recordings, transcriptions and contacts", this::clients);
      step("A subject request for a phone number held by two clients becomes two cases",
          this::subjectRequest);
      step("An answer without instruction is refused", this::refusedWithoutInstruction);
      step("An administrator's instruction unlocks the access export to the client",
          this::instructedExport);
      step("An erasure spares a held record", this::erasureSparesHold);
      step("A dry-run retention plan, then the sweep", this::planAndSweep);
      step("A sub-processor change gets its earliest effective date", this::subprocessorChange);
      step("A breach clock: 72 hours to notify the client", this::breachClock);
      step("A client is terminated with return: archive, manifest, certificate of deletion",
          this::termination);
      step("The evidence chain is verified", this::verifyEvidence);
    } finally {
      close();
    }
    out.println();
    if (failures.isEmpty()) {
      out.println("Demo complete: every step's check held.");
      if (database != null) {
        out.println();
        out.println("The database is kept; try the operator's commands on it (custodian = java -jar"
            + " examples/target/custodian.jar):");
        out.println("  custodian plan --jdbc-url " + database.url() + " --user "
            + DemoDatabase.USER + " --mapping " + mappingFile);
        out.println("  custodian verify-evidence --jdbc-url " + database.url() + " --user "
            + DemoDatabase.USER + " --pseudonymization-key-file " + keyFile);
      }
    } else {
      out.println("Demo FAILED: " + failures.size() + " check(s) did not hold:");
      failures.forEach(f -> out.println("  - " + f));
    }
    out.flush();
    return List.copyOf(failures);
  }

  // ---- 1 ----

  private void clients() throws IOException, SQLException {
    data = new DemoData(START);
    database = new DemoDatabase(workDir);
    keepOpen = database.dataSource().getConnection(); // keeps the embedded database open
    database.createTelephonyTables();
    database.insert(data.records());
    CustodianSchema.createIfMissing(database.dataSource());
    mappingFile = workDir.resolve("telephony-mapping.json");
    try (InputStream in = TelephonyDemo.class.getResourceAsStream("telephony-mapping.json")) {
      Files.copy(Objects.requireNonNull(in, "telephony-mapping.json"), mappingFile,
          StandardCopyOption.REPLACE_EXISTING);
    }
    keyFile = workDir.resolve("demo-pseudonymization.key");
    Files.writeString(keyFile, java.util.Base64.getEncoder().encodeToString(demoKey()) + "\n");
    evidenceStore = new JdbcEvidenceStore(database.dataSource());
    hostData = JdbcHostData.builder(database.dataSource(), HostDataMapping.load(mappingFile)).build();
    custodian = Custodian.builder()
        .clock(clock)
        .stateStore(new JdbcStateStore(database.dataSource()))
        .evidenceStore(evidenceStore)
        .hostData(hostData)
        .workQueue(new JdbcWorkQueue(database.dataSource()))
        .pseudonymizationKey(demoKey())
        .defaultClientZone(PARIS)
        .processorZone(PARIS)
        .requestNotifier(notifier)
        .escalationChannel(notifier)
        .responder(responder)
        .keyCustody(new InMemoryKeyCustody())
        .archiveSink(new DirectoryArchiveSink(workDir.resolve("returns"), workDir.resolve("return-keys")))
        .subProcessorInstructionSender(subProcessorInstructions)
        .subprocessorNoticeSender(operator)
        .breachNotificationSender(operator)
        .build();

    out.println("   The operator's own tables (call_log, call_recording, transcription, sms_log,");
    out.println("   sms_content, contact, webhook_log) in H2, mapped to categories by "
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
        check(n == loaded, client + " " + c + ": " + n + " records mapped, " + loaded + " loaded");
        row.add(n);
        total += n;
      }
      t.row(row.toArray());
    }
    t.print(out, "   ");
    check(total == data.records().size(), "every record is reachable through the mapping");
    Set<ClientId> holders = hostData.clientsHolding(List.of(DemoData.SUBJECT));
    check(holders.equals(Set.of(DemoData.ATELIER, DemoData.CABINET)),
        "the subject appears in exactly two clients' data");
    out.println("   " + total + " records. The caller " + DemoData.SUBJECT.masked()
        + " appears in the data of " + holders.size() + " clients.");
  }

  // ---- 2 ----

  private void subjectRequest() {
    SubjectRequest request = custodian.subjectRequests().receive(OPERATOR,
        SubjectRequestIntake.of(SubjectRight.ACCESS, RequestChannel.EMAIL,
            clock.instant().minus(Duration.ofHours(2)), DemoData.SUBJECT).withReference("TICKET-4711"));
    out.println("   The subject " + DemoData.SUBJECT.masked() + " asks the operator for access"
        + " (e-mail, ticket TICKET-4711).");
    out.println("   Custodian looks the number up in every mapped table and opens one case per"
        + " client:");
    accessCases = new TreeMap<>();
    for (SubjectRequest.CaseRef ref : request.cases()) {
      accessCases.put(ref.client(), ref.caseId());
    }
    TextTable t = new TextTable("client", "case", "records found", "client's legal due date");
    for (Map.Entry<ClientId, String> e : accessCases.entrySet()) {
      SubjectCase c = custodian.subjectRequests().findCase(OPERATOR, e.getValue()).orElseThrow();
      long found = c.located().values().stream().mapToLong(Long::longValue).sum();
      t.row(e.getKey(), shortId(c.id()), found + " in " + c.located().keySet(), c.clock().dueDate());
    }
    t.print(out, "   ");
    check(accessCases.keySet().equals(Set.of(DemoData.ATELIER, DemoData.CABINET)),
        "two cases, one for each client holding data on the subject");
    for (ClientId client : accessCases.keySet()) {
      List<ClientNotice> notices = notifier.noticesFor(client);
      check(notices.size() == 1, client + " is notified once");
      notices.forEach(n -> check(n instanceof ClientNotice.SubjectRequest s
          && s.caseId().equals(accessCases.get(client)),
          client + "'s notice names only its own case"));
    }
    check(notifier.noticesFor(DemoData.STUDIO).isEmpty(), "studio-est, holding nothing, hears nothing");
    out.println("   Each client was notified of its own case only; studio-est was told nothing");
    out.println("   (R-DSR-2, R-DSR-6). The clients' legal clocks run one month (R-DSR-8).");
  }

  // ---- 3 ----

  private void refusedWithoutInstruction() {
    String caseId = accessCases.get(DemoData.ATELIER);
    try {
      custodian.subjectRequests().respond(OPERATOR, caseId, null,
          SubjectAnswer.withData("Here is your data.", CategoryId.CALL_LOG));
      check(false, "answering the subject without an instruction must be refused");
    } catch (InstructionRefusedException e) {
      out.println("   The operator tries to answer the subject directly: refused.");
      out.println("     " + e.getMessage());
    }
    try {
      Instruction byAgent = custodian.subjectRequests().instruct(ATELIER_USER, caseId,
          InstructionDraft.of("chat message 2026-06-15", ATELIER_USER, clock.instant(),
              InstructedAction.EXPORT, CategoryId.CALL_LOG));
      clock.advance(Duration.ofMinutes(1));
      custodian.subjectRequests().exportForClient(ATELIER_USER, caseId, byAgent.id(),
          Set.of(CategoryId.CALL_LOG));
      check(false, "an agent without an instructing role must not unlock the export");
    } catch (InstructionRefusedException | SecurityException e) {
      out.println("   An agent of atelier-nord (role USER) orders the export: refused.");
      out.println("     " + e.getMessage());
    }
    check(responder.subjectResponses().isEmpty(), "nothing reached the subject");
    long refusals = evidence().stream().filter(e -> e.action().contains("refused")).count();
    check(refusals >= 2, "each refused attempt is in the evidence log");
    out.println("   Nothing reached the subject; " + refusals + " refused attempts are in the"
        + " evidence log (R-DSR-3).");
  }

  // ---- 4 ----

  private void instructedExport() throws IOException {
    String caseId = accessCases.get(DemoData.ATELIER);
    SubjectCase c = custodian.subjectRequests().findCase(ATELIER_ADMIN, caseId).orElseThrow();
    Set<CategoryId> scope = c.located().keySet();
    Instruction instruction = custodian.subjectRequests().instruct(ATELIER_ADMIN, caseId,
        new InstructionDraft("ticket ATN-2026-0042 (signed)", ATELIER_ADMIN, clock.instant(),
            InstructedAction.EXPORT, scope));
    out.println("   The administrator of atelier-nord records a written instruction:");
    out.println("     " + instruction.id() + ": EXPORT of " + new java.util.TreeSet<>(scope));
    out.println("     document 'ticket ATN-2026-0042 (signed)', by atelier-nord/admin (ADMINISTRATOR)");
    clock.advance(Duration.ofMinutes(10));
    SubjectExport export = custodian.subjectRequests().exportForClient(ATELIER_ADMIN, caseId,
        instruction.id(), scope);
    Path file = workDir.resolve("exports").resolve("atelier-nord-access-" + shortId(caseId) + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, export.toJson(), StandardCharsets.UTF_8);
    Map<CategoryId, Long> perCategory = new TreeMap<>();
    export.records().forEach(r -> perCategory.merge(r.category(), 1L, Long::sum));
    out.println("   Ten minutes later, the export for the client (not the subject): "
        + export.records().size() + " records");
    out.println("     " + perCategory);
    out.println("   written to " + workDir.relativize(file) + ". The client answers its subject.");
    long located = c.located().values().stream().mapToLong(Long::longValue).sum();
    check(export.records().size() == located, "the export holds every located record");
    check(export.records().stream().allMatch(r -> r.client().equals(DemoData.ATELIER)),
        "the export holds only atelier-nord's data");
    check(responder.subjectResponses().isEmpty(), "the export went to the client, not the subject");
  }

  // ---- 5 ----

  private void erasureSparesHold() {
    List<HostRecord> recordings = hostData.findSubject(DemoData.ATELIER, Set.of(DemoData.SUBJECT))
        .stream().filter(r -> r.category().equals(CategoryId.CALL_RECORDING)).toList();
    check(recordings.size() >= 2, "the subject has several recorded calls with atelier-nord");
    HostRecord heldRecording = recordings.get(recordings.size() / 2);
    hold = custodian.holds().place(OFFICER, DemoData.ATELIER, Set.of(DemoData.SUBJECT),
        Set.of(CategoryId.CALL_RECORDING), heldRecording.time().minus(Duration.ofHours(1)),
        heldRecording.time().plus(Duration.ofHours(1)),
        "Judicial requisition no. 2026-118 (fictional): keep the recording");
    out.println("   A judicial requisition places a legal hold on one recording of the subject ("
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
    out.println("   The subject asks for erasure; atelier-nord's administrator instructs it:");
    TextTable t = new TextTable("category", "deleted", "spared by the hold");
    for (CategoryId c : new java.util.TreeSet<>(scope)) {
      t.row(c, report.deleted().getOrDefault(c, 0L), report.held().getOrDefault(c, 0L));
    }
    t.print(out, "   ");
    RetentionService.DeletionRequest deferred = custodian.retention().requestDeletion(ATELIER_ADMIN,
        DemoData.ATELIER, Set.of(CategoryId.CALL_LOG), Set.of(DemoData.SUBJECT),
        "ticket ATN-2026-0043 (signed)");
    Instant callLogsUntil = deferred.deferredUntil().get(CategoryId.CALL_LOG);
    out.println("   Call logs are traffic data, kept 12 months under CPCE L.34-1 (R-RET-2):");
    out.println("   their deletion is deferred to " + (callLogsUntil == null ? "-" : day(callLogsUntil))
        + ", not refused.");
    List<HostRecord> left = hostData.findSubject(DemoData.ATELIER, Set.of(DemoData.SUBJECT))
        .stream().filter(r -> scope.contains(r.category())).toList();
    check(report.held().getOrDefault(CategoryId.CALL_RECORDING, 0L) == 1, "one recording is held");
    check(report.totalDeleted() > 0, "the rest is deleted");
    check(left.size() == 1 && left.get(0).id().equals(heldRecording.id()),
        "only the held recording is left");
    check(callLogsUntil != null, "the call logs' deletion is deferred, not refused silently");
  }

  // ---- 6 ----

  private void planAndSweep() {
    custodian.retention().setDuration(ATELIER_ADMIN, DemoData.ATELIER, CategoryId.CALL_RECORDING,
        Period.ofMonths(6));
    custodian.retention().setDuration(ATELIER_ADMIN, DemoData.ATELIER, CategoryId.TRANSCRIPTION,
        Period.ofMonths(6));
    custodian.retention().setDuration(STUDIO_ADMIN, DemoData.STUDIO, CategoryId.CALL_RECORDING,
        Period.ofYears(1));
    custodian.retention().setDuration(STUDIO_ADMIN, DemoData.STUDIO, CategoryId.TRANSCRIPTION,
        Period.ofYears(1));
    out.println("   atelier-nord keeps recordings and transcriptions 6 months, studio-est 1 year");
    out.println("   (client settings, checked against the processor's bounds, R-RET-3).");
    RetentionPlan plan = custodian.retention().plan();
    out.println("   Dry run (nothing deleted yet), as of " + when(plan.plannedAt()) + ":");
    TextTable t = new TextTable("client", "category", "to delete", "held", "rule");
    for (PlanEntry e : plan.entries()) {
      if (e.matched() > 0) {
        t.row(e.client(), e.category(), e.deletable(), e.held(), String.join(", ", e.rules()));
      }
    }
    t.print(out, "   ");
    out.println("   Total: " + plan.deletable() + " to delete, " + plan.held() + " held back.");
    long before = totalRecords();
    SweepReport report = custodian.retention().execute(plan);
    long after = totalRecords();
    out.println("   Sweep " + shortId(report.planId()) + ": " + report.deleted() + " deleted in "
        + report.unitsCompleted() + " units, evidence per batch"
        + (report.finished() ? "; finished." : "; NOT finished."));
    check(plan.deletable() > 0, "the plan finds expired records");
    check(report.finished(), "the sweep finishes");
    check(report.deleted() == plan.deletable(), "the sweep deletes what the plan said");
    check(before - after == report.deleted(), "the database lost exactly that many records");
    check(hostData.findSubject(DemoData.ATELIER, Set.of(DemoData.SUBJECT)).stream()
        .anyMatch(r -> r.category().equals(CategoryId.CALL_RECORDING)),
        "the held recording survives the sweep though older than 6 months");
  }

  // ---- 7 ----

  private void subprocessorChange() {
    var registry = custodian.subprocessors();
    LocalDate today = registry.today();
    LocalDate earliest = registry.earliestEffectiveDate();
    Subprocessor newcomer = new Subprocessor("voxtra", "VOXTRA (fictional)",
        "Transcription des appels et messages vocaux", "FR", TransferMechanism.NONE_INSIDE_EEA, null,
        "Data processing agreement SP-2026-07");
    out.println("   Today is " + day(today) + "; the operator wants to add a transcription"
        + " sub-processor.");
    try {
      registry.announceAddition(OPERATOR, newcomer, today.plusDays(7));
      check(false, "a change a week away must be refused");
    } catch (NoticeTooShortException e) {
      out.println("   Effective in a week? Refused:");
      out.println("     " + e.getMessage());
      check(e.earliestAllowed().equals(earliest), "the refusal names the earliest date");
    }
    SubprocessorChange change = registry.announceAddition(OPERATOR, newcomer, earliest);
    out.println("   Earliest effective date: " + day(earliest) + " (10 French business days of"
        + " notice, R-SUB-2).");
    out.println("   Announced: notices sent to " + operator.subprocessorNotices().size()
        + " clients; each may object until " + day(registry.periods().objectionDeadline(today))
        + " (R-SUB-3).");
    check(change.effectiveOn().equals(earliest), "the change takes effect on the earliest date");
    check(operator.subprocessorNotices().size() == DemoData.CLIENTS.size(), "every client is notified");
    check(registry.periods().noticeIsEarlyEnough(today, earliest)
        && !registry.periods().noticeIsEarlyEnough(today, earliest.minusDays(1)),
        "the earliest date is the first one allowed");
  }

  // ---- 8 ----

  private void breachClock() {
    Instant aware = clock.instant().minus(Duration.ofHours(30));
    Incident incident = custodian.breaches().recordAwareness(SECURITY, DemoData.CABINET, aware,
        "Voicemail export copied to a misconfigured storage bucket");
    ZonedDateTime deadline = custodian.breaches().deadline(incident.id());
    Duration left = Duration.between(clock.instant(), deadline.toInstant());
    out.println("   The security team became aware of an incident on cabinet-sud's data at "
        + when(aware) + ".");
    out.println("   Breach clock: notify the client by " + deadline.format(WHEN) + ", "
        + left.toHours() + " hours left of 72 (R-BR-1).");
    check(Duration.between(aware, deadline.toInstant()).equals(Duration.ofHours(72)),
        "the clock runs 72 hours from awareness");
    check(!incident.overdueAt(clock.instant()), "not overdue yet");
    check(incident.overdueAt(deadline.toInstant().plusSeconds(1)), "overdue past 72 hours");
    NotificationContent known = NotificationContent.initial(
        "Confidentiality: voicemail exports readable by anyone holding their link");
    try {
      custodian.breaches().notifyClient(SECURITY, incident.id(), BreachNotification.Kind.FINAL, known);
      check(false, "an incomplete final notification must be refused");
    } catch (IncompleteNotificationException e) {
      out.println("   A final notification with only the nature is refused; missing: "
          + e.missingFields() + " (R-BR-3).");
      check(e.missingFields().contains("dpoContact"), "the missing fields are named");
    }
    custodian.breaches().notifyClient(SECURITY, incident.id(), BreachNotification.Kind.INITIAL, known);
    Incident after = custodian.breaches().find(SECURITY, incident.id());
    out.println("   An initial notification goes out now, " + left.toHours()
        + " hours early; follow-ups will complete it (R-BR-2).");
    check(!after.clockRunning(), "the initial notification stops the clock");
    check(operator.breachNotifications().size() == 1, "the client received one notification");
  }

  // ---- 9 ----

  private void termination() throws IOException {
    var terminations = custodian.terminations();
    Instant end = clock.instant().plus(Duration.ofDays(1));
    terminations.open(OPERATOR, DemoData.STUDIO, end, Set.of("scaleway", "deeptranscript"));
    terminations.chooseReturn(STUDIO_ADMIN, DemoData.STUDIO, false);
    out.println("   studio-est's contract ends on " + when(end) + "; it chooses the return of its"
        + " data (R-TERM-2).");
    clock.advance(Duration.ofDays(1));
    check(!custodian.processingGate().permits(DemoData.STUDIO), "processing of studio-est stops");
    check(custodian.processingGate().permits(DemoData.ATELIER), "other clients go on");
    terminations.runDue();
    TerminationCase c = terminations.find(OPERATOR, DemoData.STUDIO).orElseThrow();
    check(c.phase() == TerminationPhase.AWAITING_ACKNOWLEDGEMENT, "the archive awaits acknowledgement");
    TerminationCase.ReturnDelivery delivery = Objects.requireNonNull(c.delivery(), "delivery");
    Path archive = workDir.resolve("returns").resolve(DemoData.STUDIO.value())
        .resolve(delivery.archiveId());
    if (!Files.isDirectory(archive)) {
      archive = Path.of(delivery.location());
    }
    out.println("   Return archive (" + delivery.records() + " records): "
        + workDir.relativize(archive));
    try (Stream<Path> files = Files.list(archive)) {
      for (Path f : files.sorted().toList()) {
        out.println("     " + f.getFileName() + "  " + Files.size(f) + " bytes");
      }
    }
    Path manifest = archive.resolve("manifest.json");
    out.println("   manifest.json:");
    Files.readString(manifest, StandardCharsets.UTF_8).lines().limit(40)
        .forEach(l -> out.println("     " + l));
    ManifestCheck integrity = ReturnArchiveVerifier.verify(archive, delivery.manifestSha256());
    check(integrity.intact(), "the archive matches its manifest: " + integrity.problems());
    DownloadToken token = terminations.issueDownloadToken(STUDIO_ADMIN, DemoData.STUDIO);
    out.println("   Download token for the client, shown once: " + token.token());
    out.println("   It expires " + when(token.expiresAt()) + "; Custodian keeps only its salted"
        + " SHA-256 (R-EVID-3).");
    check(terminations.redeemDownloadToken(DemoData.STUDIO, token.token())
        .equals(java.util.Optional.of(delivery.archiveId())), "the token opens the archive");
    check(terminations.redeemDownloadToken(DemoData.STUDIO, token.token() + "x").isEmpty(),
        "a wrong token opens nothing");
    check(!database.contains(token.token()), "the token is not stored in clear");
    terminations.acknowledgeReturn(STUDIO_ADMIN, DemoData.STUDIO, delivery.manifestSha256());
    terminations.runDue();
    out.println("   The client acknowledged the archive (manifest SHA-256 "
        + delivery.manifestSha256().substring(0, 16) + "...); deletion followed (R-TERM-3).");
    out.println("   " + subProcessorInstructions.sent().size() + " sub-processors were instructed"
        + " to do the same, and confirmed (R-TERM-4).");
    for (var i : subProcessorInstructions.sent()) {
      terminations.acknowledgeSubProcessor(OPERATOR, DemoData.STUDIO, i.subProcessor(),
          i.subProcessor().toUpperCase() + "-ACK-1");
    }
    terminations.runDue();
    c = terminations.find(OPERATOR, DemoData.STUDIO).orElseThrow();
    check(c.phase() == TerminationPhase.CERTIFIED, "the termination is certified, not " + c.phase());
    certificate = terminations.certificate(OPERATOR, DemoData.STUDIO).orElseThrow();
    Path dir = workDir.resolve("termination");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("certificate-of-deletion.json"), certificate.toJson(),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("certificate-of-deletion.txt"), certificate.render(),
        StandardCharsets.UTF_8);
    out.println("   Certificate of deletion (also in " + workDir.relativize(dir) + "/):");
    certificate.render().lines().forEach(l -> out.println("     " + l));
    for (CategoryId gone : List.of(CategoryId.CALL_RECORDING, CategoryId.TRANSCRIPTION,
        CategoryId.SMS_CONTENT, CategoryId.CONTACT_MANUAL, CategoryId.WEBHOOK_LOG)) {
      check(hostData.count(RecordSelection.all(DemoData.STUDIO, gone)) == 0,
          "studio-est's " + gone + " is deleted");
    }
    check(hostData.count(RecordSelection.all(DemoData.STUDIO, CategoryId.CALL_LOG)) > 0,
        "studio-est's call logs stay as a restricted legal archive");
    check(hostData.count(RecordSelection.all(DemoData.ATELIER, CategoryId.CALL_LOG)) > 0,
        "other clients' data is untouched");
  }

  // ---- 10 ----

  private void verifyEvidence() {
    ChainVerification v = custodian.evidence().verify();
    out.println("   " + v.entriesChecked() + " evidence entries checked: "
        + (v.valid() ? "the chain is intact" : "BROKEN at entry " + v.firstBroken().getAsLong()
            + " (" + v.reason() + ")"));
    check(v.valid(), "the evidence chain verifies");
    check(v.entriesChecked() > 20, "every duty left evidence");
    if (certificate != null) {
      CertificateVerification cv = CertificateVerifier.verify(certificate, evidenceStore,
          EvidenceKey.derivedFrom(demoKey()));
      out.println("   The certificate of deletion checks against the log: "
          + (cv.valid() ? "consistent" : "INCONSISTENT " + cv.problems()));
      check(cv.valid(), "the certificate agrees with the evidence log");
    }
    String subject = DemoData.SUBJECT.value();
    check(evidence().stream().noneMatch(e -> e.toString().contains(subject)),
        "no subject's number in clear in the evidence (R-EVID-2)");
    Set<String> actions = new LinkedHashSet<>();
    evidence().forEach(e -> actions.add(e.action().replaceFirst("\\..*", "")));
    out.println("   Duties that left evidence: " + String.join(", ", actions) + ".");
  }

  // ---- plumbing ----

  private interface Step {
    void run() throws Exception;
  }

  private void step(String title, Step body) {
    stepNumber++;
    out.println();
    out.println(stepNumber + ". " + title);
    int before = failures.size();
    try {
      body.run();
    } catch (Exception e) {
      failures.add("step " + stepNumber + " (" + title + ") stopped: " + e);
      out.println("   stopped: " + e);
    }
    out.println(failures.size() == before ? "   [ok]" : "   [FAILED]");
    out.flush();
  }

  private void check(boolean condition, String what) {
    if (!condition) {
      failures.add("step " + stepNumber + ": " + what);
      out.println("   check failed: " + what);
    }
  }

  private List<EvidenceEntry> evidence() {
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

  private long totalRecords() {
    long n = 0;
    for (ClientId client : DemoData.CLIENTS) {
      for (CategoryId c : DemoDatabase.TABLES.keySet()) {
        n += hostData.count(RecordSelection.all(client, c));
      }
    }
    return n;
  }

  private void close() {
    if (keepOpen != null) {
      try {
        keepOpen.close();
      } catch (SQLException e) {
        out.println("   (could not close the database: " + e.getMessage() + ")");
      }
    }
  }

  private static String when(Instant t) {
    return t.atZone(PARIS).format(WHEN);
  }

  private static String day(Instant t) {
    return day(t.atZone(PARIS).toLocalDate());
  }

  private static String day(LocalDate d) {
    return d + " (" + d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
        java.util.Locale.ENGLISH) + ")";
  }

  /** Ids are UUID-based: the first part is enough for a person to follow the story. */
  private static String shortId(String id) {
    int dash = id.indexOf('-');
    int next = dash < 0 ? -1 : id.indexOf('-', dash + 1);
    return next < 0 ? id : id.substring(0, next);
  }

  /** A fixed pseudonymisation key: the demo's pseudonyms are the same every run. */
  private static byte[] demoKey() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest("custodian demo key, never use in production".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
