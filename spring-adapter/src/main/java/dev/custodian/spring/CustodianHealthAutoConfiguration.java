package dev.custodian.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code custodian} health indicator, when Spring Boot's health support is on the classpath;
 * {@code management.health.custodian.enabled=false} turns it off.
 */
@AutoConfiguration(after = CustodianAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CustodianMonitor.class)
class CustodianHealthAutoConfiguration {

  // On the method, not the class: the condition's own class lives in spring-boot-health, which
  // the class-level @ConditionalOnClass must have found first.
  @Bean
  @ConditionalOnEnabledHealthIndicator("custodian")
  @ConditionalOnMissingBean(name = "custodianHealthIndicator")
  CustodianHealthIndicator custodianHealthIndicator(CustodianMonitor monitor) {
    return new CustodianHealthIndicator(monitor);
  }
}
