package dev.custodian.examples.demo;

import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The demo operator's database: an embedded H2 file in the demo's folder holding the operator's
 * own telephony tables (see {@code telephony.sql}) and, beside them, Custodian's tables.
 */
public final class DemoDatabase {
  /** Which of the operator's tables holds each category of the demo. */
  public static final Map<CategoryId, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put(CategoryId.CALL_LOG, "call_log");
    TABLES.put(CategoryId.CALL_RECORDING, "call_recording");
    TABLES.put(CategoryId.TRANSCRIPTION, "transcription");
    TABLES.put(CategoryId.SMS_LOG, "sms_log");
    TABLES.put(CategoryId.SMS_CONTENT, "sms_content");
    TABLES.put(CategoryId.CONTACT_MANUAL, "contact");
    TABLES.put(CategoryId.WEBHOOK_LOG, "webhook_log");
  }

  /** The database's user (no password): the operator's commands need {@code --user sa}. */
  public static final String USER = "sa";

  private final String url;
  private final JdbcDataSource dataSource;

  /** The database {@code custodian} in {@code folder} (created on first use). */
  public DemoDatabase(Path folder) {
    this.url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("custodian");
    this.dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    dataSource.setUser(USER);
    dataSource.setPassword("");
  }

  /** The JDBC URL, for the operator's commands (plan, verify-evidence). */
  public String url() {
    return url;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Creates the operator's telephony tables if missing. */
  public void createTelephonyTables() {
    String ddl;
    try (InputStream in = DemoDatabase.class.getResourceAsStream("telephony.sql")) {
      if (in == null) {
        throw new IllegalStateException("telephony.sql is missing from the jar");
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements(ddl)) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the demo's tables: " + e.getMessage(), e);
    }
  }

  /** Inserts the records into their tables, in one transaction. */
  public void insert(List<HostRecord> records) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (HostRecord r : records) {
        String table = TABLES.get(r.category());
        if (table == null) {
          throw new IllegalArgumentException("the demo has no table for " + r.category());
        }
        List<String> columns = new ArrayList<>(r.fields().keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
            + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int i = 0; i < columns.size(); i++) {
            Object v = r.fields().get(columns.get(i));
            if (columns.get(i).endsWith("_at") && v instanceof String s) {
              v = OffsetDateTime.ofInstant(Instant.parse(s), ZoneOffset.UTC);
            }
            ps.setObject(i + 1, v);
          }
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot load the demo's data: " + e.getMessage(), e);
    }
  }

  /** How many rows a table of the operator holds. */
  public long rows(String table) {
    if (!TABLES.containsValue(table)) {
      throw new IllegalArgumentException("not a demo table: " + table);
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table + ": " + e.getMessage(), e);
    }
  }

  /**
   * True if any of Custodian's own tables (state and evidence) holds {@code text} anywhere: for
   * checking that a secret or an identifier is not kept in clear.
   */
  public boolean contains(String text) {
    String sql = "SELECT (SELECT COUNT(*) FROM custodian_state WHERE body LIKE ?)"
        + " + (SELECT COUNT(*) FROM custodian_evidence WHERE details LIKE ? OR basis LIKE ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      String pattern = "%" + text + "%";
      ps.setString(1, pattern);
      ps.setString(2, pattern);
      ps.setString(3, pattern);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot search Custodian's tables: " + e.getMessage(), e);
    }
  }

  private static List<String> statements(String script) {
    StringBuilder kept = new StringBuilder();
    script.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> kept.append(l).append('\n'));
    List<String> out = new ArrayList<>();
    for (String s : kept.toString().split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
