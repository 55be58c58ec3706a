package dev.custodian.spring;

import dev.custodian.jdbc.CustodianMigrations;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Brings Custodian's own tables into place at start-up as {@code custodian.schema.initialize} says
 * (never, only on an embedded database, or always), then checks that they are all there.
 *
 * <p>With Flyway on the classpath, the scripts run through {@link CustodianMigrations}: a history of
 * Custodian's own ({@code custodian_schema_history}) beside the host's, which is neither read nor
 * written, so the host's versions and Custodian's never collide and later Custodian versions upgrade
 * the tables. Without Flyway, {@link CustodianSchema#createIfMissing} runs the idempotent scripts.
 * Several nodes starting together are safe either way.
 *
 * <p>Whatever the mode, a missing Custodian table stops start-up with a {@link
 * CustodianSchemaMissingException} naming the tables, the scripts and the property, rather than
 * failing requests later. The stores depend on this bean, so no store is used before its table
 * exists.
 */
public class CustodianSchemaInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(CustodianSchemaInitializer.class);

  /** How the scripts are run. */
  public enum Runner {
    /** Through Flyway, with Custodian's own history table. */
    FLYWAY,
    /** By {@link CustodianSchema#createIfMissing}, with no history. */
    SCRIPTS;

    /** FLYWAY when Flyway is on the classpath, else SCRIPTS. */
    public static Runner detect(ClassLoader classLoader) {
      return ClassUtils.isPresent("org.flywaydb.core.Flyway", classLoader) ? FLYWAY : SCRIPTS;
    }
  }

  private final boolean initialized;
  private final Runner runner;

  /** Runs the scripts through Flyway when it is on the classpath, else through the idempotent scripts. */
  public CustodianSchemaInitializer(
      DataSource dataSource, Dialect dialect, CustodianProperties.SchemaInitialization mode) {
    this(dataSource, dialect, mode, Runner.detect(CustodianSchemaInitializer.class.getClassLoader()));
  }

  /**
   * Brings the tables into place with {@code runner} if {@code mode} says so, then checks them.
   *
   * @throws CustodianSchemaMissingException if a Custodian table is still missing
   */
  public CustodianSchemaInitializer(DataSource dataSource, Dialect dialect,
      CustodianProperties.SchemaInitialization mode, Runner runner) {
    boolean run = switch (mode) {
      case NEVER -> false;
      case ALWAYS -> true;
      case EMBEDDED -> isEmbedded(dataSource);
    };
    if (run && runner == Runner.FLYWAY) {
      CustodianMigrations.Outcome outcome = CustodianMigrations.migrate(dataSource, dialect);
      LOG.info("Custodian's tables are at version {} ({} dialect, {} script(s) applied, history in {})",
          outcome.versionAfter(), dialect, outcome.scriptsApplied(), CustodianMigrations.HISTORY_TABLE);
    } else if (run) {
      CustodianSchema.createIfMissing(dataSource, dialect);
      LOG.info("Custodian's tables are in place ({} dialect)", dialect);
    } else {
      LOG.info("Custodian does not create its tables (custodian.schema.initialize={}): run the"
          + " scripts under {} with your migration tool", mode.name().toLowerCase(Locale.ROOT),
          CustodianSchema.flywayLocation(dialect));
    }
    List<String> missing = CustodianSchema.missingTables(dataSource, dialect);
    if (!missing.isEmpty()) {
      throw new CustodianSchemaMissingException(missing, dialect, mode, run);
    }
    this.initialized = run;
    this.runner = runner;
  }

  /** True if this start-up ran the scripts. */
  public boolean initialized() {
    return initialized;
  }

  /** How the scripts are (or would be) run. */
  public Runner runner() {
    return runner;
  }

  /** An in-process engine (H2, HSQLDB, Derby) that no other server shares. */
  static boolean isEmbedded(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
      String url = meta.getURL() == null ? "" : meta.getURL().toLowerCase(Locale.ROOT);
      boolean engine = product.contains("h2") || product.contains("hsql") || product.contains("derby");
      boolean server = url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")
          || url.startsWith("jdbc:hsqldb:hsql:") || url.startsWith("jdbc:hsqldb:http:")
          || url.startsWith("jdbc:derby://");
      return engine && !server;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's metadata", e);
    }
  }
}
