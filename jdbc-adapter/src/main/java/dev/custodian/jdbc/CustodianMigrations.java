package dev.custodian.jdbc;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Custodian's schema scripts run by Flyway through a history of their own, {@value
 * #HISTORY_TABLE}, beside the host's: the host's {@code flyway_schema_history} (or Liquibase's
 * tables) is neither read nor written, so Custodian's {@code V1}, {@code V2}... never collide with
 * the host's versions, and the host can be at any version of its own.
 *
 * <p>The first run on a database that already holds the host's tables records a baseline at
 * version {@code 0} ({@value #BASELINE_DESCRIPTION}) and then applies every Custodian script; a
 * database whose Custodian tables were made by {@link CustodianSchema#createIfMissing} is taken
 * over the same way (the scripts are idempotent). Every later DDL change of Custodian ships as a new
 * {@code Vn__*.sql} under {@link CustodianSchema#flywayLocation}, applied in order by the next
 * {@link #migrate}. Several nodes may migrate at once: Flyway locks its history table.
 *
 * <p>Needs {@code org.flywaydb:flyway-core} (and, for PostgreSQL and MariaDB/MySQL, {@code
 * flyway-database-postgresql} or {@code flyway-mysql}) on the classpath; {@code custodian-jdbc}
 * declares them optional. Without Flyway, {@link CustodianSchema#createIfMissing} does the same job
 * with no history.
 */
public final class CustodianMigrations {
  /** The table of Custodian's own schema history, in the host's schema. */
  public static final String HISTORY_TABLE = "custodian_schema_history";

  /** The description of the baseline recorded on a database that has tables already. */
  public static final String BASELINE_DESCRIPTION = "<< before Custodian >>";

  private CustodianMigrations() {}

  /**
   * What a migration did: Custodian's schema version before ({@code null} when it had no history)
   * and after, and how many scripts ran.
   */
  public record Outcome(String versionBefore, String versionAfter, int scriptsApplied) {}

  /**
   * Brings Custodian's tables to the latest version of this library, in the dialect detected from
   * the database.
   *
   * @throws org.flywaydb.core.api.FlywayException if a script fails or the history disagrees
   *     with the shipped scripts (a changed or missing script)
   */
  public static Outcome migrate(DataSource dataSource) {
    return migrate(dataSource, Dialect.detect(dataSource));
  }

  /**
   * Brings Custodian's tables to the latest version of this library, running {@code dialect}'s
   * scripts that its history does not have yet.
   *
   * @throws org.flywaydb.core.api.FlywayException if a script fails or the history disagrees
   *     with the shipped scripts (a changed or missing script)
   */
  public static Outcome migrate(DataSource dataSource, Dialect dialect) {
    Flyway flyway = configure(dataSource, dialect).load();
    MigrateResult result = flyway.migrate();
    MigrationInfo current = flyway.info().current();
    return new Outcome(result.initialSchemaVersion,
        current == null ? null : current.getVersion().getVersion(), result.migrationsExecuted);
  }

  /**
   * Flyway's configuration for Custodian's scripts, for a host that wants to add to it (a target
   * version, callbacks, a schema): its own history table {@value #HISTORY_TABLE}, a baseline at
   * {@code 0} on a schema that is not empty, {@code dialect}'s location, no placeholders, no clean.
   * Keep the table, the baseline and the locations as they are.
   */
  public static FluentConfiguration configure(DataSource dataSource, Dialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    return Flyway.configure(CustodianMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription(BASELINE_DESCRIPTION)
        .locations(CustodianSchema.flywayLocation(dialect))
        .failOnMissingLocations(true)
        .placeholderReplacement(false)
        .validateMigrationNaming(true)
        .cleanDisabled(true);
  }
}
