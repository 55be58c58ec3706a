package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.examples.demo.DemoData;
import dev.custodian.examples.demo.DemoDatabase;
import dev.custodian.examples.demo.TelephonyDemo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad arguments exit 2 with one short line that repeats no secret and no long argument, as the
 * README promises (issue 15, finding 8). Connection failures of a well-formed URL exit 1.
 */
class CliArgumentsTest {
  static final String SECRET = "s3cret-Fictional-Pw";
  static final int MAX_LINE = 1000;
  @TempDir Path dir;
  private Path mapping;

  @BeforeEach
  void database() throws Exception {
    DemoDatabase db = new DemoDatabase(dir);
    db.createTelephonyTables();
    db.insert(new DemoData(TelephonyDemo.START).records());
    mapping = dir.resolve("mapping.json");
    try (InputStream in = TelephonyDemo.class.getResourceAsStream("telephony-mapping.json")) {
      Files.copy(in, mapping);
    }
  }

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("custodian");
  }

  private static CliRun run(String... args) {
    CliRun run = CliRun.inProcess(args);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    String line = run.errLines().get(0);
    assertThat(line).as(run.toString()).doesNotContain(SECRET);
    assertThat(line.length()).as(run.toString()).isLessThanOrEqualTo(MAX_LINE);
    return run;
  }

  private static void badArguments(String... args) {
    CliRun run = run(args);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustodianCli.BAD_ARGUMENTS);
  }

  @Test
  void aPasswordInAMalformedUrlIsMaskedAndExits2() {
    badArguments("plan", "--jdbc-url", "jdbc:postgresql://127.0.0.1:notaport/telephony?user=ops&password="
        + SECRET, "--mapping", mapping.toString());
    // URLs the driver takes up and then refuses as malformed.
    badArguments("verify-evidence", "--jdbc-url", "jdbc:mariadb://127.0.0.1:badport/x?password=" + SECRET);
    badArguments("verify-evidence", "--jdbc-url", "jdbc:mariadb://ops:" + SECRET + "@127.0.0.1:3306/x?sslMode=bogus");
    badArguments("verify-evidence", "--jdbc-url",
        "jdbc:postgresql://127.0.0.1:5432/test?sslmode=bogus&password=" + SECRET);
    badArguments("verify-evidence", "--jdbc-url", "jdbc:h2:file:relative/path;PASSWORD=" + SECRET);
    badArguments("plan", "--jdbc-url", url() + ";NO_SUCH_SETTING=1", "--mapping", mapping.toString());
  }

  @Test
  void aPasswordAfterUserInTheUrlIsMasked() {
    badArguments("verify-evidence", "--jdbc-url", "jdbc:mysql://ops:" + SECRET + "@127.0.0.1:3306/x?x=1");
  }

  @Test
  void aPasswordInAnUnsupportedUrlIsMasked() {
    badArguments("verify-evidence", "--jdbc-url", "jdbc:oracle:thin:ops/" + SECRET
        + "@db:1521/x;password=" + SECRET);
  }

  @Test
  void aPasswordOfAServerThatRefusesIsMaskedAndExits1() throws Exception {
    // With a well-formed key, so that the command gets as far as the server.
    Path key = dir.resolve("evidence.key");
    java.nio.file.Files.writeString(key, java.util.Base64.getEncoder().encodeToString(
        "a test evidence key of 32+ bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    CliRun run = run("verify-evidence", "--jdbc-url",
        "jdbc:postgresql://127.0.0.1:1/telephony?user=ops&password=" + SECRET,
        "--evidence-key-file", key.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustodianCli.FAILED);
    assertThat(run.errLines().get(0)).contains("password=***");
  }

  @Test
  void thePasswordOptionIsNeverEchoed() {
    badArguments("schedule", "--password=" + SECRET);
    badArguments("verify-evidence", "--jdbc-url", url(), "--password", SECRET, SECRET + "-extra");
    badArguments("plan", "--password", SECRET, "--jdbc-url", url());
  }

  @Test
  void aHundredKilobyteArgumentIsCutWithAnEllipsis() {
    String huge = "x".repeat(100_000);
    badArguments("dsar-deadline", "--received", huge);
    badArguments("plan", "--jdbc-url", url(), "--mapping", huge);
    badArguments("plan", "--jdbc-url", "jdbc:" + huge, "--mapping", mapping.toString());
    badArguments("compliance-pack", "--out", dir.toString(), "--client", huge);
    badArguments(huge);
    CliRun run = CliRun.inProcess("dsar-deadline", "--received", huge);
    assertThat(run.err()).contains("…");
  }

  @Test
  void aMissingOrUnreadableMappingFileExits2() throws Exception {
    badArguments("plan", "--jdbc-url", url(), "--mapping", dir.resolve("none.json").toString());
    badArguments("plan", "--jdbc-url", url(), "--mapping", dir.toString());
    // A mapping naming a table the database lacks is a bad mapping file too.
    Path missingTable = dir.resolve("missing-table.json");
    Files.writeString(missingTable, Files.readString(mapping).replaceFirst("\"call_log\"", "\"no_such_table\""));
    CliRun run = run("plan", "--jdbc-url", url(), "--user", "sa", "--mapping", missingTable.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustodianCli.BAD_ARGUMENTS);
    assertThat(run.errLines().get(0)).contains("no_such_table");
    // With a bad URL as well, the missing file is the error shown.
    badArguments("plan", "--jdbc-url", "jdbc:postgresql://127.0.0.1:notaport/x", "--mapping",
        dir.resolve("none.json").toString());
  }

  @Test
  void aMappingWithACategoryTheScheduleLacksExits2NamingTheValidOnes() throws Exception {
    Path voicemail = dir.resolve("voicemail.json");
    Files.writeString(voicemail, Files.readString(mapping).replaceFirst("\"CALL_LOG\"", "\"VOICEMAIL\""));
    CliRun run = run("plan", "--jdbc-url", url(), "--user", "sa", "--mapping", voicemail.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustodianCli.BAD_ARGUMENTS);
    assertThat(run.errLines().get(0)).contains("VOICEMAIL").contains("CALL_LOG");
  }

  @Test
  void badDatesExit2() {
    badArguments("dsar-deadline", "--received", "+999999999-12-31");
    badArguments("dsar-deadline", "--received", "-999999999-01-01", "--extended");
    badArguments("notice-deadline", "--effective", "+999999999-12-31");
    badArguments("notice-deadline", "--effective", "-999999999-01-01");
    badArguments("objection-deadline", "--received", "+999999999-12-31");
    badArguments("dsar-deadline", "--received", "2026-02-30");
    badArguments("plan", "--jdbc-url", url(), "--mapping", mapping.toString(), "--at",
        "+1000000000-01-01T00:00:00Z");
  }

  @Test
  void unknownOptionValuesExit2() {
    badArguments("plan", "--jdbc-url", url(), "--mapping", mapping.toString(), "--progress", "sometimes");
    badArguments("dsar-deadline", "--received", "2026-06-15", "--zone", "Mars/Olympus");
    badArguments("compliance-pack", "--out", dir.toString(), "--client", "bad id");
    badArguments("compliance-pack", "--out", mapping.toString());
    badArguments("demo", "--dir", mapping.toString());
    badArguments("schedule", "--json=maybe");
  }
}
