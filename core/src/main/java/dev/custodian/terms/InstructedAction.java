package dev.custodian.terms;

/**
 * What an instruction orders the processor to do. An instruction names exactly one action
 * (specific, R-DSR-3); the library performs each of these only under an instruction that names it.
 */
public enum InstructedAction {
  /** Produce an access or portability export of the subject's data, for the client (R-DSR-4). */
  EXPORT,
  /** Erase the subject's data in the named categories, sparing held data (R-DSR-4, R-HOLD-2). */
  ERASE,
  /** Restrict processing of the subject's data: kept, no longer processed (R-DSR-4). */
  RESTRICT,
  /** Correct named fields of the subject's records (R-DSR-4). */
  RECTIFY,
  /** Answer the subject, on the client's behalf (R-DSR-3). */
  RESPOND_TO_SUBJECT,
  /** Answer an authority that may be informed of the client (R-AUTH-2). */
  RESPOND_TO_AUTHORITY
}
