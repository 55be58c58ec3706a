package dev.custodian.subprocessor;

/**
 * The evidence actions of the sub-processor registry (R-SUB-1 to R-SUB-5, DPA 4). The values never
 * change once released: old logs are verified against them.
 */
public final class SubprocessorActions {
  /** The registry was seeded with the initial sub-processors (DPA Annex B). */
  public static final String REGISTRY_INITIALISED = "subprocessor.registry.initialised";
  /** An addition or removal was announced, with its effective date and how many clients it concerns. */
  public static final String CHANGE_ANNOUNCED = "subprocessor.change.announced";
  /** A change notice was sent to one client, late or not (R-SUB-2). */
  public static final String NOTICE_SENT = "subprocessor.notice.sent";
  /** A client received a notice later than it was sent; its objection deadline moved (R-SUB-3). */
  public static final String NOTICE_RECEIVED = "subprocessor.notice.received";
  /** A client objected to a new sub-processor, in time or late (R-SUB-3). */
  public static final String OBJECTION_RECORDED = "subprocessor.objection.recorded";
  /** The processor answered an objection with an alternative or a configuration change. */
  public static final String OBJECTION_ANSWERED = "subprocessor.objection.answered";
  /** The client accepted or withdrew its objection. */
  public static final String OBJECTION_CLOSED = "subprocessor.objection.closed";

  private SubprocessorActions() {}
}
