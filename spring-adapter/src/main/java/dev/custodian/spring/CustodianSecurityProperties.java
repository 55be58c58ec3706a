package dev.custodian.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which claims of the authenticated user's OAuth2 token {@link CustodianPrincipals} reads, under
 * {@code custodian.security}.
 *
 * @param userClaim The claim holding the user's id
 * @param clientClaim The claim holding the client's account id; a token that has it is a client's
 *     user
 * @param rolesClaim The claim listing a client's user's roles (USER, SUPERVISOR, ADMINISTRATOR,
 *     SUPER_ADMINISTRATOR)
 * @param designatedContactClaim The claim that is true for the client's designated contact; blank
 *     for none
 * @param processorRolesClaim The claim listing a processor staff member's roles (OPERATOR,
 *     PRIVACY_CONTACT, DESIGNATED_OFFICER, SECURITY_TEAM); only the operator's own identity
 *     provider may issue it; blank to accept no staff token
 */
@ConfigurationProperties("custodian.security")
public record CustodianSecurityProperties(
    @DefaultValue("sub") String userClaim,
    @DefaultValue("custodian_client") String clientClaim,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("designated_contact") String designatedContactClaim,
    @DefaultValue("processor_roles") String processorRolesClaim) {

  /**
   * The claim names, checked.
   *
   * @throws InvalidCustodianPropertyException naming the property whose value cannot be used
   */
  CustodianPrincipals.ClaimNames claimNames() {
    String user = required("custodian.security.user-claim", userClaim);
    String client = required("custodian.security.client-claim", clientClaim);
    String roles = required("custodian.security.roles-claim", rolesClaim);
    String staff = processorRolesClaim == null ? "" : processorRolesClaim.strip();
    if (client.equals(user) || client.equals(roles)) {
      throw new InvalidCustodianPropertyException("custodian.security.client-claim",
          "must differ from user-claim and roles-claim");
    }
    if (!staff.isEmpty() && (staff.equals(client) || staff.equals(roles))) {
      // One claim read as both kinds would let a client's token pass for staff.
      throw new InvalidCustodianPropertyException("custodian.security.processor-roles-claim",
          "must differ from client-claim and roles-claim, or be blank to accept no staff token");
    }
    return new CustodianPrincipals.ClaimNames(user, client, roles, designatedContactClaim, staff);
  }

  private static String required(String property, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidCustodianPropertyException(property, "must name a claim of the token");
    }
    return value.strip();
  }
}
