package dev.custodian.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCustodianPropertyException} into Boot's start-up failure report: which
 * setting, why, and what to do. Registered in {@code META-INF/spring.factories}.
 */
class InvalidCustodianPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidCustodianPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCustodianPropertyException cause) {
    String description =
        "Custodian could not start: the setting '" + cause.property() + "' is invalid: "
            + cause.reason();
    String action =
        "Correct '" + cause.property() + "' in the application's configuration (application.yml,"
            + " application.properties or the environment), or remove it to use the default.";
    return new FailureAnalysis(description, action, cause);
  }
}
