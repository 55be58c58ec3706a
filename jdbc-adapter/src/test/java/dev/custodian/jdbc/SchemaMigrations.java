package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Custodian's schema migrations on one database engine: beside a host whose own Flyway history is
 * at version 57 (test resources {@code dev/custodian/jdbc/host57}), from the first version to the
 * latest, and over tables made by {@link CustodianSchema#createIfMissing}. Each subclass registers
 * four empty databases of its engine.
 */
abstract class SchemaMigrations {
  static final String HOST_LOCATION = "classpath:dev/custodian/jdbc/host57";

  /** A host's schema: the host's 57 migrations, then Custodian's. */
  abstract TestDatabase host();

  /** Custodian's first version, then upgraded to the latest. */
  abstract TestDatabase upgraded();

  /** Custodian's latest version straight away. */
  abstract TestDatabase fresh();

  /** Custodian's tables made by createIfMissing (no history), then migrated by Flyway. */
  abstract TestDatabase legacy();

  static String latestVersion() {
    String last = CustodianSchema.SCRIPTS.get(CustodianSchema.SCRIPTS.size() - 1);
    return last.substring(1, last.indexOf("__"));
  }

  static Flyway hostFlyway(DataSource ds) {
    return Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(ds)
        .locations(HOST_LOCATION).load();
  }

  static Flyway custodianFlyway(TestDatabase db) {
    return CustodianMigrations.configure(db.dataSource(), db.dialect()).load();
  }

  @Test
  void aHostAtVersion57AndCustodianMigrateSideBySideEachInItsOwnHistory() throws SQLException {
    DataSource ds = host().dataSource();
    MigrateResult hostRun = hostFlyway(ds).migrate();
    assertThat(hostRun.migrationsExecuted).isEqualTo(57);
    assertThat(hostRun.targetSchemaVersion).isEqualTo("57");
    assertThat(CustodianSchema.missingTables(ds, host().dialect()))
        .containsExactlyElementsOf(CustodianSchema.tables(host().dialect()));

    CustodianMigrations.Outcome custodian = CustodianMigrations.migrate(ds);
    assertThat(custodian.scriptsApplied()).isEqualTo(CustodianSchema.SCRIPTS.size());
    assertThat(custodian.versionAfter()).isEqualTo(latestVersion());
    assertThat(CustodianSchema.missingTables(ds, host().dialect())).isEmpty();

    // Both histories intact and each only its own: the host's 57, Custodian's baseline and scripts.
    MigrationInfo[] hostHistory = hostFlyway(ds).info().applied();
    assertThat(hostHistory).hasSize(57);
    assertThat(Arrays.stream(hostHistory).map(i -> i.getVersion().getVersion()).toList())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 57).mapToObj(String::valueOf).toList());
    assertThat(Arrays.stream(hostHistory).allMatch(i -> i.getState().isApplied() && !i.getState().isFailed())).isTrue();
    assertThat(hostFlyway(ds).validateWithResult().validationSuccessful).isTrue();

    MigrationInfo[] ours = custodianFlyway(host()).info().applied();
    assertThat(ours[0].getVersion().getVersion()).isEqualTo("0");
    assertThat(ours[0].getDescription()).isEqualTo(CustodianMigrations.BASELINE_DESCRIPTION);
    assertThat(Arrays.stream(ours).skip(1).map(MigrationInfo::getScript).toList())
        .containsExactlyElementsOf(CustodianSchema.SCRIPTS);
    assertThat(custodianFlyway(host()).validateWithResult().validationSuccessful).isTrue();

    // Running either again changes nothing; the host's data is untouched.
    assertThat(hostFlyway(ds).migrate().migrationsExecuted).isZero();
    assertThat(CustodianMigrations.migrate(ds, host().dialect()).scriptsApplied()).isZero();
    assertThat(count(ds, "SELECT COUNT(*) FROM host_call")).isEqualTo(1);
    assertThat(tablesNamed(ds, "host_").size()).isEqualTo(56);
  }

  @Test
  void theFirstVersionUpgradedToTheLatestEqualsAFreshLatestSchema() throws SQLException {
    MigrateResult first = CustodianMigrations.configure(upgraded().dataSource(), upgraded().dialect())
        .target("1").load().migrate();
    assertThat(first.targetSchemaVersion).isEqualTo("1");
    assertThat(first.migrationsExecuted).isEqualTo(1);
    CustodianMigrations.Outcome upgrade = CustodianMigrations.migrate(upgraded().dataSource(), upgraded().dialect());
    assertThat(upgrade.versionAfter()).isEqualTo(latestVersion());
    assertThat(upgrade.scriptsApplied()).isEqualTo(CustodianSchema.SCRIPTS.size() - 1);

    CustodianMigrations.migrate(fresh().dataSource(), fresh().dialect());
    Map<String, String> freshShape = shape(fresh().dataSource());
    assertThat(freshShape.keySet()).containsAll(CustodianSchema.tables(fresh().dialect()).stream()
        .map(t -> "table " + t).toList());
    assertThat(shape(upgraded().dataSource())).isEqualTo(freshShape);
  }

  @Test
  void tablesMadeWithoutHistoryAreTakenOverAndEndAsAFreshSchema() throws SQLException {
    CustodianSchema.createIfMissing(legacy().dataSource(), legacy().dialect());
    CustodianMigrations.Outcome takeover = CustodianMigrations.migrate(legacy().dataSource(), legacy().dialect());
    assertThat(takeover.versionAfter()).isEqualTo(latestVersion());
    assertThat(custodianFlyway(legacy()).info().applied()[0].getVersion().getVersion()).isEqualTo("0");
    CustodianMigrations.migrate(fresh().dataSource(), fresh().dialect()); // idempotent
    assertThat(shape(legacy().dataSource())).isEqualTo(shape(fresh().dataSource()));
    assertThat(count(legacy().dataSource(), "SELECT COUNT(*) FROM custodian_evidence_head")).isEqualTo(1);
  }

  /** The scripts Flyway finds in the folder are exactly the list createIfMissing runs. */
  @Test
  void theListedScriptsAreTheScriptsFlywayFinds() {
    List<String> found = Arrays.stream(custodianFlyway(upgraded()).info().all())
        .filter(i -> i.getScript() != null && i.getScript().endsWith(".sql"))
        .map(MigrationInfo::getScript).toList();
    assertThat(found).containsExactlyElementsOf(CustodianSchema.SCRIPTS);
  }

  static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static TreeSet<String> tablesNamed(DataSource ds, String prefix) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = ds.getConnection();
         ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (name.startsWith(prefix)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /**
   * Custodian's tables as JDBC metadata shows them: columns (type, size, digits, nullability,
   * default), primary keys and indexes (an engine-named primary key index counts by its columns).
   */
  static Map<String, String> shape(DataSource ds) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      for (String table : tablesNamed(ds, "custodian_")) {
        if (table.equals(CustodianMigrations.HISTORY_TABLE)) {
          continue;
        }
        String stored = stored(meta, c, table);
        out.put("table " + table, "");
        try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), stored, "%")) {
          while (rs.next()) {
            out.put("column " + table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS")
                    + ") nullable=" + rs.getString("IS_NULLABLE") + " default=" + rs.getString("COLUMN_DEF")
                    + " position=" + rs.getInt("ORDINAL_POSITION"));
          }
        }
        try (ResultSet rs = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), stored)) {
          while (rs.next()) {
            out.put("pk " + table + "." + rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
        try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), stored, false, false)) {
          while (rs.next()) {
            String index = rs.getString("INDEX_NAME");
            if (index == null) {
              continue; // table statistics
            }
            String name = index.toLowerCase(Locale.ROOT);
            if (name.startsWith("primary_key") || name.equals("primary")) {
              name = "(primary key)";
            }
            out.put("index " + table + "." + name + "." + rs.getInt("ORDINAL_POSITION"),
                rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " unique=" + !rs.getBoolean("NON_UNIQUE"));
          }
        }
      }
    }
    return out;
  }

  /** The table's name as the engine stores it (H2 folds unquoted names to upper case). */
  private static String stored(DatabaseMetaData meta, Connection c, String table) throws SQLException {
    return meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
  }
}
