package dev.custodian.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample app on a random port against a real PostgreSQL (127.0.0.1:5432, database {@code
 * test}, user {@code postgres}), in a schema of its own that is dropped afterwards. No server means
 * a failed test, never a skipped one. Callers authenticate with tokens of {@link TestIssuer}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestIssuer.Decoder.class)
class SampleAppPostgresTest {
  static final String OPERATOR = TestIssuer.staff("op-1", ProcessorRole.OPERATOR);
  static final String ALICE = TestIssuer.clientUser("alice", "acme", ClientRole.ADMINISTRATOR);
  static final String BOB = TestIssuer.clientUser("bob", "acme", ClientRole.USER);
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String SCHEMA = "sample_" + UUID.randomUUID().toString().replace("-", "")
      .substring(0, 12).toLowerCase(Locale.ROOT);
  static final ObjectMapper JSON = new ObjectMapper();

  @Value("${local.server.port}")
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void theSubjectIsAnsweredOnlyAfterTheClientsInstruction_R_DSR_3() throws Exception {
    // The back office records a subject's access request, made with a phone number that appears
    // in the demo data of two client accounts.
    JsonNode request = post("/api/subject-requests", OPERATOR,
        "{\"right\":\"ACCESS\",\"channel\":\"WEB_FORM\",\"identifiers\":[\"+33 1 99 00 01 01\"]}",
        201);
    assertThat(request.get("state").asText()).isEqualTo("ROUTED");
    String caseId = null;
    for (JsonNode c : request.get("cases")) {
      if (c.get("client").asText().equals("acme")) {
        caseId = c.get("caseId").asText();
      }
    }
    assertThat(request.get("cases")).hasSize(2);
    assertThat(caseId).as("acme's case").isNotNull();

    // acme sees its own case, with its own data located (R-DSR-4, R-DSR-6).
    JsonNode cases = get("/api/clients/acme/cases", ALICE);
    assertThat(cases).hasSize(1);
    assertThat(cases.get(0).get("located").get("CALL_LOG").asLong()).isEqualTo(2);
    assertThat(cases.get(0).get("state").asText()).isEqualTo("OPEN");

    // Answering before any instruction is refused, and nothing reaches the subject.
    String responsePath = "/api/clients/acme/cases/" + caseId + "/response";
    String answer = "{\"instructionId\":\"instr-none\",\"message\":\"Here are your call logs.\","
        + "\"include\":[\"CALL_LOG\"]}";
    post(responsePath, ALICE, answer, 403);
    assertThat(get("/api/deliveries", OPERATOR)).isEmpty();

    // acme's administrator gives a written, specific instruction for this case.
    JsonNode instruction = post("/api/clients/acme/cases/" + caseId + "/instructions",
        ALICE, "{\"documentReference\":\"ticket ACME-4711\","
            + "\"action\":\"RESPOND_TO_SUBJECT\",\"scope\":[\"CALL_LOG\"]}", 201);
    String instructionId = instruction.get("instructionId").asText();

    // A user without an instructing role still cannot answer under it.
    post(responsePath, BOB, answer.replace("instr-none", instructionId), 403);
    assertThat(get("/api/deliveries", OPERATOR)).isEmpty();

    // Under the instruction, the answer reaches the subject, with acme's records only.
    JsonNode answered = post(responsePath, ALICE,
        answer.replace("instr-none", instructionId), 200);
    assertThat(answered.get("state").asText()).isEqualTo("RESPONDED");
    JsonNode deliveries = get("/api/deliveries", OPERATOR);
    assertThat(deliveries).hasSize(1);
    JsonNode d = deliveries.get(0);
    assertThat(d.get("addressee").asText()).isEqualTo("subject");
    assertThat(d.get("client").asText()).isEqualTo("acme");
    assertThat(d.get("requestId").asText()).isEqualTo(request.get("requestId").asText());
    assertThat(d.get("instruction").asText()).contains(instructionId);
    assertThat(d.get("records").asInt()).isEqualTo(2);

    // Health shows the evidence chain verified and nothing overdue.
    JsonNode health = get("/actuator/health", null);
    assertThat(health.get("status").asText()).isEqualTo("UP");
    JsonNode custodian = health.get("components").get("custodian");
    assertThat(custodian.get("details").get("evidenceChainVerified").asBoolean()).isTrue();
    assertThat(custodian.get("details").get("overdueClientNotifications").asLong()).isZero();
    // ...and says when it was verified, over how many of the entries that exist (issue 13).
    assertThat(custodian.get("details").get("evidenceLastVerifiedAt").asText()).isNotBlank();
    assertThat(custodian.get("details").get("evidenceEntries").asLong())
        .isGreaterThanOrEqualTo(custodian.get("details").get("evidenceEntriesChecked").asLong())
        .isPositive();
  }

  private JsonNode get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    bearer(b, token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode post(String path, String token, String body, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    bearer(b, token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(status);
    return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  private static void bearer(HttpRequest.Builder b, String token) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
