package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator's date commands and the registry listing, with good and bad input. */
class DeadlineCommandsTest {

  @Test
  void noticeDeadlineCountsTenFrenchBusinessDaysAcrossHolidays_R_SUB_2() {
    // 1 May, 8 May and Ascension (14 May 2026) are public holidays: they do not count.
    CliRun run = CliRun.inProcess("notice-deadline", "--effective", "2026-05-15");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Notify clients by:   2026-04-27 (Monday)");
  }

  @Test
  void objectionDeadlineIsTheTenthBusinessDayAfterReceipt_R_SUB_3() {
    CliRun run = CliRun.inProcess("objection-deadline", "--received", "2026-05-06");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    // 7, 11, 12, 13, 15, 18, 19, 20, 21, 22 May (8 May and 14 May are holidays).
    assertThat(run.out()).contains("Last day to object:  2026-05-22 (Friday)");
  }

  @Test
  void dsarDeadlineFrom31JanuaryIsTheEndOfFebruary_R_DSR_8() {
    CliRun run = CliRun.inProcess("dsar-deadline", "--received", "2026-01-31");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Answer due by:       2026-02-28 (Saturday)")
        .contains("With the extension:  2026-04-30");
  }

  @Test
  void dsarDeadlineExtendedByTwoMonthsInALeapYearAndAnotherZone_R_DSR_8() {
    CliRun run = CliRun.inProcess("dsar-deadline", "--received", "2028-01-31", "--zone",
        "America/New_York", "--extended");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("America/New_York").contains("2028-04-30").contains("extended");
    CliRun plain = CliRun.inProcess("dsar-deadline", "--received", "2028-01-31");
    assertThat(plain.out()).contains("2028-02-29");
  }

  @Test
  void subprocessorsListsAnnexB_R_SUB_1() throws Exception {
    CliRun run = CliRun.inProcess("subprocessors");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("SCALEWAY", "standard contractual clauses", "US");
    JsonNode json = new ObjectMapper().readTree(CliRun.inProcess("subprocessors", "--json").out());
    assertThat(json.size()).isEqualTo(26);
    for (JsonNode s : json) {
      assertThat(s.get("name").asText()).isNotBlank();
      assertThat(s.get("country").asText()).hasSize(2);
      assertThat(s.get("mechanism").asText()).isNotBlank();
      assertThat(s.get("agreement").asText()).isNotBlank();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "notice-deadline                                      | Missing required option: '--effective=DATE'",
    "notice-deadline --effective 15/05/2026               | is not a date",
    "objection-deadline                                   | Missing required option: '--received=DATE'",
    "objection-deadline --received 2026-02-30             | is not a date",
    "dsar-deadline --received tomorrow                    | is not a date",
    "dsar-deadline --received 2026-01-31 --zone Mars/Base | is not a time zone",
    "dsar-deadline --received 2026-01-31 --extended=maybe | --extended",
    "subprocessors --format=csv                           | --format",
  })
  void badInputGivesOneLineAndExitCode2(String args, String expected) {
    String[] argv = args.trim().split("\\s+");
    CliRun run = CliRun.inProcess(argv);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("custodian " + argv[0] + ": ").contains(expected);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "schedule", "subprocessors", "notice-deadline",
        "objection-deadline", "dsar-deadline", "plan", "verify-evidence", "compliance-pack"}) {
      CliRun run = CliRun.inProcess(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: custodian " + command);
    }
  }
}
