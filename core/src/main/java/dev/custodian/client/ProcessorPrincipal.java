package dev.custodian.client;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A member of the processor's staff. Staff act across clients, within their roles. */
public record ProcessorPrincipal(String id, Set<ProcessorRole> roles) implements Principal {

  /**
   * A member of staff; the roles are copied.
   *
   * @param id the host's key for the staff member
   * @param roles the staff member's roles, possibly none
   * @throws IllegalArgumentException if the id is blank or longer than 128 characters
   */
  public ProcessorPrincipal {
    Principal.requireId(id);
    Objects.requireNonNull(roles, "roles");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /**
   * Shorthand for the constructor.
   *
   * @param id the host's key for the staff member
   * @param roles the staff member's roles
   * @return the principal
   */
  public static ProcessorPrincipal of(String id, ProcessorRole... roles) {
    return new ProcessorPrincipal(id, Set.of(roles));
  }

  /**
   * Whether the staff member holds {@code role}.
   *
   * @param role a processor role
   * @return true if held
   */
  public boolean hasRole(ProcessorRole role) {
    return roles.contains(role);
  }

  @Override
  public boolean mayActFor(ClientId client) {
    return true;
  }
}
