package dev.custodian.examples.boot;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.RequestChannel;
import dev.custodian.dsr.SubjectAnswer;
import dev.custodian.dsr.SubjectCase;
import dev.custodian.dsr.SubjectRequest;
import dev.custodian.dsr.SubjectRequestIntake;
import dev.custodian.terms.SubjectRight;
import dev.custodian.terms.InstructedAction;
import dev.custodian.instruction.Instruction;
import dev.custodian.instruction.InstructionDraft;
import dev.custodian.instruction.InstructionRefusedException;
import dev.custodian.terms.CategoryId;
import dev.custodian.spring.CustodianPrincipals;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
 * <p>Who calls is read from the caller's bearer token by {@link CustodianPrincipals} (see {@link
 * SampleSecurity}), never from a header or the path: the intake and the deliveries are for the
 * processor's staff, the {@code /api/clients/{client}} endpoints for that client's users only, and
 * Custodian itself refuses whatever the principal's roles do not allow (R-ACC-1, R-ACC-2).
 */
@RestController
class SubjectRequestController {
  private final Custodian custodian;
  private final DeliveryLog deliveries;
  private final CustodianPrincipals principals;

  SubjectRequestController(Custodian custodian, DeliveryLog deliveries,
      CustodianPrincipals principals) {
    this.custodian = custodian;
    this.deliveries = deliveries;
    this.principals = principals;
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
  ResponseEntity<RequestView> receive(Authentication caller, @RequestBody IntakeBody body) {
    // Custodian refuses staff without the OPERATOR or PRIVACY_CONTACT role.
    ProcessorPrincipal by = principals.staff(caller);
    Set<SubjectIdentifier> identifiers = body.identifiers() == null ? Set.of()
        : body.identifiers().stream().map(SubjectIdentifier::parse).collect(Collectors.toSet());
    SubjectRequestIntake intake = new SubjectRequestIntake(body.right(), identifiers,
        body.channel() == null ? RequestChannel.WEB_FORM : body.channel(),
        custodian.clock().instant(), body.reference());
    SubjectRequest r = custodian.subjectRequests().receive(by, intake);
    return ResponseEntity.status(HttpStatus.CREATED).body(new RequestView(r.id(),
        r.state().name(), r.cases().stream()
            .map(c -> new CaseRef(c.client().value(), c.caseId())).toList()));
  }

  @GetMapping("/api/clients/{client}/cases")
  List<CaseView> cases(Authentication caller, @PathVariable String client) {
    ClientPrincipal by = clientUser(caller, client);
    return custodian.subjectRequests().cases(by, ClientId.of(client)).stream()
        .map(SubjectRequestController::view).toList();
  }

  @PostMapping("/api/clients/{client}/cases/{caseId}/instructions")
  ResponseEntity<InstructionView> instruct(@PathVariable String client,
      @PathVariable String caseId, Authentication caller, @RequestBody InstructionBody body) {
    ClientPrincipal by = clientUser(caller, client);
    InstructionDraft draft = new InstructionDraft(body.documentReference(), by,
        body.issuedAt() == null ? custodian.clock().instant() : body.issuedAt(), body.action(),
        body.scope() == null ? Set.of() : body.scope());
    Instruction i = custodian.subjectRequests().instruct(by, caseId, draft);
    return ResponseEntity.status(HttpStatus.CREATED).body(new InstructionView(i.id()));
  }

  @PostMapping("/api/clients/{client}/cases/{caseId}/response")
  CaseView respond(@PathVariable String client, @PathVariable String caseId,
      Authentication caller, @RequestBody ResponseBody body) {
    ClientPrincipal by = clientUser(caller, client);
    SubjectAnswer answer = new SubjectAnswer(body.message(),
        body.include() == null ? Set.of() : body.include());
    return view(custodian.subjectRequests().respond(by, caseId, body.instructionId(), answer));
  }

  /** What reached subjects, across clients: for the processor's operators and privacy contact. */
  @GetMapping("/api/deliveries")
  List<DeliveryLog.Delivery> deliveries(Authentication caller) {
    ProcessorPrincipal by = principals.staff(caller);
    if (!by.hasRole(ProcessorRole.OPERATOR) && !by.hasRole(ProcessorRole.PRIVACY_CONTACT)) {
      throw new AccessDeniedException("the deliveries are for operators and the privacy contact");
    }
    return deliveries.all();
  }

  @ExceptionHandler(InstructionRefusedException.class)
  ResponseEntity<Problem> refused(InstructionRefusedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Problem(e.getMessage()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Problem> denied(AccessDeniedException e) {
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

  /**
   * The calling client's user, from the token; the path names the client the call is about, and a
   * user of another client is refused here, before Custodian refuses it too.
   */
  private ClientPrincipal clientUser(Authentication caller, String client) {
    ClientPrincipal by = principals.clientUser(caller);
    if (!by.client().value().equals(client)) {
      throw new AccessDeniedException("a client's user acts for its own client only");
    }
    return by;
  }

  private static CaseView view(SubjectCase c) {
    return new CaseView(c.id(), c.requestId(), c.right().name(), c.state().name(), c.notifyBy(),
        c.located());
  }
}
