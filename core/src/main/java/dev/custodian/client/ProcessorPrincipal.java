package dev.custodian.client;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A member of the processor's staff. Staff act across clients, within their roles. */
public record ProcessorPrincipal(String id, Set<ProcessorRole> roles) implements Principal {

  public ProcessorPrincipal {
    Principal.requireId(id);
    Objects.requireNonNull(roles, "roles");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public static ProcessorPrincipal of(String id, ProcessorRole... roles) {
    return new ProcessorPrincipal(id, Set.of(roles));
  }

  public boolean hasRole(ProcessorRole role) {
    return roles.contains(role);
  }

  @Override
  public boolean mayActFor(ClientId client) {
    return true;
  }
}
