package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.util.Objects;

/**
 * One persisted piece of the library's own state (a request, an instruction, a hold, a sweep's
 * progress...), as the store keeps it: a JSON body under a kind and an id, with the client it
 * belongs to (null for processor-wide state) and a version for optimistic concurrency.
 *
 * @param dueAt an optional instant the duty wants to query by (a deadline), or null
 */
public record StoredState(
    String kind, String id, ClientId client, long version, java.time.Instant dueAt, String body) {

  public StoredState {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }
}
