package dev.custodian.examples.boot;

import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.spring.CustodianPrincipals;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call the sample: every API call carries a bearer token (a JWT) that the operator's
 * identity provider signed, checked by Spring Security's resource server against the issuer set
 * in {@code spring.security.oauth2.resourceserver.jwt.*}. The caller's Custodian principal is then
 * read from the token's claims by {@link CustodianPrincipals} (client users: {@code sub}, {@code
 * custodian_client}, {@code roles}; staff: {@code sub}, {@code processor_roles}); no request
 * header, path or body says who the caller is.
 *
 * <p>Only {@code /actuator/health} is open, for probes: it shows counts, never personal data.
 * The other actuator endpoints are for the processor's operators. Stateless: no session, no
 * cookie, so no CSRF token is needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SampleSecurity {

  @Bean
  SecurityFilterChain api(HttpSecurity http, CustodianPrincipals principals) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
            .requestMatchers("/actuator/**").access((authentication, context) ->
                new AuthorizationDecision(isOperator(principals, authentication.get())))
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  private static boolean isOperator(CustodianPrincipals principals, Authentication a) {
    try {
      return principals.of(a) instanceof ProcessorPrincipal p
          && p.hasRole(ProcessorRole.OPERATOR);
    } catch (AuthenticationException | AccessDeniedException e) {
      return false;
    }
  }
}
