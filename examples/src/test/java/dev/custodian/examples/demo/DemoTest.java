package dev.custodian.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs {@code custodian demo} once, in-process, and checks that each step of the story is told and
 * that the files it promises are written. (DemoJarIT runs the packaged jar once more.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTest {
  private Path dir;
  private CliRun run;

  @BeforeAll
  void runTheDemo() throws Exception {
    dir = Files.createTempDirectory("custodian-demo-test-");
    run = CliRun.inProcess("demo", "--dir", dir.toString());
  }

  @AfterAll
  void removeTheDemoFolder() throws Exception {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void exitsZeroWhenEveryCheckHolds() {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Demo complete: every step's check held.")
        .doesNotContain("[FAILED]").doesNotContain("check failed");
    assertThat(run.out()).containsPattern("(?s)1\\. .*2\\. .*3\\. .*4\\. .*5\\. .*6\\. .*7\\. .*"
        + "8\\. .*9\\. .*10\\. ");
  }

  @Test
  void step1_threeClientsWithCallsSmsRecordingsTranscriptionsAndContacts() {
    assertThat(run.out()).contains("atelier-nord", "cabinet-sud", "studio-est");
    assertThat(run.out()).contains("calls", "recordings", "transcriptions", "SMS logs", "contacts");
    assertThat(run.out()).contains("appears in the data of 2 clients");
  }

  @Test
  void step2_aRequestForANumberHeldByTwoClientsBecomesTwoCases_R_DSR_2_R_DSR_6() {
    String step = section(2);
    assertThat(step).contains("becomes two cases");
    assertThat(step).containsPattern("atelier-nord +case-\\w+").containsPattern("cabinet-sud +case-\\w+");
    assertThat(step).doesNotContainPattern("studio-est +case-");
    assertThat(step).contains("studio-est was told nothing");
  }

  @Test
  void step3_anAnswerWithoutInstructionIsRefused_R_DSR_3() {
    String step = section(3);
    assertThat(step).contains("answer the subject directly: refused")
        .contains("orders the export: refused").contains("Nothing reached the subject");
  }

  @Test
  void step4_anAdministratorsInstructionUnlocksTheAccessExport_R_DSR_4() {
    String step = section(4);
    assertThat(step).containsPattern("ins-[0-9a-f-]+: EXPORT");
    assertThat(step).containsPattern("the export for the client \\(not the subject\\): \\d+ records");
    try (var files = Files.list(dir.resolve("exports"))) {
      assertThat(files.toList()).singleElement()
          .satisfies(f -> assertThat(Files.readString(f)).contains("\"records\""));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void step5_anErasureSparesAHeldRecord_R_HOLD_2() {
    String step = section(5);
    assertThat(step).contains("legal hold on one recording");
    assertThat(step).containsPattern("CALL_RECORDING +\\d+ +1");
    assertThat(step).contains("deletion is deferred to");
  }

  @Test
  void step6_aDryRunPlanTableThenTheSweep_R_RET_5_R_RET_6() {
    String step = section(6);
    assertThat(step).contains("Dry run (nothing deleted yet)");
    assertThat(step).containsPattern("client +category +to delete +held +rule");
    assertThat(step).containsPattern("CALL_LOG +\\d+ +0 +CALL_LOG\\.");
    assertThat(step).containsPattern("Sweep \\S+: \\d+ deleted in \\d+ units.*finished");
  }

  @Test
  void step7_aSubprocessorChangeGetsItsEarliestEffectiveDate_R_SUB_2() {
    String step = section(7);
    assertThat(step).contains("Earliest effective date: 2026-06-30 (Tuesday)");
    assertThat(step).contains("Effective in a week? Refused");
    assertThat(step).contains("notices sent to 3 clients");
  }

  @Test
  void step8_aBreachClockIsShown_R_BR_1_R_BR_3() {
    String step = section(8);
    assertThat(step).containsPattern("Breach clock: notify the client by 2026-06-17 \\d\\d:\\d\\d CEST, 42 hours left of 72");
    assertThat(step).contains("missing: [");
  }

  @Test
  void step9_terminationWithReturnWritesArchiveManifestAndCertificate_R_TERM_3_R_TERM_6() throws Exception {
    String step = section(9);
    assertThat(step).contains("Return archive", "manifest.json", "\"sha256\"",
        "CERTIFICATE OF DELETION", "returned", "kept as restricted archive");
    Path termination = dir.resolve("termination");
    assertThat(Files.readString(termination.resolve("certificate-of-deletion.txt")))
        .contains("CERTIFICATE OF DELETION");
    assertThat(Files.readString(termination.resolve("certificate-of-deletion.json"))).contains("studio-est");
    try (var archives = Files.walk(dir.resolve("returns"))) {
      assertThat(archives.filter(p -> p.getFileName().toString().equals("manifest.json")).count())
          .isEqualTo(1);
    }
  }

  @Test
  void step9_theHandOverOfTheReturnedCopyIsRecorded_R_TERM_8() throws Exception {
    String certificate = Files.readString(dir.resolve("termination").resolve("certificate-of-deletion.json"));
    assertThat(certificate).contains("\"acknowledgedBy\":\"studio-est/admin\"");
    assertThat(section(9)).contains("the returned copy is the client's responsibility");
    DemoDatabase db = new DemoDatabase(dir);
    try (var c = db.dataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM custodian_evidence"
            + " WHERE action = 'termination.return.handed_over' AND client_id = 'studio-est'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void step9_theDownloadTokenIsKeptOnlyAsASaltedHash_R_EVID_3() {
    String token = section(9).lines().filter(l -> l.contains("Download token for the client, shown once: "))
        .findFirst().orElseThrow().replaceFirst(".*shown once: ", "").strip();
    assertThat(token).hasSizeGreaterThanOrEqualTo(20);
    assertThat(new DemoDatabase(dir).contains(token)).as("token in clear in Custodian's tables").isFalse();
    assertThat(new DemoDatabase(dir).contains("studio-est")).as("the search itself works").isTrue();
  }

  @Test
  void step10_theEvidenceChainIsVerified_R_EVID_1() {
    String step = section(10);
    assertThat(step).containsPattern("\\d+ evidence entries checked: the chain is intact");
    assertThat(step).contains("The certificate of deletion checks against the log: consistent");
  }

  @Test
  void neverPrintsTheSubjectsNumberInClear_R_EVID_2() {
    assertThat(run.out()).doesNotContain("+33639981234").doesNotContain("+33 6 39 98 12 34");
    assertThat(run.out()).contains("+33*******34");
  }

  @Test
  void tellsHowToRunTheOperatorsCommandsOnTheDemoDatabase() {
    assertThat(dir.resolve("custodian.mv.db")).isRegularFile();
    assertThat(dir.resolve("telephony-mapping.json")).isRegularFile();
    assertThat(run.out()).contains("custodian plan --jdbc-url jdbc:h2:file:")
        .contains("custodian verify-evidence --jdbc-url jdbc:h2:file:");
  }

  /** The text of step {@code n}: from its numbered title to the next one. */
  private String section(int n) {
    String out = run.out();
    int start = out.indexOf("\n" + n + ". ");
    assertThat(start).as("step %d in%n%s", n, out).isNotNegative();
    int end = out.indexOf("\n" + (n + 1) + ". ", start);
    if (end < 0) {
      end = out.indexOf("\nDemo ", start);
    }
    String step = out.substring(start, end < 0 ? out.length() : end);
    assertThat(step).as("step %d", n).contains("[ok]");
    return step;
  }
}
