package dev.custodian.client;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user of one client, with its roles (R-ACC-1). {@code designatedContact} marks the person the
 * client named in its contract as its contact for data protection.
 */
public record ClientPrincipal(
    String id, ClientId client, Set<ClientRole> roles, boolean designatedContact)
    implements Principal {

  /**
   * A user of one client; the roles are copied.
   *
   * @param id the host's key for the user
   * @param client the client the user belongs to
   * @param roles the user's roles, possibly none
   * @param designatedContact whether the user is the client's designated contact
   * @throws IllegalArgumentException if the id is blank or longer than 128 characters
   */
  public ClientPrincipal {
    Principal.requireId(id);
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(roles, "roles");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /**
   * A user of {@code client} with the given roles, not the designated contact.
   *
   * @param id the host's key for the user
   * @param client the client the user belongs to
   * @param roles the user's roles
   * @return the principal
   */
  public static ClientPrincipal of(String id, ClientId client, ClientRole... roles) {
    return new ClientPrincipal(id, client, Set.of(roles), false);
  }

  /**
   * The client's designated contact, with the given roles.
   *
   * @param id the host's key for the user
   * @param client the client the user belongs to
   * @param roles the user's roles
   * @return the principal
   */
  public static ClientPrincipal designatedContact(String id, ClientId client, ClientRole... roles) {
    return new ClientPrincipal(id, client, Set.of(roles), true);
  }

  /**
   * Whether the user holds {@code role}.
   *
   * @param role a client role
   * @return true if held
   */
  public boolean hasRole(ClientRole role) {
    return roles.contains(role);
  }

  @Override
  public boolean mayActFor(ClientId other) {
    return client.equals(other);
  }
}
