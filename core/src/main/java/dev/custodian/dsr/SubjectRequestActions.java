package dev.custodian.dsr;

/**
 * The evidence action names of the subject-request duty (R-DSR-1 to R-DSR-8) and of the
 * assistance with it (R-DSR-5). The values are part of the evidence format: old logs verify only
 * if they never change.
 */
public final class SubjectRequestActions {
  /** A subject's request was taken in, with its right, channel and pseudonymised subjects. */
  public static final String REQUEST_RECEIVED = "dsr.request.received";
  /** A request was routed to the cases of the clients holding data on the subject. */
  public static final String REQUEST_ROUTED = "dsr.request.routed";
  /** A request matched no client's data. */
  public static final String REQUEST_UNMATCHED = "dsr.request.unmatched";
  /** An unmatched request was escalated to the privacy contact. */
  public static final String REQUEST_ESCALATED = "dsr.request.escalated";

  /** A case was opened for one client, with where the subject's data lies and its deadlines. */
  public static final String CASE_OPENED = "dsr.case.opened";
  /** The case's client was notified of the request. */
  public static final String CASE_NOTIFIED = "dsr.case.notified";
  /** A client notification overdue past the escalation delay was escalated. */
  public static final String CASE_NOTIFICATION_ESCALATED = "dsr.case.notification_escalated";
  /** Someone asked where the subject's data lies now (counts per category). */
  public static final String CASE_LOCATED = "dsr.case.located";
  /** A case was closed, with a reason. */
  public static final String CASE_CLOSED = "dsr.case.closed";

  /** The client's legal clock was extended, with a reason and the new due date. */
  public static final String CLOCK_EXTENDED = "dsr.clock.extended";
  /** The client's legal clock was paused, with a reason. */
  public static final String CLOCK_PAUSED = "dsr.clock.paused";
  /** The client's legal clock was resumed, with a reason and the new due date. */
  public static final String CLOCK_RESUMED = "dsr.clock.resumed";

  /** An instruction about a case was refused before it reached the verifier. */
  public static final String INSTRUCTION_REFUSED = "dsr.instruction.refused";

  /** The subject's data was exported for the client under an EXPORT instruction. */
  public static final String EXPORT_PRODUCED = "dsr.export.produced";
  /** One batch of an instructed erasure went through the deletion gate. */
  public static final String ERASURE_BATCH = "dsr.erasure.batch";
  /** An instructed erasure finished, with what was deleted, held and deferred. */
  public static final String ERASURE_COMPLETED = "dsr.erasure.completed";
  /** Processing of the subject's records was restricted under a RESTRICT instruction. */
  public static final String RESTRICTION_APPLIED = "dsr.restriction.applied";
  /** The subject's records were corrected under a RECTIFY instruction (field names only). */
  public static final String RECTIFICATION_APPLIED = "dsr.rectification.applied";
  /** The host's responder took the answer to the subject. */
  public static final String RESPONSE_SENT = "dsr.response.sent";
  /** The host's responder failed to take the answer to the subject. */
  public static final String RESPONSE_FAILED = "dsr.response.failed";

  /** An export was refused (no verified instruction, no right to act, or a case not open). */
  public static final String EXPORT_REFUSED = "dsr.export.refused";
  /** An erasure was refused (no verified instruction, no right to act, or a case not open). */
  public static final String ERASE_REFUSED = "dsr.erase.refused";
  /** A restriction was refused (no verified instruction, no right to act, or a case not open). */
  public static final String RESTRICT_REFUSED = "dsr.restrict.refused";
  /** A rectification was refused (no verified instruction, no right to act, or a case not open). */
  public static final String RECTIFY_REFUSED = "dsr.rectify.refused";
  /** An answer to the subject was refused (no verified instruction, no right, or not open). */
  public static final String RESPOND_TO_SUBJECT_REFUSED = "dsr.respond_to_subject.refused";

  /** The client expressly asked for help with one of its cases (R-DSR-5). */
  public static final String ASSISTANCE_REQUESTED = "dsr.assistance.requested";
  /** The processor quoted the help, with amount, currency and validity. */
  public static final String ASSISTANCE_QUOTED = "dsr.assistance.quoted";
  /** The quote reached the client. */
  public static final String ASSISTANCE_QUOTE_SENT = "dsr.assistance.quote_sent";
  /** The client accepted the quote. */
  public static final String ASSISTANCE_QUOTE_ACCEPTED = "dsr.assistance.quote_accepted";
  /** The client declined the quote, with a reason. */
  public static final String ASSISTANCE_QUOTE_DECLINED = "dsr.assistance.quote_declined";
  /** Billable work was refused because the client had not accepted a quote. */
  public static final String ASSISTANCE_START_REFUSED = "dsr.assistance.start_refused";
  /** Work on the help started, billable or not. */
  public static final String ASSISTANCE_STARTED = "dsr.assistance.started";
  /** Work on the help was completed. */
  public static final String ASSISTANCE_COMPLETED = "dsr.assistance.completed";

  private SubjectRequestActions() {}
}
