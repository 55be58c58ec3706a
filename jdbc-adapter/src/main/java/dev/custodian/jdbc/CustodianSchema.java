package dev.custodian.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Custodian's own tables ({@code custodian_state}, {@code custodian_evidence}, {@code
 * custodian_evidence_head}, {@code custodian_work_unit}), shipped as one versioned DDL file set per
 * dialect under {@code dev/custodian/jdbc/schema/<dialect>/} ({@code V1__custodian.sql}, ...).
 *
 * <p>Every statement is idempotent ({@code IF NOT EXISTS}), so a host may either run them through
 * {@link CustodianMigrations#migrate} (Flyway, with a history table of Custodian's own beside the
 * host's), or call {@link #createIfMissing(DataSource)} at start-up. This class runs the files in
 * version order and nothing more: it is not a migration tool and keeps no history table.
 *
 * <p>A change to Custodian's tables is always a new script {@code Vn__what.sql} in every dialect's
 * folder, added at the end of the {@code SCRIPTS} list; a shipped script never changes (Flyway checks
 * their checksums).
 */
public final class CustodianSchema {
  /**
   * The versioned scripts of every dialect, oldest first: the same names in every dialect's folder,
   * each one idempotent. Flyway finds them by scanning the folder; {@link #createIfMissing} and
   * {@link #missingTables} read this list.
   */
  static final List<String> SCRIPTS = List.of("V1__custodian.sql", "V2__evidence_integrity.sql");

  /** The table a {@code CREATE TABLE} statement names. */
  private static final Pattern CREATE_TABLE = Pattern.compile(
      "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?[`\"]?(\\w+)", Pattern.CASE_INSENSITIVE);

  private CustodianSchema() {}

  /** The classpath folder holding {@code dialect}'s scripts, e.g. {@code dev/custodian/jdbc/schema/h2}. */
  public static String resourceFolder(Dialect dialect) {
    return "dev/custodian/jdbc/schema/" + dialect.folder();
  }

  /** The Flyway location of {@code dialect}'s scripts: {@code classpath:} + {@link #resourceFolder}. */
  public static String flywayLocation(Dialect dialect) {
    return "classpath:" + resourceFolder(dialect);
  }

  /** The classpath resource names of {@code dialect}'s scripts, oldest first. */
  public static List<String> scripts(Dialect dialect) {
    return SCRIPTS.stream().map(s -> resourceFolder(dialect) + "/" + s).toList();
  }

  /** Creates whatever of Custodian's tables is missing, in the dialect detected from the database. */
  public static void createIfMissing(DataSource dataSource) {
    createIfMissing(dataSource, Dialect.detect(dataSource));
  }

  /**
   * Creates whatever of Custodian's tables is missing, running {@code dialect}'s scripts in
   * version order. Safe to call at every start-up and from several nodes.
   *
   * @throws CustodianJdbcException if a statement fails
   */
  public static void createIfMissing(DataSource dataSource, Dialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    for (String script : scripts(dialect)) {
      List<String> statements = statements(read(script));
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        for (String sql : statements) {
          s.execute(sql);
        }
      } catch (SQLException e) {
        throw new CustodianJdbcException("cannot create Custodian's tables from " + script, e);
      }
    }
  }

  /**
   * The tables that {@code dialect}'s scripts create and that the database behind {@code
   * dataSource} lacks, as the scripts name them; empty when every Custodian table is there. A
   * table counts as there when the connection's user can select from it unqualified (so a
   * PostgreSQL {@code search_path} is honoured).
   *
   * @throws CustodianJdbcException if the database cannot be reached
   */
  public static List<String> missingTables(DataSource dataSource, Dialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    List<String> missing = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (!autoCommit) {
        c.setAutoCommit(true); // a failed probe must not abort a PostgreSQL transaction
      }
      try {
        for (String table : tables(dialect)) {
          try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
          } catch (SQLException absent) {
            missing.add(table);
          }
        }
      } finally {
        if (!autoCommit) {
          c.setAutoCommit(false); // the pool's connection as it was lent
        }
      }
    } catch (SQLException e) {
      throw new CustodianJdbcException("cannot reach the database to look for Custodian's tables", e);
    }
    return List.copyOf(missing);
  }

  /** The tables {@code dialect}'s scripts create, in script order. */
  public static List<String> tables(Dialect dialect) {
    Set<String> out = new LinkedHashSet<>();
    for (String script : scripts(dialect)) {
      for (String sql : statements(read(script))) {
        Matcher m = CREATE_TABLE.matcher(sql);
        if (m.lookingAt()) {
          out.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The statements of a script: comment lines dropped, split at each {@code ;} that ends a line.
   * Custodian's own scripts hold no procedural code, so this simple rule suffices.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  static String read(String resource) {
    try (InputStream in = CustodianSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema script " + resource + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema script " + resource, e);
    }
  }
}
