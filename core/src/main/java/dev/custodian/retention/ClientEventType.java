package dev.custodian.retention;

/**
 * The kinds of client event a retention clock can start from. An event is a stored fact with its
 * own time ({@link ClientEvent}).
 */
public enum ClientEventType {
  /** The client's contract ended (termination or expiry). Applies to every record of the client. */
  CONTRACT_END(true),
  /**
   * The client deleted contacts (Annex A: "tout contact supprimé manuellement par le client est
   * supprimé"). Applies to the records that existed when the client deleted them.
   */
  CONTACT_DELETED(false),
  /**
   * The client turned CRM synchronisation off: no synchronised contact is kept afterwards,
   * including any that arrives later.
   */
  CRM_SYNC_OFF(true),
  /**
   * The client asked for deletion of records it holds (R-RET-2). Applies to the records that
   * existed when it asked; legal minimums defer it.
   */
  DELETION_REQUESTED(false);

  private final boolean coversLaterRecords;

  ClientEventType(boolean coversLaterRecords) {
    this.coversLaterRecords = coversLaterRecords;
  }

  /**
   * True if the event also applies to records whose time is after the event (a contract end, a
   * synchronisation turned off); false if only to records that existed at the event.
   */
  public boolean coversLaterRecords() {
    return coversLaterRecords;
  }
}
