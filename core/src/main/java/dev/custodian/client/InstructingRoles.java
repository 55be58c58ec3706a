package dev.custodian.client;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which client principals may give instructions (R-ACC-1). Configured by the processor; the default
 * is administrators, super administrators and the client's designated contact.
 */
public record InstructingRoles(Set<ClientRole> roles, boolean designatedContact) {

  /** Administrator, super administrator and the designated contact. */
  public static final InstructingRoles DEFAULT =
      new InstructingRoles(
          EnumSet.of(ClientRole.ADMINISTRATOR, ClientRole.SUPER_ADMINISTRATOR), true);

  /**
   * The roles that may instruct; copied.
   *
   * @param roles the client roles that may instruct
   * @param designatedContact whether the client's designated contact may, whatever its roles
   * @throws IllegalArgumentException if no role may and the designated contact may not either
   */
  public InstructingRoles {
    Objects.requireNonNull(roles, "roles");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    if (roles.isEmpty() && !designatedContact) {
      throw new IllegalArgumentException(
          "at least one role, or the designated contact, must be allowed to instruct");
    }
  }

  /**
   * Whether {@code principal} may instruct the processor on behalf of {@code client}: only a user
   * of that client, by one of these roles or as its designated contact.
   *
   * @param principal who gives the instruction
   * @param client on whose behalf
   * @return true if the instruction may be taken
   */
  public boolean mayInstruct(Principal principal, ClientId client) {
    if (!(principal instanceof ClientPrincipal p) || !p.client().equals(client)) {
      return false;
    }
    return (designatedContact && p.designatedContact())
        || p.roles().stream().anyMatch(roles::contains);
  }
}
