package dev.custodian.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.dsr.SubjectCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Who calls the sample comes from a token its identity provider signed, never from the caller's
 * word (issue 15, finding 7; R-ACC-1, R-ACC-2): a forged {@code X-User}/{@code X-Roles} header
 * or a missing, forged, expired or foreign token is refused with 401; a token without the role an
 * action needs, or of another client, is refused with 403; and a refused call changes nothing.
 * On the sample's default H2 set-up, in a database of this class's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:sample-security;DB_CLOSE_DELAY=-1",
        // No background job changes a case between the before and after of a test.
        "custodian.sweep.enabled=false"})
@Import(TestIssuer.Decoder.class)
class SampleAppSecurityTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ClientId ACME = ClientId.of("acme");
  static final ClientId GLOBEX = ClientId.of("globex");
  /** Reads what Custodian holds, to show that a refused call changed nothing. */
  static final ProcessorPrincipal AUDITOR =
      ProcessorPrincipal.of("test-auditor", ProcessorRole.OPERATOR);

  static final String OPERATOR = TestIssuer.staff("op-1", ProcessorRole.OPERATOR);
  static final String ALICE = TestIssuer.clientUser("alice", "acme", ClientRole.ADMINISTRATOR);
  static final String BOB = TestIssuer.clientUser("bob", "acme", ClientRole.USER);
  static final String CAROL = TestIssuer.clientUser("carol", "globex", ClientRole.ADMINISTRATOR);
  static final String INSTRUCTION = "{\"documentReference\":\"ticket ACME-4711\","
      + "\"action\":\"RESPOND_TO_SUBJECT\",\"scope\":[\"CALL_LOG\"]}";

  @Value("${local.server.port}")
  int port;

  @Autowired
  Custodian custodian;

  private final HttpClient http = HttpClient.newHttpClient();
  private String acmeCase;
  private String globexCase;

  /** A subject's request, taken in by an operator, opens one case at acme and one at globex. */
  @BeforeEach
  void aRequestForBothClients() throws Exception {
    HttpResponse<String> r = send("POST", "/api/subject-requests", OPERATOR,
        "{\"right\":\"ACCESS\",\"identifiers\":[\"+33 1 99 00 01 01\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    for (JsonNode c : JSON.readTree(r.body()).get("cases")) {
      if (c.get("client").asText().equals("acme")) {
        acmeCase = c.get("caseId").asText();
      } else if (c.get("client").asText().equals("globex")) {
        globexCase = c.get("caseId").asText();
      }
    }
    assertThat(acmeCase).isNotNull();
    assertThat(globexCase).isNotNull();
  }

  @Test
  void aForgedUserHeaderWithoutATokenIsRefusedWith401AndChangesNothing_R_ACC_1() throws Exception {
    State before = state();
    Map<String, String> forged = Map.of("X-User", "alice", "X-Roles", "ADMINISTRATOR");
    List<HttpResponse<String>> refused = List.of(
        send("GET", "/api/clients/acme/cases", null, null, forged),
        send("POST", "/api/clients/acme/cases/" + acmeCase + "/instructions", null, INSTRUCTION,
            forged),
        send("POST", "/api/clients/acme/cases/" + acmeCase + "/response", null,
            "{\"instructionId\":\"instr-none\",\"message\":\"m\",\"include\":[\"CALL_LOG\"]}",
            forged),
        send("POST", "/api/subject-requests", null,
            "{\"right\":\"ERASURE\",\"identifiers\":[\"+33 1 99 00 01 01\"]}", forged),
        send("GET", "/api/deliveries", null, null, forged),
        send("GET", "/actuator/metrics", null, null, forged));
    for (HttpResponse<String> r : refused) {
      assertThat(r.statusCode()).as("%s", r.uri()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          v -> assertThat(v).startsWith("Bearer"));
    }
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aMissingForgedExpiredOrForeignTokenIsRefusedWith401_R_ACC_1() throws Exception {
    State before = state();
    Map<String, Object> admin = Map.of("sub", "alice", "custodian_client", "acme",
        "roles", List.of("ADMINISTRATOR"));
    Instant soon = Instant.now().plusSeconds(600);
    List<String> refused = java.util.Arrays.asList(
        null,
        "not-a-jwt",
        TestIssuer.forger().sign(admin),
        TestIssuer.trusted().sign(admin, TestIssuer.ISSUER, TestIssuer.AUDIENCE,
            Instant.now().minusSeconds(3600)),
        TestIssuer.trusted().sign(admin, "https://other.example.com", TestIssuer.AUDIENCE, soon),
        TestIssuer.trusted().sign(admin, TestIssuer.ISSUER, "another-api", soon));
    for (String token : refused) {
      assertThat(send("GET", "/api/clients/acme/cases", token, null).statusCode())
          .isEqualTo(401);
      assertThat(send("POST", "/api/clients/acme/cases/" + acmeCase + "/instructions", token,
          INSTRUCTION).statusCode()).isEqualTo(401);
    }
    assertThat(state()).isEqualTo(before);
    // The same claims, signed by the trusted issuer, are let in.
    assertThat(send("GET", "/api/clients/acme/cases", TestIssuer.trusted().sign(admin), null)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenWithoutTheNeededRoleIsRefusedWith403AndChangesNothing_R_ACC_1() throws Exception {
    String instruction = instruct(ALICE);
    State before = state();
    // A client's plain user may not answer the subject, even under its administrator's
    // instruction (R-DSR-3: instructions and their use are for the instructing roles).
    assertThat(send("POST", "/api/clients/acme/cases/" + acmeCase + "/response", BOB,
        answer(instruction)).statusCode()).isEqualTo(403);
    // Intake is the processor's: neither a client's administrator nor staff of another role.
    String intake = "{\"right\":\"ERASURE\",\"identifiers\":[\"+33 1 99 00 01 01\"]}";
    assertThat(send("POST", "/api/subject-requests", ALICE, intake).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/subject-requests",
        TestIssuer.staff("sec-1", ProcessorRole.SECURITY_TEAM), intake).statusCode())
        .isEqualTo(403);
    // What reached subjects across clients, and the metrics, are for operators.
    assertThat(send("GET", "/api/deliveries", ALICE, null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/actuator/metrics", ALICE, null).statusCode()).isEqualTo(403);
    // Staff are not a client's users: the client endpoints refuse them.
    assertThat(send("GET", "/api/clients/acme/cases", OPERATOR, null).statusCode())
        .isEqualTo(403);
    assertThat(state()).isEqualTo(before);

    assertThat(send("GET", "/actuator/metrics", OPERATOR, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenForOneClientCannotActOnAnother_R_ACC_2() throws Exception {
    State before = state();
    // acme's administrator, naming globex in the path.
    assertThat(send("GET", "/api/clients/globex/cases", ALICE, null).statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/api/clients/globex/cases/" + globexCase + "/instructions", ALICE,
        INSTRUCTION).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/clients/globex/cases/" + globexCase + "/response", ALICE,
        "{\"instructionId\":\"instr-none\",\"message\":\"m\",\"include\":[\"CALL_LOG\"]}")
        .statusCode()).isEqualTo(403);
    // ...or naming its own client and globex's case: Custodian finds no such case for acme.
    HttpResponse<String> foreignCase = send("POST",
        "/api/clients/acme/cases/" + globexCase + "/instructions", ALICE, INSTRUCTION);
    assertThat(foreignCase.statusCode()).isIn(403, 404);
    assertThat(foreignCase.body()).doesNotContain("globex");
    // ...or with headers claiming to be globex's user: headers say nothing about identity.
    assertThat(send("GET", "/api/clients/globex/cases", ALICE, null,
        Map.of("X-User", "carol", "X-Roles", "ADMINISTRATOR")).statusCode()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);

    // globex's own administrator sees its case, untouched.
    HttpResponse<String> own = send("GET", "/api/clients/globex/cases", CAROL, null);
    assertThat(own.statusCode()).isEqualTo(200);
    JsonNode globexCases = JSON.readTree(own.body());
    assertThat(globexCases.findValuesAsText("caseId")).contains(globexCase);
  }

  @Test
  void aValidTokenIsNotChangedByHeaders_R_ACC_1() throws Exception {
    String instruction = instruct(ALICE);
    State before = state();
    // bob is a plain user of acme; the headers claim he is its administrator.
    assertThat(send("POST", "/api/clients/acme/cases/" + acmeCase + "/response", BOB,
        answer(instruction), Map.of("X-User", "alice", "X-Roles", "ADMINISTRATOR")).statusCode())
        .isEqualTo(403);
    assertThat(state()).isEqualTo(before);
    // alice, who is, may answer under her instruction: the subject gets acme's records.
    assertThat(send("POST", "/api/clients/acme/cases/" + acmeCase + "/response", ALICE,
        answer(instruction)).statusCode()).isEqualTo(200);
    assertThat(state().deliveries()).isEqualTo(before.deliveries() + 1);
  }

  /** acme's instruction for its case, by the token's user; its id. */
  private String instruct(String token) throws Exception {
    HttpResponse<String> r = send("POST", "/api/clients/acme/cases/" + acmeCase + "/instructions",
        token, INSTRUCTION);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("instructionId").asText();
  }

  private static String answer(String instructionId) {
    return "{\"instructionId\":\"" + instructionId + "\",\"message\":\"Here are your call logs.\","
        + "\"include\":[\"CALL_LOG\"]}";
  }

  /** What a refused call must leave as it was: cases, instructions and deliveries. */
  record State(List<SubjectCase> acmeCases, List<SubjectCase> globexCases, int acmeInstructions,
      int globexInstructions, int deliveries, long requests) {}

  private State state() {
    return new State(
        custodian.subjectRequests().cases(AUDITOR, ACME),
        custodian.subjectRequests().cases(AUDITOR, GLOBEX),
        custodian.instructions().list(AUDITOR, ACME, null).size(),
        custodian.instructions().list(AUDITOR, GLOBEX, null).size(),
        deliveries(),
        custodian.subjectRequests().cases(AUDITOR, ACME).stream()
            .map(SubjectCase::requestId).distinct().count());
  }

  private int deliveries() {
    try {
      HttpResponse<String> r = send("GET", "/api/deliveries", OPERATOR, null);
      assertThat(r.statusCode()).isEqualTo(200);
      return JSON.readTree(r.body()).size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, Map.of());
  }

  private HttpResponse<String> send(String method, String path, String token, String body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
