package dev.custodian.examples.demo;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.examples.cli.TextTable;
import dev.custodian.retention.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.memory.InMemoryHostData;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole story of Custodian in one run: a telephony operator, three of its clients and their
 * data, and each duty of the processor carried out on them, step by step, each step checking what
 * it shows. Output is for people; {@link #run()} says whether every check held.
 */
public final class TelephonyDemo {
  /** The demo's day one: 15 June 2026, 10:00 in Paris. */
  public static final Instant START = Instant.parse("2026-06-15T08:00:00Z");

  private final PrintWriter out;
  private final Path workDir;
  private final DemoClock clock = new DemoClock(START);
  private final List<String> failures = new ArrayList<>();
  private int stepNumber;

  private InMemoryHostData hostData;
  private Custodian custodian;

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
    out.println("Custodian demo: a cloud-telephony operator carries out its GDPR processor duties.");
    out.println("Working folder: " + workDir.toAbsolutePath());
    out.println("Demo clock starts at " + START + " (all data is fictional).");
    step("Three clients with calls, SMS, recordings, transcriptions and contacts", this::clients);
    step("The evidence chain is verified", this::verifyEvidence);
    out.println();
    if (failures.isEmpty()) {
      out.println("Demo complete: every step's check held.");
    } else {
      out.println("Demo FAILED: " + failures.size() + " check(s) did not hold:");
      failures.forEach(f -> out.println("  - " + f));
    }
    out.flush();
    return List.copyOf(failures);
  }

  private void clients() {
    DemoData data = new DemoData(START);
    hostData = new InMemoryHostData();
    data.records().forEach(hostData::put);
    custodian = Custodian.builder()
        .clock(clock)
        .hostData(hostData)
        .pseudonymizationKey(demoKey())
        .build();

    Map<ClientId, Map<CategoryId, Integer>> counts = new TreeMap<>();
    for (HostRecord r : data.records()) {
      counts.computeIfAbsent(r.client(), c -> new TreeMap<>()).merge(r.category(), 1, Integer::sum);
    }
    TextTable t = new TextTable("client", "category", "records");
    counts.forEach((client, byCategory) -> byCategory.forEach((cat, n) -> t.row(client, cat, n)));
    t.print(out, "   ");
    check(counts.size() == 3, "three clients hold data");
    check(hostData.size() == data.records().size(), "every record is loaded");
    for (CategoryId c : List.of(CategoryId.CALL_LOG, CategoryId.SMS_LOG, CategoryId.CALL_RECORDING,
        CategoryId.TRANSCRIPTION, CategoryId.CONTACT_MANUAL)) {
      check(!hostData.clients(c).isEmpty(), "some client has " + c);
    }
    check(hostData.clientsHolding(List.of(DemoData.SUBJECT)).size() == 2,
        "the demo's subject appears in two clients' data");
    out.println("   " + data.records().size() + " records; the subject " + DemoData.SUBJECT.masked()
        + " appears in the data of two clients.");
  }

  private void verifyEvidence() {
    ChainVerification v = custodian.evidence().verify();
    out.println("   " + v.entriesChecked() + " evidence entries checked: "
        + (v.valid() ? "the chain is intact" : "BROKEN at entry " + v.firstBroken().getAsLong()
            + " (" + v.reason() + ")"));
    check(v.valid(), "the evidence chain verifies");
  }

  private void step(String title, Runnable body) {
    stepNumber++;
    out.println();
    out.println(stepNumber + ". " + title);
    int before = failures.size();
    try {
      body.run();
    } catch (RuntimeException e) {
      failures.add("step " + stepNumber + " (" + title + ") stopped: " + e);
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
