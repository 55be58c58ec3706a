package dev.custodian.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Custodian's own tables ({@code custodian_state}, {@code custodian_evidence}, {@code
 * custodian_evidence_head}, {@code custodian_work_unit}), shipped as one versioned DDL file set per
 * dialect under {@code dev/custodian/jdbc/schema/<dialect>/} ({@code V1__custodian.sql}, ...).
 *
 * <p>Every statement is idempotent ({@code IF NOT EXISTS}), so a host may either point Flyway or
 * Liquibase at {@link #flywayLocation(Dialect)}, or call {@link #createIfMissing(DataSource)} at
 * start-up. This class runs the files in version order and nothing more: it is not a migration
 * tool and keeps no history table.
 */
public final class CustodianSchema {
  /** The versioned scripts of every dialect, oldest first. */
  static final List<String> SCRIPTS = List.of("V1__custodian.sql", "V2__evidence_integrity.sql");

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
