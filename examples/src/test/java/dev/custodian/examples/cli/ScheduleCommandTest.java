package dev.custodian.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCommandTest {

  @Test
  void printsEveryCategoryOfAnnexA() {
    CliRun run = CliRun.inProcess("schedule");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("CALL_LOG", "CALL_RECORDING", "SMS_CONTENT", "WEBHOOK_LOG",
        "TRANSACTIONAL_EMAIL", "never stored", "TRANSCRIPTION", "SSO_USER_ID");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void jsonIsOneObjectPerCategoryWithRetentionCountedFromAndAtTermination_R_RET_1() throws Exception {
    CliRun run = CliRun.inProcess("schedule", "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.isArray()).isTrue();
    List<String> categories = new ArrayList<>();
    for (JsonNode c : root) {
      assertThat(c.has("category") && c.has("retention") && c.has("countedFrom")
          && c.has("atTermination")).as(c.toString()).isTrue();
      categories.add(c.get("category").asText());
      JsonNode retention = c.get("retention");
      if (!retention.isNull()) {
        // An ISO-8601 period.
        assertThat(Period.parse(retention.asText())).isNotNull();
      }
      assertThat(c.get("atTermination").asText()).isNotBlank();
    }
    assertThat(categories).doesNotHaveDuplicates().contains("CALL_LOG", "SMS_LOG",
        "CALL_RECORDING", "TRANSCRIPTION", "CONTACT_MANUAL", "WEBHOOK_LOG");
    assertThat(categories).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void jsonGivesTheContractsFiguresForTrafficDataAndClientSettings_R_RET_2() throws Exception {
    JsonNode root = new ObjectMapper().readTree(CliRun.inProcess("schedule", "--json").out());
    JsonNode calls = find(root, "CALL_LOG");
    assertThat(calls.get("retention").asText()).isEqualTo("P1Y");
    assertThat(calls.get("countedFrom").asText()).isEqualTo("RECORD_TIME");
    assertThat(calls.get("trafficData").asBoolean()).isTrue();
    // Set by the client: no fixed period.
    assertThat(find(root, "CALL_RECORDING").get("retention").isNull()).isTrue();
    // Counted from an event (the client deleting the contact): no fixed period either.
    assertThat(find(root, "CONTACT_MANUAL").get("retention").isNull()).isTrue();
    assertThat(find(root, "WEBHOOK_LOG").get("retention").asText()).isEqualTo("P1M");
    assertThat(find(root, "SMS_CONTENT").get("atTermination").asText()).isEqualTo("DELETE");
    assertThat(calls.get("rules").size()).isPositive();
  }

  @Test
  void unknownOptionIsABadArgument() {
    CliRun run = CliRun.inProcess("schedule", "--yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("custodian schedule: ").contains("--yaml");
  }

  private static JsonNode find(JsonNode root, String category) {
    for (JsonNode c : root) {
      if (c.get("category").asText().equals(category)) {
        return c;
      }
    }
    throw new AssertionError("no category " + category);
  }
}
