package dev.custodian.retention;

/**
 * What a retention rule counts its period from: the record's own time, its last activity, or a
 * client event (a stored fact with its own time, see {@link ClientEvent}).
 */
public enum ClockStart {
  /** The record's time: the call, the message, the recording, the transcription. */
  RECORD_TIME(null),
  /** The last active exchange with the person (the CRM contact row of Annex A). */
  LAST_ACTIVITY(null),
  /** The end of the client's contract. */
  CONTRACT_END(ClientEventType.CONTRACT_END),
  /** The client's deletion of the contact. */
  CONTACT_DELETED(ClientEventType.CONTACT_DELETED),
  /** The client turning CRM synchronisation off. */
  CRM_SYNC_OFF(ClientEventType.CRM_SYNC_OFF),
  /** The client's request to delete (deferred where the law requires keeping, R-RET-2). */
  DELETION_REQUESTED(ClientEventType.DELETION_REQUESTED);

  private final ClientEventType event;

  ClockStart(ClientEventType event) {
    this.event = event;
  }

  /** The event this clock starts from, or null for the record's own times. */
  public ClientEventType event() {
    return event;
  }

  /** True if the clock starts from a client event rather than the record's own time. */
  public boolean isEvent() {
    return event != null;
  }
}
