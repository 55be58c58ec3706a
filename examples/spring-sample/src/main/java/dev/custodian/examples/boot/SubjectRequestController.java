package dev.custodian.examples.boot;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.dsr.RequestChannel;
import dev.custodian.dsr.SubjectAnswer;
import dev.custodian.dsr.SubjectCase;
import dev.custodian.dsr.SubjectRequest;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.dsr.SubjectRight;
import dev.custodian.instruction.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.retention.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's REST API over Custodian's subject-request duty (R-DSR-1 to R-DSR-3):
 *
 * <ul>
 *   <li>{@code POST /api/subject-requests}: the operator's back office records a subject's request;
 *       Custodian routes it to each client holding data on the subject and notifies them.
 *   <li>{@code GET /api/clients/{client}/cases}: a client's own cases.
 *   <li>{@code POST /api/clients/{client}/cases/{case}/instructions}: the client's written
 *       instruction for one case.
 *   <li>{@code POST /api/clients/{client}/cases/{case}/response}: answer the subject under an
 *       instruction; refused (403) without a verified one.
 *   <li>{@code GET /api/deliveries}: what reached subjects, and under which instruction.
 * </ul>
 *
 * <p>Authentication is out of the sample's scope: the client's user is named by the {@code
 * X-User} and {@code X-Roles} headers. A real backend takes them from its session.
 */
@RestController
class SubjectRequestController {
  /** The back-office operator who takes requests in. */
  private static final ProcessorPrincipal OPERATOR =
      ProcessorPrincipal.of("sample-back-office", ProcessorRole.OPERATOR);

  private final Custodian custodian;
  private final DeliveryLog deliveries;

  SubjectRequestController(Custodian custodian, DeliveryLog deliveries) {
    this.custodian = custodian;
    this.deliveries = deliveries;
  }

  /** A subject's request as the back office types it in. */
  record IntakeBody(SubjectRight right, RequestChannel channel, List<String> identifiers,
      String reference) {}

  record CaseRef(String client, String caseId) {}

  record RequestView(String requestId, String state, List<CaseRef> cases) {}

  record CaseView(String caseId, String requestId, String right, String state, Instant notifyBy,
      Map<CategoryId, Long> located) {}

  /** A client's instruction: a written document, its author's, for one action over categories. */
  record InstructionBody(String documentReference, InstructedAction action, Set<CategoryId> scope,
      Instant issuedAt) {}

  record InstructionView(String instructionId) {}

  record ResponseBody(String instructionId, String message, Set<CategoryId> include) {}

  record Problem(String error) {}

  @PostMapping("/api/subject-requests")
  ResponseEntity<RequestView> receive(@RequestBody IntakeBody body) {
    Set<SubjectIdentifier> identifiers = body.identifiers() == null ? Set.of()
        : body.identifiers().stream().map(SubjectIdentifier::parse).collect(Collectors.toSet());
    SubjectRequestIntake intake = new SubjectRequestIntake(body.right(), identifiers,
        body.channel() == null ? RequestChannel.WEB_FORM : body.channel(),
        custodian.clock().instant(), body.reference());
    SubjectRequest r = custodian.subjectRequests().receive(OPERATOR, intake);
    return ResponseEntity.status(HttpStatus.CREATED).body(new RequestView(r.id(),
        r.state().name(), r.cases().stream()
            .map(c -> new CaseRef(c.client().value(), c.caseId())).toList()));
  }

  @GetMapping("/api/clients/{client}/cases")
  List<CaseView> cases(@PathVariable String client, @RequestHeader("X-User") String user,
      @RequestHeader(name = "X-Roles", defaultValue = "") String roles) {
    ClientPrincipal by = principal(client, user, roles);
    return custodian.subjectRequests().cases(by, by.client()).stream()
        .map(SubjectRequestController::view).toList();
  }

  @PostMapping("/api/clients/{client}/cases/{caseId}/instructions")
  ResponseEntity<InstructionView> instruct(@PathVariable String client,
      @PathVariable String caseId, @RequestHeader("X-User") String user,
      @RequestHeader(name = "X-Roles", defaultValue = "") String roles,
      @RequestBody InstructionBody body) {
    ClientPrincipal by = principal(client, user, roles);
    InstructionDraft draft = new InstructionDraft(body.documentReference(), by,
        body.issuedAt() == null ? custodian.clock().instant() : body.issuedAt(), body.action(),
        body.scope() == null ? Set.of() : body.scope());
    Instruction i = custodian.subjectRequests().instruct(by, caseId, draft);
    return ResponseEntity.status(HttpStatus.CREATED).body(new InstructionView(i.id()));
  }

  @PostMapping("/api/clients/{client}/cases/{caseId}/response")
  CaseView respond(@PathVariable String client, @PathVariable String caseId,
      @RequestHeader("X-User") String user,
      @RequestHeader(name = "X-Roles", defaultValue = "") String roles,
      @RequestBody ResponseBody body) {
    ClientPrincipal by = principal(client, user, roles);
    SubjectAnswer answer = new SubjectAnswer(body.message(),
        body.include() == null ? Set.of() : body.include());
    return view(custodian.subjectRequests().respond(by, caseId, body.instructionId(), answer));
  }

  @GetMapping("/api/deliveries")
  List<DeliveryLog.Delivery> deliveries() {
    return deliveries.all();
  }

  @ExceptionHandler(InstructionRefusedException.class)
  ResponseEntity<Problem> refused(InstructionRefusedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Problem(e.getMessage()));
  }

  @ExceptionHandler(SecurityException.class)
  ResponseEntity<Problem> forbidden(SecurityException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Problem(e.getMessage()));
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<Problem> notFound(NoSuchElementException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem(e.getMessage()));
  }

  @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
  ResponseEntity<Problem> badRequest(RuntimeException e) {
    // Library messages never hold identifiers in clear: safe to return.
    return ResponseEntity.badRequest().body(new Problem(e.getMessage()));
  }

  private static ClientPrincipal principal(String client, String user, String roles) {
    Set<ClientRole> parsed = EnumSet.noneOf(ClientRole.class);
    Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(ClientRole::valueOf).forEach(parsed::add);
    return new ClientPrincipal(user, ClientId.of(client), parsed, false);
  }

  private static CaseView view(SubjectCase c) {
    return new CaseView(c.id(), c.requestId(), c.right().name(), c.state().name(), c.notifyBy(),
        c.located());
  }
}
