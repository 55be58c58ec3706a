package dev.custodian.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * Who acts: a user of a client, or a member of the processor's staff. The id is the host's user
 * key (a staff or account identifier, not a subject identifier).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientPrincipal.class, name = "client"),
  @JsonSubTypes.Type(value = ProcessorPrincipal.class, name = "processor")
})
public sealed interface Principal permits ClientPrincipal, ProcessorPrincipal {

  /** The host's key for this user; never a subject identifier. */
  String id();

  /** True if this principal may see and act on the given client's affairs (R-ACC-2). */
  boolean mayActFor(ClientId client);

  /** Checks an id is present and short; shared by both kinds of principal. */
  static String requireId(String id) {
    Objects.requireNonNull(id, "principal id");
    if (id.isBlank() || id.length() > 128) {
      throw new IllegalArgumentException("principal id must be 1 to 128 characters");
    }
    return id;
  }
}
