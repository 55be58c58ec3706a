package dev.custodian.examples.demo;

import dev.custodian.client.ClientId;
import dev.custodian.termination.CertificateOfDeletion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole story of Custodian in one run: a cloud-telephony operator, three of its business
 * clients and their data in an embedded H2 database, and each duty of the processor carried out
 * on them, step by step. Every step checks what it shows; {@link #run()} returns the checks that
 * failed. The output is for people: identifiers are masked, as in the library's evidence.
 *
 * <p>Each step is a class of its own, told by one {@link Narrator}; what a step hands on to later
 * ones (the scene, the access cases, the certificate) is passed to them here, in the open.
 */
public final class TelephonyDemo {
  /** The demo's day one: Monday 15 June 2026, 10:00 in Paris. */
  public static final Instant START = Instant.parse("2026-06-15T08:00:00Z");

  private final PrintWriter out;
  private final Path workDir;

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
    Narrator narrator = new Narrator(out);
    DemoClock clock = new DemoClock(START);
    narrator.say("Custodian demo: a cloud-telephony operator carries out its GDPR processor duties");
    narrator.say("for three business clients. All data is fictional.");
    narrator.say("Working folder: " + workDir.toAbsolutePath());
    narrator.say("Demo clock starts at " + Narrator.when(START) + ".");
    Scene scene = narrator.step("Three clients with calls, SMS, recordings, transcriptions and contacts",
        () -> new ClientsAndTheirData(narrator, workDir, clock).run());
    try {
      Map<ClientId, String> accessCases = narrator.step(
          "A subject request for a phone number held by two clients becomes two cases",
          () -> new AccessRequest(narrator, scene).run());
      narrator.step("An answer without instruction is refused",
          () -> new AnswerWithoutInstruction(narrator, scene, accessCases).run());
      narrator.step("An administrator's instruction unlocks the access export to the client",
          () -> new InstructedExport(narrator, scene, accessCases).run());
      narrator.step("An erasure spares a held record", () -> new ErasureUnderHold(narrator, scene).run());
      narrator.step("A dry-run retention plan, then the sweep",
          () -> new RetentionSweep(narrator, scene).run());
      narrator.step("A sub-processor change gets its earliest effective date",
          () -> new SubprocessorAddition(narrator, scene).run());
      narrator.step("A breach clock: 72 hours to notify the client",
          () -> new BreachClock(narrator, scene).run());
      CertificateOfDeletion certificate = narrator.step(
          "A client is terminated with return: archive, manifest, certificate of deletion",
          () -> new TerminationWithReturn(narrator, scene).run());
      narrator.step("The evidence chain is verified",
          () -> new EvidenceVerification(narrator, scene, certificate).run());
    } finally {
      close(narrator, scene);
    }
    List<String> failures = narrator.failures();
    narrator.say();
    if (failures.isEmpty()) {
      narrator.say("Demo complete: every step's check held.");
      narrator.say();
      narrator.say("The database is kept; try the operator's commands on it (custodian = java -jar"
          + " examples/target/custodian.jar):");
      narrator.say("  custodian plan --jdbc-url " + scene.database.url() + " --user "
          + DemoDatabase.USER + " --mapping " + scene.mappingFile);
      narrator.say("  custodian verify-evidence --jdbc-url " + scene.database.url() + " --user "
          + DemoDatabase.USER + " --pseudonymization-key-file " + scene.keyFile);
    } else {
      narrator.say("Demo FAILED: " + failures.size() + " check(s) did not hold:");
      failures.forEach(f -> narrator.say("  - " + f));
    }
    narrator.flush();
    return failures;
  }

  private static void close(Narrator narrator, Scene scene) {
    if (scene != null) {
      try {
        scene.close();
      } catch (SQLException e) {
        narrator.say("   (could not close the database: " + e.getMessage() + ")");
      }
    }
  }
}
