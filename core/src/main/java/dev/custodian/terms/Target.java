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
    SUBJECT_CASE,
    AUTHORITY_REQUEST
  }

  public Target {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
