package dev.custodian.termination;

import dev.custodian.client.ClientId;

/** Thrown by the {@link ProcessingGate} when the client's data may no longer be processed (R-TERM-1). */
public class ProcessingRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final transient ClientId client;

  public ProcessingRefusedException(ClientId client, String reason) {
    super("processing of client " + client + "'s data is refused: " + reason);
    this.client = client;
  }

  /** The client whose data may not be processed. */
  public ClientId client() {
    return client;
  }
}
