package dev.custodian.audit;

/** The conditions of DPA 7 an on-site audit request must all meet (R-AUD-2). */
public enum AuditRule {
  /** At most one audit per client per year. */
  ONE_PER_YEAR("at most one audit per client per year"),
  /** The request is written: a recorded document with its author. */
  WRITTEN_REQUEST("a written request"),
  /** The request was received at least 60 days before the proposed date. */
  SIXTY_DAYS_NOTICE("received at least 60 days before the proposed date"),
  /** A detailed written audit plan, reviewed and approved by the processor's security team. */
  APPROVED_AUDIT_PLAN("a detailed audit plan approved by the processor's security team"),
  /** The audit takes place during normal business hours. */
  BUSINESS_HOURS("during normal business hours"),
  /** The client is not a competitor of the processor or a competitor's affiliate. */
  NOT_A_COMPETITOR("the client is neither a competitor nor a competitor's affiliate");

  private final String condition;

  AuditRule(String condition) {
    this.condition = condition;
  }

  /** The condition in plain words. */
  public String condition() {
    return condition;
  }
}
