package dev.custodian.spring;

import java.util.Set;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCustodianPropertyException} into Boot's start-up failure report: which
 * setting, why, and what to do. The action fits the setting: "remove it to use the default" only
 * where there is a default. Registered in {@code META-INF/spring.factories}.
 */
class InvalidCustodianPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidCustodianPropertyException> {
  private static final String WHERE =
      " in the application's configuration (application.yml, application.properties or the"
          + " environment)";
  /** The settings that have a default (see {@link CustodianProperties}). */
  static final Set<String> DEFAULTED = Set.of(
      "custodian.client-zone",
      "custodian.instructing-roles.roles",
      "custodian.instructing-roles.designated-contact",
      "custodian.subject-requests.notification-delay",
      "custodian.subject-requests.escalation-delay",
      "custodian.schema.initialize",
      "custodian.sweep.cron",
      "custodian.sweep.zone",
      "custodian.sweep.batch-size",
      "custodian.sweep.lease",
      "custodian.sweep.overdue-check-interval",
      "custodian.health.evidence-verification-interval");

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCustodianPropertyException cause) {
    String description =
        "Custodian could not start: the setting '" + cause.property() + "' is invalid: "
            + cause.reason();
    return new FailureAnalysis(description, cause.action().orElseGet(() -> action(cause.property())),
        cause);
  }

  /** The advice for a setting, when the failure gives none of its own. */
  static String action(String property) {
    String correct = "Correct '" + property + "'" + WHERE;
    if (DEFAULTED.contains(property)) {
      return correct + ", or remove it to use the default.";
    }
    if (property.equals("custodian.pseudonymization-key")) {
      return "Set '" + property + "' to at least 32 random bytes from the processor's secret"
          + " store (plain text, or base64: followed by Base64, e.g. from 'openssl rand -base64"
          + " 32'), and make sure the variable it reads is set; it has no default while Custodian"
          + " keeps its state in a database, and must stay the same from one start to the next.";
    }
    if (property.equals("custodian.pseudonymization-key-rotation.previous")) {
      return correct + ": it must be the key Custodian ran with until now, given for one start"
          + " only; remove it once the rotation is done.";
    }
    if (property.startsWith("custodian.retention.categories")) {
      return correct + ", or remove it to keep the shipped schedule's rule for that category.";
    }
    if (property.startsWith("custodian.host-data")) {
      return correct + ": it has no default; each mapping names a category of the retention"
          + " schedule and an existing table of the host's with its columns.";
    }
    return correct + ".";
  }
}
