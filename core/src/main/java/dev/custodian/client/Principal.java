package dev.custodian.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * Who acts: a user of a client, a member of the processor's staff, or the system's own jobs.
 * What each may do is {@link AccessPolicy}'s table (docs/access.md). The id is the host's user
 * key (a staff or account identifier, not a subject identifier).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientPrincipal.class, name = "client"),
  @JsonSubTypes.Type(value = ProcessorPrincipal.class, name = "processor"),
  @JsonSubTypes.Type(value = SystemPrincipal.class, name = "system")
})
public sealed interface Principal permits ClientPrincipal, ProcessorPrincipal, SystemPrincipal {

  /** {@return the principal of the system's own jobs} (see {@link SystemPrincipal}) */
  static SystemPrincipal system() {
    return SystemPrincipal.INSTANCE;
  }

  /** {@return the host's key for this user}; never a subject identifier, 1 to 128 characters. */
  String id();

  /**
   * Whether this principal may see and act on the given client's affairs (R-ACC-2): a client's
   * user for its own client only, staff and the system for every client.
   *
   * @param client the client concerned
   * @return true if the client's affairs are this principal's to see
   */
  boolean mayActFor(ClientId client);

  /**
   * Checks an id is present and short; shared by every kind of principal.
   *
   * @param id the host's key for the user
   * @return {@code id}, unchanged
   * @throws IllegalArgumentException if blank or longer than 128 characters
   */
  static String requireId(String id) {
    Objects.requireNonNull(id, "principal id");
    if (id.isBlank() || id.length() > 128) {
      throw new IllegalArgumentException("principal id must be 1 to 128 characters");
    }
    return id;
  }
}
