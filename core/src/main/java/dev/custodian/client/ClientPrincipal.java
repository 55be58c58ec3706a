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

  public ClientPrincipal {
    Principal.requireId(id);
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(roles, "roles");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** A user of {@code client} with the given roles, not the designated contact. */
  public static ClientPrincipal of(String id, ClientId client, ClientRole... roles) {
    return new ClientPrincipal(id, client, Set.of(roles), false);
  }

  /** The client's designated contact, with the given roles. */
  public static ClientPrincipal designatedContact(String id, ClientId client, ClientRole... roles) {
    return new ClientPrincipal(id, client, Set.of(roles), true);
  }

  public boolean hasRole(ClientRole role) {
    return roles.contains(role);
  }

  @Override
  public boolean mayActFor(ClientId other) {
    return client.equals(other);
  }
}
