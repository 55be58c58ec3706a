package dev.custodian.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;

/**
 * A {@link CustodianPrincipals} bean when Spring Security and its OAuth2 support are on the
 * classpath, reading the claims named by {@code custodian.security.*}. Without them nothing here
 * is configured and the rest of Custodian works as before.
 */
@AutoConfiguration(after = CustodianAutoConfiguration.class)
@ConditionalOnClass({Authentication.class, ClaimAccessor.class})
@ConditionalOnBooleanProperty(name = "custodian.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustodianSecurityProperties.class)
class CustodianSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CustodianPrincipals custodianPrincipals(CustodianSecurityProperties properties) {
    return new CustodianPrincipals(properties.claimNames());
  }
}
