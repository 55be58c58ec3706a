package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.Principal;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * {@link CustodianPrincipals}: who acts comes from the authenticated user's token, never from the
 * caller's word (R-ACC-1, R-ACC-2; issue 15, finding 7).
 */
class CustodianPrincipalsTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CustodianAutoConfiguration.class,
          CustodianSecurityAutoConfiguration.class))
      .withUserConfiguration(ManualTaskScheduler.Config.class)
      .withPropertyValues(CustodianAutoConfigurationTest.KEY);

  private final CustodianPrincipals principals =
      new CustodianPrincipals(CustodianPrincipals.ClaimNames.defaults());

  @AfterEach
  void clearContext() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aClientUsersTokenMakesAClientPrincipalWithItsRoles_R_ACC_1() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      CustodianPrincipals bean = context.getBean(CustodianPrincipals.class);
      assertThat(bean.claims()).isEqualTo(CustodianPrincipals.ClaimNames.defaults());
      Principal p = bean.of(jwt(Map.of("sub", "alice", "custodian_client", "acme",
          "roles", List.of("ADMINISTRATOR", "supervisor", "offline_access"))));
      assertThat(p).isEqualTo(new ClientPrincipal("alice", ClientId.of("acme"),
          Set.of(ClientRole.ADMINISTRATOR, ClientRole.SUPERVISOR), false));
    });
  }

  @Test
  void rolesMayBeOneStringAndTheDesignatedContactIsMarked_R_ACC_1() {
    Principal p = principals.of(jwt(Map.of("sub", "claire", "custodian_client", "globex",
        "roles", "USER, SUPER_ADMINISTRATOR", "designated_contact", true)));
    assertThat(p).isEqualTo(ClientPrincipal.designatedContact("claire", ClientId.of("globex"),
        ClientRole.USER, ClientRole.SUPER_ADMINISTRATOR));
    assertThat(principals.of(jwt(Map.of("sub", "dan", "custodian_client", "globex",
        "designated_contact", "false")))).isEqualTo(ClientPrincipal.of("dan", ClientId.of("globex")));
  }

  @Test
  void aStaffTokenMakesAProcessorPrincipal_R_ACC_1() {
    Authentication staff = jwt(Map.of("sub", "op-7", "processor_roles",
        List.of("OPERATOR", "PRIVACY_CONTACT", "ADMINISTRATOR")));
    assertThat(principals.of(staff)).isEqualTo(
        ProcessorPrincipal.of("op-7", ProcessorRole.OPERATOR, ProcessorRole.PRIVACY_CONTACT));
    assertThat(principals.staff(staff).roles())
        .containsExactlyInAnyOrder(ProcessorRole.OPERATOR, ProcessorRole.PRIVACY_CONTACT);
    assertThatThrownBy(() -> principals.clientUser(staff))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aClientUserIsNeverTakenForStaff_R_ACC_2() {
    Authentication user = jwt(Map.of("sub", "alice", "custodian_client", "acme",
        "roles", List.of("OPERATOR", "ADMINISTRATOR")));
    assertThat(principals.clientUser(user).roles()).containsExactly(ClientRole.ADMINISTRATOR);
    assertThatThrownBy(() -> principals.staff(user)).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void tokensThatAreNeitherKindAreRefusedWithoutEchoingTheirValues_R_ACC_2() {
    List<Map<String, Object>> refused = List.of(
        // both a client and staff roles
        Map.of("sub", "mallory", "custodian_client", "acme", "processor_roles", List.of("OPERATOR")),
        // neither
        Map.of("sub", "mallory", "roles", List.of("ADMINISTRATOR")),
        // no user id, or one too long
        Map.of("custodian_client", "acme", "roles", List.of("ADMINISTRATOR")),
        Map.of("sub", "m".repeat(129), "custodian_client", "acme"),
        // a client id that is not one
        Map.of("sub", "mallory", "custodian_client", "acme'; DROP TABLE calls; --"),
        Map.of("sub", "mallory", "custodian_client", List.of("acme", "globex")),
        // staff roles that name no processor role
        Map.of("sub", "mallory", "processor_roles", List.of("ADMINISTRATOR")));
    for (Map<String, Object> claims : refused) {
      assertThatThrownBy(() -> principals.of(jwt(claims)))
          .as("%s", claims.keySet())
          .isInstanceOf(AccessDeniedException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("mallory", "DROP", "mmmm"));
    }
  }

  @Test
  void nobodyAuthenticatedIsAnAuthenticationFailure() {
    Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
        .claim("custodian_client", "acme").build();
    Authentication notAuthenticated = new JwtAuthenticationToken(token);
    for (Authentication a : new Authentication[] {null, anonymous, notAuthenticated}) {
      assertThatThrownBy(() -> principals.of(a))
          .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }
    assertThatThrownBy(principals::current)
        .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
  }

  @Test
  void anAuthenticatedUserWithoutTokenClaimsIsRefused() {
    // A form login or a header-built user has no token the identity provider signed.
    Authentication password = UsernamePasswordAuthenticationToken.authenticated("alice", "n/a",
        AuthorityUtils.createAuthorityList("ROLE_ADMINISTRATOR"));
    assertThatThrownBy(() -> principals.of(password)).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void theCurrentRequestsUserIsReadFromTheSecurityContext() {
    SecurityContextHolder.getContext().setAuthentication(jwt(Map.of("sub", "alice",
        "custodian_client", "acme", "roles", List.of("ADMINISTRATOR"))));
    assertThat(principals.current())
        .isEqualTo(ClientPrincipal.of("alice", ClientId.of("acme"), ClientRole.ADMINISTRATOR));
  }

  @Test
  void anIntrospectedOpaqueTokenIsReadToo() {
    DefaultOAuth2AuthenticatedPrincipal introspected = new DefaultOAuth2AuthenticatedPrincipal(
        Map.of("sub", "bob", "custodian_client", "acme", "roles", List.of("USER")), List.of());
    Authentication a = new BearerTokenAuthentication(introspected,
        new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque",
            Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T10:00:00Z")),
        List.of());
    assertThat(principals.of(a))
        .isEqualTo(ClientPrincipal.of("bob", ClientId.of("acme"), ClientRole.USER));
  }

  @Test
  void claimNamesAreTheHostsToChoose() {
    runner.withPropertyValues("custodian.security.user-claim=preferred_username",
            "custodian.security.client-claim=tenant", "custodian.security.roles-claim=groups",
            "custodian.security.designated-contact-claim=dpo",
            "custodian.security.processor-roles-claim=staff_roles")
        .run(context -> {
          CustodianPrincipals bean = context.getBean(CustodianPrincipals.class);
          assertThat(bean.of(jwt(Map.of("sub", "ignored", "preferred_username", "alice",
              "tenant", "acme", "groups", List.of("ADMINISTRATOR"), "dpo", true))))
              .isEqualTo(ClientPrincipal.designatedContact("alice", ClientId.of("acme"),
                  ClientRole.ADMINISTRATOR));
          assertThat(bean.of(jwt(Map.of("preferred_username", "op-7",
              "staff_roles", List.of("SECURITY_TEAM")))))
              .isEqualTo(ProcessorPrincipal.of("op-7", ProcessorRole.SECURITY_TEAM));
          // The default names mean nothing any more.
          assertThatThrownBy(() -> bean.of(jwt(Map.of("sub", "alice",
              "custodian_client", "acme", "preferred_username", "alice"))))
              .isInstanceOf(AccessDeniedException.class);
        });
  }

  @Test
  void aBlankStaffClaimAcceptsNoStaffToken() {
    runner.withPropertyValues("custodian.security.processor-roles-claim=").run(context -> {
      CustodianPrincipals bean = context.getBean(CustodianPrincipals.class);
      assertThat(bean.claims().processorRoles()).isEmpty();
      assertThatThrownBy(() -> bean.of(jwt(Map.of("sub", "op-7",
          "processor_roles", List.of("OPERATOR"))))).isInstanceOf(AccessDeniedException.class);
      assertThat(bean.of(jwt(Map.of("sub", "alice", "custodian_client", "acme",
          "processor_roles", List.of("OPERATOR")))))
          .isEqualTo(ClientPrincipal.of("alice", ClientId.of("acme")));
    });
  }

  @Test
  void claimNamesThatCannotWorkStopStartUpNamingTheProperty() {
    String[][] cases = {
        {"custodian.security.client-claim= ", "custodian.security.client-claim"},
        {"custodian.security.user-claim=", "custodian.security.user-claim"},
        {"custodian.security.roles-claim=", "custodian.security.roles-claim"},
        {"custodian.security.client-claim=sub", "custodian.security.client-claim"},
        // Staff roles read from the client users' roles claim would make every user staff.
        {"custodian.security.processor-roles-claim=roles",
            "custodian.security.processor-roles-claim"},
    };
    for (String[] c : cases) {
      runner.withPropertyValues(c[0]).run(context -> {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure())
            .rootCause()
            .isInstanceOf(InvalidCustodianPropertyException.class)
            .satisfies(e -> assertThat(((InvalidCustodianPropertyException) e).property())
                .isEqualTo(c[1]));
      });
    }
  }

  @Test
  void theHostsOwnBeanWins() {
    runner.withUserConfiguration(OwnPrincipals.class).run(context -> {
      assertThat(context).hasSingleBean(CustodianPrincipals.class);
      assertThat(context.getBean(CustodianPrincipals.class).claims().client()).isEqualTo("org");
    });
  }

  @Test
  void withoutSpringSecurityNothingIsConfiguredAndCustodianStillStarts() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(Custodian.class);
          assertThat(context).doesNotHaveBean(CustodianPrincipals.class);
        });
  }

  @Test
  void custodianTurnedOffTurnsItOffToo() {
    runner.withPropertyValues("custodian.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(CustodianPrincipals.class);
    });
  }

  /** An authenticated resource-server user whose JWT carries {@code claims}. */
  private static Authentication jwt(Map<String, Object> claims) {
    Jwt.Builder token = Jwt.withTokenValue("token").header("alg", "RS256")
        .issuedAt(Instant.parse("2026-03-02T09:00:00Z"));
    claims.forEach(token::claim);
    return new JwtAuthenticationToken(token.build(), List.of());
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPrincipals {
    @Bean
    CustodianPrincipals hostPrincipals() {
      return new CustodianPrincipals(new CustodianPrincipals.ClaimNames("sub", "org", "roles", "",
          ""));
    }
  }
}
