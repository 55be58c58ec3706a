package dev.custodian.spring;

import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Custodian's own tables at start-up as {@code custodian.schema.initialize} says: never,
 * only on an embedded database, or always. The shipped DDL is idempotent, so several nodes starting
 * together are safe. The stores depend on this bean, so no store is used before its table exists.
 */
public class CustodianSchemaInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(CustodianSchemaInitializer.class);

  private final boolean initialized;

  public CustodianSchemaInitializer(
      DataSource dataSource, Dialect dialect, CustodianProperties.SchemaInitialization mode) {
    boolean run = switch (mode) {
      case NEVER -> false;
      case ALWAYS -> true;
      case EMBEDDED -> isEmbedded(dataSource);
    };
    if (run) {
      CustodianSchema.createIfMissing(dataSource, dialect);
      LOG.info("Custodian's tables are in place ({} dialect)", dialect);
    } else {
      LOG.info("Custodian does not create its tables (custodian.schema.initialize={}): run the"
          + " scripts under {} with your migration tool", mode, CustodianSchema.flywayLocation(dialect));
    }
    this.initialized = run;
  }

  /** True if this start-up ran the DDL. */
  public boolean initialized() {
    return initialized;
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
