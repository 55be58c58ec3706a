package dev.custodian.termination;

/**
 * The evidence actions of the termination duty (R-TERM-1 to R-TERM-8, R-EVID-3). Every entry names
 * the client; a case's steps name the case as their basis. The values never change once released:
 * old logs and certificates are verified against them.
 */
public final class TerminationActions {
  /** A termination case was opened: its date, choice deadline and sub-processors. */
  public static final String OPENED = "termination.opened";
  /** The client chose to get its data back or to have it deleted (R-TERM-2). */
  public static final String CHOICE_MADE = "termination.choice.made";
  /** The choice deadline passed without a choice: deletion by default, with the plan (R-TERM-2). */
  public static final String CHOICE_DEFAULTED = "termination.choice.defaulted";
  /** The chosen mode took effect, with the plan per category and the schedule version. */
  public static final String MODE_DECIDED = "termination.mode.decided";
  /** A category kept under the law was restricted as a legal archive (R-TERM-5). */
  public static final String CATEGORY_ARCHIVED = "termination.category.archived";
  /** A category's deletion at termination finished, with what was deleted and what holds kept. */
  public static final String CATEGORY_DELETED = "termination.category.deleted";
  /** One batch of the deletion at termination (appended by the deletion gate). */
  public static final String DELETION_BATCH = "termination.deletion.batch";
  /** A sub-processor was sent its instruction to return or delete (R-TERM-4). */
  public static final String SUBPROCESSOR_INSTRUCTED = "termination.subprocessor.instructed";
  /** Sending a sub-processor its instruction failed; it is retried. */
  public static final String SUBPROCESSOR_SEND_FAILED = "termination.subprocessor.send_failed";
  /** A sub-processor confirmed it returned or deleted the data (R-TERM-4). */
  public static final String SUBPROCESSOR_ACKNOWLEDGED = "termination.subprocessor.acknowledged";
  /** A sub-processor's missing confirmation was escalated to the processor. */
  public static final String SUBPROCESSOR_ESCALATED = "termination.subprocessor.escalated";
  /** The return archive was delivered to the sink, with its manifest hash (R-TERM-3). */
  public static final String ARCHIVE_DELIVERED = "termination.archive.delivered";
  /** What an interrupted export left in the sink was removed, partial copies included. */
  public static final String ARCHIVE_DISCARDED = "termination.archive.discarded";
  /** The processor's check of the delivered archive against its manifest failed. */
  public static final String ARCHIVE_VERIFICATION_FAILED = "termination.archive.verification_failed";
  /** The client had not acknowledged the return archive in time; it was reminded. */
  public static final String ARCHIVE_ACKNOWLEDGEMENT_OVERDUE =
      "termination.archive.acknowledgement_overdue";
  /** A download token for the return archive was issued (the token itself is never recorded). */
  public static final String ARCHIVE_TOKEN_ISSUED = "termination.archive.token_issued";
  /** A download token was redeemed. */
  public static final String ARCHIVE_TOKEN_REDEEMED = "termination.archive.token_redeemed";
  /** A download token was refused: forged, another client's, or expired. */
  public static final String ARCHIVE_TOKEN_REFUSED = "termination.archive.token_refused";
  /** The restricted archive of a terminated client was opened for a stated legal purpose. */
  public static final String ARCHIVE_LEGAL_ACCESS = "termination.archive.legal_access";
  /** Legal-archive records whose period ended were deleted (R-TERM-5). */
  public static final String ARCHIVE_EXPIRED = "termination.archive.expired";
  /** One batch of the deletion of expired legal-archive records (appended by the deletion gate). */
  public static final String ARCHIVE_EXPIRED_BATCH = ARCHIVE_EXPIRED + ".batch";
  /** Records a released hold had kept were deleted (R-HOLD-1). */
  public static final String HOLD_RELEASE_DELETED = "termination.hold_release.deleted";
  /** One batch of the deletion after a hold's release (appended by the deletion gate). */
  public static final String HOLD_RELEASE_DELETED_BATCH = HOLD_RELEASE_DELETED + ".batch";
  /** The client confirmed, or the processor's checksums showed, the hand-over of the return (R-TERM-8). */
  public static final String RETURN_HANDED_OVER = "termination.return.handed_over";
  /** The client's key was destroyed once nothing needed it (R-TERM-7). */
  public static final String KEY_DESTROYED = "termination.key.destroyed";
  /** The certificate of deletion was issued, with its hash and evidence range (R-TERM-6). */
  public static final String CERTIFICATE_ISSUED = "termination.certificate.issued";
  /** The case closed: nothing of the client's data, archive or key is left. */
  public static final String CLOSED = "termination.closed";

  private TerminationActions() {}
}
