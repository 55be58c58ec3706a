package dev.custodian.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CustodianSchemaMissingException} into Boot's start-up failure report: which
 * tables, and the two ways to create them. Registered in {@code META-INF/spring.factories}.
 */
class CustodianSchemaMissingFailureAnalyzer
    extends AbstractFailureAnalyzer<CustodianSchemaMissingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CustodianSchemaMissingException cause) {
    String description = "Custodian could not start: its tables " + cause.missingTables()
        + " are missing from the database (" + CustodianSchemaMissingException.PROPERTY + "="
        + cause.mode() + ").";
    String action = cause.ran()
        ? "Custodian ran its scripts (" + cause.location() + ") but cannot see the tables: check"
            + " that the DataSource's user may create and read tables in its default schema"
            + " (PostgreSQL: the first schema of its search_path)."
        : "Either set " + CustodianSchemaMissingException.PROPERTY + "=always so that Custodian creates"
            + " them at start-up (through Flyway with a history of its own, custodian_schema_history,"
            + " when Flyway is on the classpath), or run the scripts under " + cause.location()
            + " with your migration tool before starting the application.";
    return new FailureAnalysis(description, action, cause);
  }
}
