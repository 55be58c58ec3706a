package dev.custodian.client;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of principal the access matrix distinguishes (its columns, docs/access.md): the four
 * client roles and the client's designated contact (R-ACC-1, DPA 3.1, Annex C 9), the processor's
 * four roles, and the system's own jobs. A principal is every kind it holds a role of.
 */
public enum Actor {
  /** A client's user holding {@link ClientRole#USER}. */
  USER("client USER"),
  /** A client's user holding {@link ClientRole#SUPERVISOR}. */
  SUPERVISOR("client SUPERVISOR"),
  /** A client's user holding {@link ClientRole#ADMINISTRATOR}. */
  ADMINISTRATOR("client ADMINISTRATOR"),
  /** A client's user holding {@link ClientRole#SUPER_ADMINISTRATOR}. */
  SUPER_ADMINISTRATOR("client SUPER_ADMINISTRATOR"),
  /** The contact the client named in its contract, whatever its roles. */
  DESIGNATED_CONTACT("client's designated contact"),
  /** Staff holding {@link ProcessorRole#OPERATOR}. */
  OPERATOR("processor OPERATOR"),
  /** Staff holding {@link ProcessorRole#PRIVACY_CONTACT}. */
  PRIVACY_CONTACT("processor PRIVACY_CONTACT"),
  /** Staff holding {@link ProcessorRole#DESIGNATED_OFFICER}. */
  DESIGNATED_OFFICER("processor DESIGNATED_OFFICER"),
  /** Staff holding {@link ProcessorRole#SECURITY_TEAM}. */
  SECURITY_TEAM("processor SECURITY_TEAM"),
  /** The system's own jobs ({@link SystemPrincipal}). */
  SYSTEM("system jobs");

  private final String label;

  Actor(String label) {
    this.label = label;
  }

  /** {@return how the matrix heads this column} */
  public String label() {
    return label;
  }

  /** {@return true for the client's side} (the four roles and the designated contact) */
  public boolean clientSide() {
    return ordinal() <= DESIGNATED_CONTACT.ordinal();
  }

  /**
   * Every kind {@code p} is: one per role, the designated contact, or the system.
   *
   * @param p a principal
   * @return its kinds; empty for a principal without roles
   */
  public static Set<Actor> of(Principal p) {
    EnumSet<Actor> out = EnumSet.noneOf(Actor.class);
    if (p instanceof ClientPrincipal c) {
      c.roles().forEach(r -> out.add(of(r)));
      if (c.designatedContact()) {
        out.add(DESIGNATED_CONTACT);
      }
    } else if (p instanceof ProcessorPrincipal s) {
      s.roles().forEach(r -> out.add(of(r)));
    } else if (p instanceof SystemPrincipal) {
      out.add(SYSTEM);
    }
    return out;
  }

  /**
   * The column of one client role.
   *
   * @param role a client role
   * @return its column
   */
  public static Actor of(ClientRole role) {
    return switch (role) {
      case USER -> USER;
      case SUPERVISOR -> SUPERVISOR;
      case ADMINISTRATOR -> ADMINISTRATOR;
      case SUPER_ADMINISTRATOR -> SUPER_ADMINISTRATOR;
    };
  }

  /**
   * The column of one processor role.
   *
   * @param role a processor role
   * @return its column
   */
  public static Actor of(ProcessorRole role) {
    return switch (role) {
      case OPERATOR -> OPERATOR;
      case PRIVACY_CONTACT -> PRIVACY_CONTACT;
      case DESIGNATED_OFFICER -> DESIGNATED_OFFICER;
      case SECURITY_TEAM -> SECURITY_TEAM;
    };
  }
}
