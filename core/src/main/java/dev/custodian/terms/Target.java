package dev.custodian.terms;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * What an instruction is about: one subject case or one authority request of one client, with the
 * time it was received (an instruction may not be older than its request). Built by the duty that
 * owns the request from its stored state.
 */
public record Target(Kind kind, String id, ClientId client, Instant receivedAt) {

  /** The kinds of request an instruction can concern. */
  public enum Kind {
    /** A subject request's case for one client. */
    SUBJECT_CASE,
    /** An authority's request. */
    AUTHORITY_REQUEST
  }

  /**
   * A request an instruction concerns.
   *
   * @param kind what kind of request
   * @param id its id
   * @param client the client that owns it
   * @param receivedAt when it was received
   */
  public Target {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
