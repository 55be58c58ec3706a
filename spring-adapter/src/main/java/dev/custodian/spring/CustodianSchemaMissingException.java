package dev.custodian.spring;

import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import java.util.List;
import java.util.Locale;

/**
 * Custodian's tables are not all in the database at start-up: the application does not start, so
 * that no request fails later on a missing table. The message names the tables, the scripts that
 * create them and the property that would run them; no data is in it.
 */
public class CustodianSchemaMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The property that decides whether Custodian creates its tables. */
  public static final String PROPERTY = "custodian.schema.initialize";

  private final List<String> missingTables;
  private final String location;
  private final String mode;
  private final boolean ran;

  CustodianSchemaMissingException(List<String> missingTables, Dialect dialect,
      CustodianProperties.SchemaInitialization mode, boolean ran) {
    super("Custodian's tables " + missingTables + " are missing from the database"
        + (ran ? " after its scripts ran" : "") + " (" + PROPERTY + "="
        + mode.name().toLowerCase(Locale.ROOT) + "): the scripts "
        + CustodianSchema.scripts(dialect).stream().map(s -> s.substring(s.lastIndexOf('/') + 1)).toList()
        + " under " + CustodianSchema.flywayLocation(dialect) + " create them");
    this.missingTables = List.copyOf(missingTables);
    this.location = CustodianSchema.flywayLocation(dialect);
    this.mode = mode.name().toLowerCase(Locale.ROOT);
    this.ran = ran;
  }

  /** The missing tables, as the scripts name them. */
  public List<String> missingTables() {
    return missingTables;
  }

  /** The classpath location of the scripts that create them. */
  public String location() {
    return location;
  }

  /** The value of {@value #PROPERTY} at start-up. */
  public String mode() {
    return mode;
  }

  /** True if Custodian ran its scripts at this start-up (so they did not reach the tables it reads). */
  public boolean ran() {
    return ran;
  }
}
