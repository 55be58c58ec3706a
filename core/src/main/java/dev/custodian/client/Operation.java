package dev.custodian.client;

// Over 400 lines on purpose: one constant per operation of the access matrix (55 rows), each with its
// reason.

import static dev.custodian.client.Actor.ADMINISTRATOR;
import static dev.custodian.client.Actor.DESIGNATED_CONTACT;
import static dev.custodian.client.Actor.DESIGNATED_OFFICER;
import static dev.custodian.client.Actor.OPERATOR;
import static dev.custodian.client.Actor.PRIVACY_CONTACT;
import static dev.custodian.client.Actor.SECURITY_TEAM;
import static dev.custodian.client.Actor.SUPERVISOR;
import static dev.custodian.client.Actor.SUPER_ADMINISTRATOR;
import static dev.custodian.client.Actor.SYSTEM;
import static dev.custodian.client.Actor.USER;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every public operation of the services {@code Custodian} hands out, with who may do it and why:
 * the rows of the access matrix ({@code docs/access.md} is rendered from this table by {@link
 * AccessPolicy#markdown()}). {@link AccessPolicy} is the one place that decides; every service
 * method asks it before reading or changing anything.
 *
 * <p>"Instructing" means the client roles the processor configured in {@link InstructingRoles}
 * (by default administrator, super administrator and the designated contact, R-ACC-1). A job row
 * takes no principal: the host's scheduler runs it as the system, on rules already decided.
 */
public enum Operation {
  // ---- subject requests (DPA 9, R-DSR-*) ----
  /** The {@code subjectRequests} service's {@code receive}. */
  DSR_RECEIVE("subjectRequests", "receive", false, set(OPERATOR, PRIVACY_CONTACT),
      "R-DSR-1: the processor's staff take requests in",
      "R-DSR-1: requests reaching the processor are taken in by its staff"),
  /**
   * The {@code subjectRequests} service's {@code route}, {@code request}, {@code
   * overdueNotifications}.
   */
  DSR_READ_REQUEST("subjectRequests", "route, request, overdueNotifications", false,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-DSR-2, R-DSR-7: staff in charge of requests",
      "R-DSR-6: a request spans clients; only the processor sees it whole"),
  /**
   * The {@code subjectRequests} service's {@code findCase}, {@code cases}, {@code locate}, {@code
   * check}.
   */
  DSR_READ_CASE("subjectRequests", "findCase, cases, locate, check", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-ACC-1 need-to-know: instructing users, supervisors, staff in charge",
      "R-ACC-1 need-to-know"),
  /** The {@code subjectRequests} service's {@code instruct}. */
  DSR_INSTRUCT("subjectRequests", "instruct", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-DSR-3, R-ACC-1: the instructing user, or staff transcribing a written instruction",
      "R-ACC-1: only configured roles instruct (DPA 2.3, 3.1)"),
  /**
   * The {@code subjectRequests} service's {@code extend}, {@code pause}, {@code resume}, {@code
   * close}, {@code exportForClient}, {@code erase}, {@code restrict}, {@code rectify}, {@code
   * respond}.
   */
  DSR_HANDLE("subjectRequests",
      "extend, pause, resume, close, exportForClient, erase, restrict, rectify, respond", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-DSR-4, R-DSR-8, R-ACC-1 need-to-do (an action also needs a verified instruction)",
      "R-ACC-1 need-to-do"),
  /** The {@code subjectRequests} service's {@code notifyPending}, {@code escalateOverdue}. */
  DSR_JOBS("subjectRequests", "notifyPending, escalateOverdue", false, set(SYSTEM),
      "R-DSR-2: the system's notice and escalation job", "job: takes no principal"),

  // ---- instructions (DPA 2.3, 3.2) ----
  /** The {@code instructions} service's {@code find}, {@code list}, {@code verify}. */
  INSTRUCTION_READ("instructions", "find, list, verify", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-ACC-1 need-to-know", "R-ACC-1 need-to-know"),
  /** The {@code instructions} service's {@code flagUnlawful}, {@code release}. */
  INSTRUCTION_FLAG("instructions", "flagUnlawful, release", false,
      set(PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-ASSIST-2, DPA 3.2: the processor's privacy contact or designated officer",
      "R-ASSIST-2: judging lawfulness is the privacy contact's or officer's"),
  /** The {@code instructions} service's {@code informPending}. */
  INSTRUCTION_JOBS("instructions", "informPending", false, set(SYSTEM),
      "R-ASSIST-2: the system's notice job", "job: takes no principal"),

  // ---- authority requests (DPA 9, R-AUTH-*) ----
  /** The {@code authorityRequests} service's {@code receive}. */
  AUTHORITY_RECEIVE("authorityRequests", "receive", false,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-AUTH-1: staff in charge take requests in", "R-AUTH-1: the processor's staff only"),
  /**
   * The {@code authorityRequests} service's {@code receiveUnderProhibition}, {@code
   * renewProhibition}, {@code liftProhibition}, {@code approveCompulsion}, {@code }.
   */
  AUTHORITY_PROHIBITION("authorityRequests",
      "receiveUnderProhibition, renewProhibition, liftProhibition, approveCompulsion,"
          + " respondUnderCompulsion", false, set(DESIGNATED_OFFICER),
      "R-AUTH-1, R-AUTH-3: the designated officer decides", "R-AUTH-3: the designated officer only"),
  /** The {@code authorityRequests} service's {@code reviewsDue}. */
  AUTHORITY_REVIEWS("authorityRequests", "reviewsDue", false,
      set(PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-AUTH-1: prohibitions are reviewed by the officer or privacy contact",
      "R-AUTH-1: prohibitions are confidential"),
  /** The {@code authorityRequests} service's {@code find}, {@code list}. */
  AUTHORITY_READ("authorityRequests", "find, list", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-ACC-1 need-to-know (a client never sees a request under prohibition, R-AUTH-1)",
      "R-ACC-1 need-to-know"),
  /** The {@code authorityRequests} service's {@code instruct}. */
  AUTHORITY_INSTRUCT("authorityRequests", "instruct", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-AUTH-2, R-ACC-1: the instructing user, or staff transcribing a written instruction",
      "R-ACC-1: only configured roles instruct"),
  /** The {@code authorityRequests} service's {@code respond}, {@code close}. */
  AUTHORITY_HANDLE("authorityRequests", "respond, close", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-AUTH-2, R-ACC-1 need-to-do (an answer also needs a verified instruction)",
      "R-ACC-1 need-to-do"),
  /** The {@code authorityRequests} service's {@code informPending}, {@code escalateDueReviews}. */
  AUTHORITY_JOBS("authorityRequests", "informPending, escalateDueReviews", false, set(SYSTEM),
      "R-AUTH-1: the system's notice and review job", "job: takes no principal"),

  // ---- assistance (DPA 9, R-DSR-5) ----
  /** The {@code assistance} service's {@code request}, {@code accept}, {@code decline}. */
  ASSISTANCE_REQUEST("assistance", "request, accept, decline", true, set(),
      "R-DSR-5: at the client's express request; its quote is the client's to accept",
      "R-DSR-5, R-ACC-1: asking and accepting a quote bind the client"),
  /**
   * The {@code assistance} service's {@code quote}, {@code startBillableWork}, {@code
   * startWithoutCharge}, {@code complete}.
   */
  ASSISTANCE_WORK("assistance", "quote, startBillableWork, startWithoutCharge, complete", false,
      set(OPERATOR, PRIVACY_CONTACT),
      "R-DSR-5: the processor's staff quote and assist", "R-DSR-5: the processor's staff only"),
  /** The {@code assistance} service's {@code find}, {@code list}. */
  ASSISTANCE_READ("assistance", "find, list", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-ACC-1 need-to-know", "R-ACC-1 need-to-know"),
  /** The {@code assistance} service's {@code sendPendingQuotes}. */
  ASSISTANCE_JOBS("assistance", "sendPendingQuotes", false, set(SYSTEM),
      "R-DSR-5: the system's notice job", "job: takes no principal"),

  // ---- retention (DPA Annex A, R-RET-*) ----
  /** The {@code retention} service's {@code settings}. */
  RETENTION_SETTINGS_READ("retention", "settings", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, SYSTEM),
      "R-RET-3, R-ACC-1 need-to-know; the system counts periods in the client's zone",
      "R-ACC-1 need-to-know"),
  /** The {@code retention} service's {@code setDuration}, {@code setZone}. */
  RETENTION_SETTINGS_CHANGE("retention", "setDuration, setZone", false,
      set(ADMINISTRATOR, SUPER_ADMINISTRATOR, OPERATOR),
      "R-RET-3, Annex A: durations are set by the client's administrators on the dashboard, or"
          + " by the operator on their behalf",
      "R-RET-3, Annex A: changes what is deleted; administrators only"),
  /**
   * The {@code retention} service's {@code events().contractEnded}, {@code withdraw of a contract
   * end}.
   */
  RETENTION_CONTRACT_END("retention", "events().contractEnded, withdraw of a contract end", false,
      set(OPERATOR, DESIGNATED_OFFICER),
      "DPA 8.3, R-TERM-1: the processor's operator or officer records the end, as opening a"
          + " termination case does",
      "DPA 8.3, R-TERM-1: a contract end starts deletion; only the operator's termination"
          + " path records it"),
  /** The {@code retention} service's {@code events().crmSyncTurnedOff}, {@code withdraw of one}. */
  RETENTION_CRM_SYNC_OFF("retention", "events().crmSyncTurnedOff, withdraw of one", false,
      set(ADMINISTRATOR, SUPER_ADMINISTRATOR, OPERATOR),
      "Annex A: the client turns synchronisation off in its administration space",
      "Annex A: deletes every synchronised contact; administrators only"),
  /** The {@code retention} service's {@code events().contactsDeleted}, {@code withdraw of one}. */
  RETENTION_CONTACTS_DELETED("retention", "events().contactsDeleted, withdraw of one", false,
      set(USER, SUPERVISOR, ADMINISTRATOR, SUPER_ADMINISTRATOR, OPERATOR),
      "Annex A: a contact the client's user deletes is deleted by the processor",
      "Annex A: the client's users delete their contacts"),
  /**
   * The {@code retention} service's {@code requestDeletion}, {@code
   * events().record(DELETION_REQUESTED)}.
   */
  RETENTION_DELETION_REQUEST("retention", "requestDeletion, events().record(DELETION_REQUESTED)",
      true, set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-RET-2, DPA 2.3: a documented instruction of the client, or staff transcribing it (as an"
          + " instructed erasure does)",
      "R-ACC-1: a deletion request is an instruction; only configured roles instruct"),
  /** The {@code retention} service's {@code events().all}, {@code active}, {@code contractEnd}. */
  RETENTION_EVENTS_READ("retention", "events().all, active, contractEnd", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, SYSTEM),
      "R-RET-1, R-ACC-1 need-to-know; the system classifies with them", "R-ACC-1 need-to-know"),
  /** The {@code retention} service's {@code context}, {@code plan(client}, {@code category)}. */
  RETENTION_PLAN_READ("retention", "context, plan(client, category)", false,
      set(OPERATOR, PRIVACY_CONTACT, SYSTEM),
      "R-RET-5: the processor previews its sweeps; a context shows holds (R-HOLD-1)",
      "R-HOLD-1: a context shows the client's holds, which are the processor's"),
  /**
   * The {@code retention} service's {@code plan()}, {@code execute}, {@code submit}, {@code sweep},
   * {@code resume}, {@code resumeUnfinished}, {@code status}, {@code }.
   */
  RETENTION_JOBS("retention", "plan(), execute, submit, sweep, resume, resumeUnfinished, status,"
      + " classify, checkStorable", false, set(SYSTEM),
      "R-RET-1, R-RET-4, R-RET-5, R-RET-6: the sweep job and the host's write path apply the"
          + " schedule", "job: takes no principal"),

  // ---- legal holds (DPA 8.3, R-HOLD-*) ----
  /** The {@code holds} service's {@code place}, {@code release}. */
  HOLD_MANAGE("holds", "place, release", false, set(OPERATOR, DESIGNATED_OFFICER),
      "R-HOLD-2: a hold has an owner on the processor's side",
      "R-HOLD-1: holds are the processor's legal duty"),
  /** The {@code holds} service's {@code all}, {@code active}. */
  HOLD_READ("holds", "all, active", false,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SYSTEM),
      "R-HOLD-2: staff in charge; the system spares held records",
      "R-HOLD-1: a hold may come from an authority the client may not know of (R-AUTH-1)"),

  // ---- termination (DPA 8.3, R-TERM-*) ----
  /**
   * The {@code terminations} service's {@code open}, {@code verifyReturn}, {@code
   * acknowledgeSubProcessor}.
   */
  TERMINATION_MANAGE("terminations", "open, verifyReturn, acknowledgeSubProcessor", false,
      set(OPERATOR, DESIGNATED_OFFICER),
      "R-TERM-1, R-TERM-4: the processor's operator or officer", "R-TERM-1: the processor's steps"),
  /**
   * The {@code terminations} service's {@code chooseReturn}, {@code chooseDelete}, {@code
   * acknowledgeReturn}.
   */
  TERMINATION_CHOOSE("terminations", "chooseReturn, chooseDelete, acknowledgeReturn", true, set(),
      "R-TERM-2, R-TERM-8, R-ACC-1: the client's choice is an instruction",
      "R-ACC-1: only configured roles instruct"),
  /** The {@code terminations} service's {@code issueDownloadToken}. */
  TERMINATION_DOWNLOAD_TOKEN("terminations", "issueDownloadToken", false,
      set(ADMINISTRATOR, SUPER_ADMINISTRATOR),
      "R-TERM-3, R-EVID-3: the archive is all the client's data; only its administrators receive it",
      "R-TERM-3, Annex C 9: receiving all the client's data is an administrator's right"),
  /**
   * The {@code terminations} service's {@code find}, {@code certificate}, {@code
   * overdueSubProcessors}.
   */
  TERMINATION_READ("terminations", "find, certificate, overdueSubProcessors", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SYSTEM),
      "R-TERM-6, R-ACC-1 need-to-know", "R-ACC-1 need-to-know"),
  /** The {@code terminations} service's {@code all}. */
  TERMINATION_READ_ALL("terminations", "all", false,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SYSTEM),
      "R-TERM-1: the processor follows every case", "R-ACC-2: lists every client"),
  /** The {@code terminations} service's {@code runDue}, {@code advance}. */
  TERMINATION_JOBS("terminations", "runDue, advance", false, set(SYSTEM),
      "R-TERM-2: the system runs due steps (deletion by default at the deadline)",
      "job: takes no principal"),
  /** The {@code processingGate} service's {@code openLegalArchive}. */
  LEGAL_ARCHIVE_OPEN("processingGate", "openLegalArchive", false,
      set(OPERATOR, DESIGNATED_OFFICER),
      "R-TERM-5, R-HOLD-1: restricted archive opened for a stated legal purpose",
      "R-TERM-5: restricted archive"),
  /** The {@code processingGate} service's {@code permits}, {@code check}. */
  PROCESSING_CHECK("processingGate", "permits, check", false, set(SYSTEM),
      "R-TERM-1: the host's processing path checks the gate", "host path: takes no principal"),

  // ---- sub-processors (DPA 4, R-SUB-*) ----
  /**
   * The {@code subprocessors} service's {@code inForce}, {@code inForceOn}, {@code entries}, {@code
   * find}, {@code changes}.
   */
  SUBPROCESSOR_READ("subprocessors", "inForce, inForceOn, entries, find, changes", false,
      set(SUPER_ADMINISTRATOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-SUB-1, DPA 4.3: super administrators and the processor's staff",
      "R-SUB-1, DPA 4.3: the list is shown to super administrators"),
  /**
   * The {@code subprocessors} service's {@code announceAddition}, {@code announceRemoval}, {@code
   * propose}.
   */
  SUBPROCESSOR_ANNOUNCE("subprocessors", "announceAddition, announceRemoval, propose", false,
      set(OPERATOR, PRIVACY_CONTACT),
      "R-SUB-2, R-SUB-3: the processor announces and proposes", "R-SUB-2: the processor's staff"),
  /** The {@code subprocessors} service's {@code notices}. */
  SUBPROCESSOR_NOTICES("subprocessors", "notices", false,
      set(SUPER_ADMINISTRATOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-SUB-2, DPA 4.3: as the list", "R-SUB-1: as the list"),
  /** The {@code subprocessors} service's {@code recordReceipt}, {@code objections}. */
  SUBPROCESSOR_OBJECTIONS("subprocessors", "recordReceipt, objections", true,
      set(SUPER_ADMINISTRATOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-SUB-3: super administrators, instructing users, the processor's staff",
      "R-SUB-3, R-ACC-1"),
  /** The {@code subprocessors} service's {@code object}, {@code close}. */
  SUBPROCESSOR_OBJECT("subprocessors", "object, close", true, set(),
      "R-SUB-3, DPA 4.4: an objection is the client's instruction",
      "R-ACC-1: only configured roles instruct"),
  /** The {@code subprocessors} service's {@code openObjections}. */
  SUBPROCESSOR_OPEN_OBJECTIONS("subprocessors", "openObjections", false,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-SUB-3: what the processor owes an answer to", "R-ACC-2: lists every client"),
  /** The {@code subprocessors} service's {@code deliverPending}, {@code overdueNotices}. */
  SUBPROCESSOR_JOBS("subprocessors", "deliverPending, overdueNotices", false, set(SYSTEM),
      "R-SUB-2: the system's notice job", "job: takes no principal"),

  // ---- breaches (DPA 6, R-BR-*) ----
  /**
   * The {@code breaches} service's {@code recordAwareness}, {@code recordClientCaused}, {@code
   * classifyAsClientCaused}, {@code }.
   */
  BREACH_MANAGE("breaches", "recordAwareness, recordClientCaused, classifyAsClientCaused,"
      + " notifyClient", false, set(OPERATOR, PRIVACY_CONTACT, SECURITY_TEAM),
      "R-BR-1 to R-BR-4: the processor's operator, security team or privacy contact",
      "R-BR-1: the processor's duty"),
  /** The {@code breaches} service's {@code find}, {@code incidents}. */
  BREACH_READ("breaches", "find, incidents", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-BR-1: the client's instructing users and the processor's staff", "R-ACC-1 need-to-know"),
  /**
   * The {@code breaches} service's {@code deliverPending}, {@code overdue}, {@code
   * escalateOverdue}, {@code deadline}.
   */
  BREACH_JOBS("breaches", "deliverPending, overdue, escalateOverdue, deadline", false, set(SYSTEM),
      "R-BR-1: the system's delivery and escalation job", "job: takes no principal"),

  // ---- audits (DPA 7, R-AUD-*) ----
  /** The {@code audits} service's {@code submit}, {@code submitPlan}. */
  AUDIT_REQUEST("audits", "submit, submitPlan", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-AUD-2, DPA 7: a written request of the client, or staff recording one received",
      "R-ACC-1: an audit request binds the client"),
  /** The {@code audits} service's {@code approvePlan}. */
  AUDIT_APPROVE_PLAN("audits", "approvePlan", false, set(SECURITY_TEAM),
      "R-AUD-2, DPA 7: the security organisation approves the plan",
      "R-AUD-2: the security team only"),
  /** The {@code audits} service's {@code decide}. */
  AUDIT_DECIDE("audits", "decide", false, set(OPERATOR, PRIVACY_CONTACT, SECURITY_TEAM),
      "R-AUD-2: the processor's staff decide", "R-AUD-2: the processor's decision"),
  /**
   * The {@code audits} service's {@code declareCompetitor}, {@code withdrawCompetitorDeclaration}.
   */
  AUDIT_COMPETITOR("audits", "declareCompetitor, withdrawCompetitorDeclaration", false,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-AUD-2, DPA 7: the processor declares competitors", "R-AUD-2: the processor's decision"),
  /** The {@code audits} service's {@code requests}. */
  AUDIT_READ("audits", "requests", true,
      set(OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-AUD-2: the client's instructing users and the processor's staff",
      "R-ACC-1 need-to-know"),

  // ---- compliance pack (DPA 3.2, 7, R-ASSIST-1, R-AUD-1) ----
  /** The {@code compliancePack} service's {@code generate}. */
  COMPLIANCE_PACK("compliancePack", "generate", false,
      set(SUPER_ADMINISTRATOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM),
      "R-ASSIST-1, R-AUD-1; it lists the sub-processors, shown to super administrators (R-SUB-1)",
      "R-SUB-1: the pack lists the sub-processors"),

  // ---- evidence (R-EVID-1, R-ACC-2) ----
  /** The {@code evidence} service's {@code readFor}. */
  EVIDENCE_READ("evidence", "readFor", true,
      set(SUPERVISOR, OPERATOR, PRIVACY_CONTACT, DESIGNATED_OFFICER),
      "R-EVID-1, DPA 7: the client's readers and the staff in charge of its duties",
      "R-ACC-1 need-to-know, DPA 3.2: a client's evidence names its requests and subjects'"
          + " pseudonyms; the security team approves audits, it does not read clients' affairs");

  private final String service;
  private final String methods;
  private final boolean instructing;
  private final Set<Actor> fixed;
  private final String allowedBecause;
  private final String refusedBecause;

  Operation(String service, String methods, boolean instructing, Set<Actor> fixed,
      String allowedBecause, String refusedBecause) {
    this.service = service;
    this.methods = methods;
    this.instructing = instructing;
    this.fixed = Collections.unmodifiableSet(fixed);
    this.allowedBecause = allowedBecause;
    this.refusedBecause = refusedBecause;
  }

  /** {@return the accessor of {@code Custodian} that hands the service out} */
  public String service() {
    return service;
  }

  /** {@return the public methods this row governs}, comma-separated */
  public String methods() {
    return methods;
  }

  /** {@return true if the client roles configured to instruct (R-ACC-1) may also do it} */
  public boolean instructing() {
    return instructing;
  }

  /** {@return the kinds of principal that may do it whatever the configuration} */
  public Set<Actor> fixed() {
    return fixed;
  }

  /** {@return true for a job}: no principal is passed; the system runs it. */
  public boolean job() {
    return fixed.equals(EnumSet.of(SYSTEM)) && !instructing;
  }

  /** {@return why the allowed kinds may}, with the requirements behind it */
  public String allowedBecause() {
    return allowedBecause;
  }

  /** {@return why the others may not}, as quoted in a refusal's message */
  public String refusedBecause() {
    return refusedBecause;
  }

  private static Set<Actor> set(Actor... actors) {
    EnumSet<Actor> s = EnumSet.noneOf(Actor.class);
    s.addAll(java.util.List.of(actors));
    return s;
  }
}
