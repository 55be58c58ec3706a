package dev.custodian.spring;

import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Turns the user Spring Security authenticated into the Custodian {@link Principal} that the
 * library's services take (R-ACC-1, R-ACC-2), from the claims of the user's OAuth2 token: a JWT of
 * a resource server, an introspected opaque token, or an OpenID Connect user. Who a caller is and
 * what it may do then come from a token the identity provider signed, never from the caller's own
 * word (a request header, a path, a body).
 *
 * <p>The claims, named by {@code custodian.security.*} (defaults in {@link ClaimNames#defaults()}):
 *
 * <ul>
 *   <li>a <b>client's user</b> carries the client claim ({@code custodian_client}: the client's
 *       account id), its user id ({@code sub}), its client roles ({@code roles}: {@code USER},
 *       {@code SUPERVISOR}, {@code ADMINISTRATOR}, {@code SUPER_ADMINISTRATOR}) and, for the
 *       contact the client named in its contract, {@code designated_contact: true};
 *   <li>a member of the <b>processor's staff</b> carries no client claim, its id ({@code sub}) and
 *       its staff roles ({@code processor_roles}: {@code OPERATOR}, {@code PRIVACY_CONTACT},
 *       {@code DESIGNATED_OFFICER}, {@code SECURITY_TEAM}). Only the operator's own identity
 *       provider may issue that claim; a blank {@code custodian.security.processor-roles-claim}
 *       accepts no staff token at all.
 * </ul>
 *
 * <p>A roles claim is a list of names or one string of names separated by spaces or commas; names
 * are compared ignoring case and unknown ones are ignored (an identity provider adds its own), so a
 * misspelt role grants less, never more. A token with both the client claim and staff roles, with
 * neither, or without a user id is refused.
 *
 * <p>Failures are Spring Security's own exceptions, so its filter chain answers them: {@link
 * AuthenticationCredentialsNotFoundException} (401) when nobody is authenticated, {@link
 * AccessDeniedException} (403) when the authenticated user is not a Custodian principal or not of
 * the kind asked for. Their messages name claims, never a claim's value. Immutable and
 * thread-safe. Auto-configured when Spring Security is on the classpath; declare your own bean of
 * this type to replace it.
 */
public class CustodianPrincipals {
  private final ClaimNames claims;

  /**
   * The claim names read from a token.
   *
   * @param user the user's id (at most 128 characters)
   * @param client the client's account id; marks a client's user
   * @param roles the client roles of a client's user
   * @param designatedContact true for the client's designated contact; blank: nobody is
   * @param processorRoles the roles of the processor's staff; blank: no staff token is accepted
   */
  public record ClaimNames(
      String user, String client, String roles, String designatedContact, String processorRoles) {

    /**
     * @throws IllegalArgumentException if {@code user}, {@code client} or {@code roles} is blank,
     *     or if two of the names are the same
     */
    public ClaimNames {
      user = required(user, "user");
      client = required(client, "client");
      roles = required(roles, "roles");
      designatedContact = designatedContact == null ? "" : designatedContact.strip();
      processorRoles = processorRoles == null ? "" : processorRoles.strip();
      if (!processorRoles.isEmpty() && (processorRoles.equals(roles)
          || processorRoles.equals(client))) {
        // One claim read as both kinds would let a client's token pass for staff.
        throw new IllegalArgumentException(
            "the processor roles claim must differ from the client and roles claims");
      }
      if (client.equals(user) || client.equals(roles)) {
        throw new IllegalArgumentException("the client claim must differ from the user and roles"
            + " claims");
      }
    }

    /** {@code sub}, {@code custodian_client}, {@code roles}, {@code designated_contact}, {@code
     * processor_roles}. */
    public static ClaimNames defaults() {
      return new ClaimNames("sub", "custodian_client", "roles", "designated_contact",
          "processor_roles");
    }

    private static String required(String name, String what) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("the " + what + " claim must be named");
      }
      return name.strip();
    }
  }

  public CustodianPrincipals(ClaimNames claims) {
    this.claims = Objects.requireNonNull(claims, "claims");
  }

  /** The claim names this resolver reads. */
  public ClaimNames claims() {
    return claims;
  }

  /**
   * The principal of the current request's authenticated user (Spring Security's {@link
   * SecurityContextHolder}).
   *
   * @throws AuthenticationCredentialsNotFoundException if nobody is authenticated
   * @throws AccessDeniedException if the user's token does not make a Custodian principal
   */
  public Principal current() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }

  /**
   * The principal that {@code authentication}'s token describes: a {@link ClientPrincipal} or a
   * {@link ProcessorPrincipal}, see the class documentation.
   *
   * @throws AuthenticationCredentialsNotFoundException if {@code authentication} is null,
   *     anonymous or not authenticated
   * @throws AccessDeniedException if its token does not make a Custodian principal
   */
  public Principal of(Authentication authentication) {
    Map<String, Object> token = claimsOf(authentication);
    String id = text(token.get(claims.user()));
    if (id == null || id.isBlank() || id.length() > 128) {
      throw new AccessDeniedException("the token's '" + claims.user()
          + "' claim is missing or not a user id of 1 to 128 characters");
    }
    boolean staff = !claims.processorRoles().isEmpty() && token.get(claims.processorRoles()) != null;
    Object client = token.get(claims.client());
    if (client != null && staff) {
      throw new AccessDeniedException("the token carries both the '" + claims.client()
          + "' claim and the '" + claims.processorRoles() + "' claim: it is neither a client's"
          + " user nor processor staff");
    }
    if (client != null) {
      return clientUser(id, client, token);
    }
    if (staff) {
      Set<ProcessorRole> roles = roles(token.get(claims.processorRoles()), ProcessorRole.class);
      if (roles.isEmpty()) {
        throw new AccessDeniedException("the token's '" + claims.processorRoles()
            + "' claim names no processor role");
      }
      return new ProcessorPrincipal(id, roles);
    }
    throw new AccessDeniedException("the token carries no '" + claims.client() + "' claim"
        + (claims.processorRoles().isEmpty() ? "" : " and no '" + claims.processorRoles()
            + "' claim"));
  }

  /**
   * The client's user that {@code authentication}'s token describes.
   *
   * @throws AuthenticationCredentialsNotFoundException if nobody is authenticated
   * @throws AccessDeniedException if the token is not a client's user's (processor staff
   *     included)
   */
  public ClientPrincipal clientUser(Authentication authentication) {
    if (of(authentication) instanceof ClientPrincipal p) {
      return p;
    }
    throw new AccessDeniedException("a client's user is required");
  }

  /**
   * The member of the processor's staff that {@code authentication}'s token describes.
   *
   * @throws AuthenticationCredentialsNotFoundException if nobody is authenticated
   * @throws AccessDeniedException if the token is not a staff member's (a client's user included)
   */
  public ProcessorPrincipal staff(Authentication authentication) {
    if (of(authentication) instanceof ProcessorPrincipal p) {
      return p;
    }
    throw new AccessDeniedException("a member of the processor's staff is required");
  }

  private ClientPrincipal clientUser(String id, Object clientClaim, Map<String, Object> token) {
    String value = text(clientClaim);
    ClientId client;
    try {
      client = ClientId.of(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new AccessDeniedException("the token's '" + claims.client()
          + "' claim is not a client id");
    }
    Set<ClientRole> roles = roles(token.get(claims.roles()), ClientRole.class);
    boolean contact = !claims.designatedContact().isEmpty()
        && isTrue(token.get(claims.designatedContact()));
    return new ClientPrincipal(id, client, roles, contact);
  }

  private static Map<String, Object> claimsOf(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      throw new AuthenticationCredentialsNotFoundException("no authenticated user");
    }
    Object p = authentication.getPrincipal();
    Map<String, Object> token = null;
    if (p instanceof ClaimAccessor c) {
      token = c.getClaims(); // a Jwt, an OidcIdToken
    } else if (p instanceof OAuth2AuthenticatedPrincipal o) {
      token = o.getAttributes(); // an introspected token, an OAuth2 or OIDC login
    }
    if (token == null) {
      throw new AccessDeniedException(
          "the authenticated user has no OAuth2 token claims to read a Custodian principal from");
    }
    return token;
  }

  private static <R extends Enum<R>> Set<R> roles(Object claim, Class<R> type) {
    Set<R> found = EnumSet.noneOf(type);
    if (claim instanceof Collection<?> names) {
      names.forEach(n -> addRole(found, type, text(n)));
    } else if (claim instanceof String names) {
      for (String n : names.split("[\\s,]+")) {
        addRole(found, type, n);
      }
    }
    return found;
  }

  private static <R extends Enum<R>> void addRole(Set<R> found, Class<R> type, String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    String wanted = name.strip().toUpperCase(Locale.ROOT);
    for (R r : type.getEnumConstants()) {
      if (r.name().equals(wanted)) {
        found.add(r);
      }
    }
  }

  private static boolean isTrue(Object claim) {
    return Boolean.TRUE.equals(claim)
        || (claim instanceof String s && s.strip().equalsIgnoreCase("true"));
  }

  private static String text(Object claim) {
    return claim instanceof String || claim instanceof Number ? claim.toString() : null;
  }
}
