package dev.custodian.audit;

/** The evidence actions of the audit duty (R-AUD-1, R-AUD-2). The values never change once released. */
public final class AuditActions {
  /** A client's audit request was received. */
  public static final String REQUEST_RECEIVED = "audit.request.received";
  /** An audit request was accepted. */
  public static final String REQUEST_ACCEPTED = "audit.request.accepted";
  /** An audit request was refused, with the reason. */
  public static final String REQUEST_REFUSED = "audit.request.refused";
  /** An audit plan was submitted. */
  public static final String PLAN_SUBMITTED = "audit.plan.submitted";
  /** An audit plan was approved. */
  public static final String PLAN_APPROVED = "audit.plan.approved";
  /** An auditor was declared a competitor of the processor. */
  public static final String COMPETITOR_DECLARED = "audit.competitor.declared";
  /** A competitor declaration was withdrawn. */
  public static final String COMPETITOR_WITHDRAWN = "audit.competitor.withdrawn";
  /** A compliance pack was generated for a client. */
  public static final String COMPLIANCE_PACK_GENERATED = "audit.compliance_pack.generated";

  private AuditActions() {}
}
