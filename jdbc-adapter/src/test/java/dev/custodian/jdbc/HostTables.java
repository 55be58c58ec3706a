package dev.custodian.jdbc;

import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * The host tables the contract fixture lives in, as a telephony backend would have them: {@code
 * call_log} (numeric id, zoned timestamp except on MariaDB, caller and callee phone numbers) and
 * {@code contact} (text id, naive UTC timestamp, e-mail and user id). Names are written unquoted,
 * so H2 stores them in upper case and PostgreSQL in lower case: the mapping must find them anyway.
 */
final class HostTables {
  private final TestDatabase db;
  private boolean created;

  HostTables(TestDatabase db) {
    this.db = db;
  }

  static HostDataMapping mapping() {
    return HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
            .subject("callee", SubjectKind.PHONE).restricted("restricted").build())
        .table(TableMapping.builder(CategoryId.CONTACT_MANUAL).table("contact").id("id")
            .client("client_id").time("updated_at").subject("email", SubjectKind.EMAIL)
            .subject("user_ref", SubjectKind.USER).restricted("restricted").build())
        .build();
  }

  void create() {
    if (created) {
      return;
    }
    String zoned = switch (db.dialect()) {
      case POSTGRESQL -> "TIMESTAMP WITH TIME ZONE";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(6) WITH TIME ZONE";
    };
    String naive = db.dialect() == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)";
    db.execute(
        "CREATE TABLE IF NOT EXISTS call_log (id BIGINT NOT NULL PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " started_at " + zoned + " NOT NULL, caller VARCHAR(32), callee VARCHAR(32),"
            + " duration_s INTEGER, restricted BOOLEAN DEFAULT FALSE NOT NULL)",
        "CREATE INDEX IF NOT EXISTS call_log_client_time ON call_log (client_id, started_at)",
        "CREATE INDEX IF NOT EXISTS call_log_caller ON call_log (caller)",
        "CREATE INDEX IF NOT EXISTS call_log_callee ON call_log (callee)",
        "CREATE TABLE IF NOT EXISTS contact (id VARCHAR(40) NOT NULL PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " updated_at " + naive + " NOT NULL, email VARCHAR(320), user_ref VARCHAR(256),"
            + " restricted BOOLEAN)",
        "CREATE INDEX IF NOT EXISTS contact_client_time ON contact (client_id, updated_at)");
    created = true;
  }

  /** Empties both tables and inserts {@code records}. */
  void load(List<HostRecord> records) {
    create();
    db.execute("DELETE FROM call_log", "DELETE FROM contact");
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement call = c.prepareStatement("INSERT INTO call_log (id, client_id,"
             + " started_at, caller, callee, duration_s) VALUES (?, ?, ?, ?, ?, ?)");
         PreparedStatement contact = c.prepareStatement("INSERT INTO contact (id, client_id,"
             + " updated_at, email, user_ref) VALUES (?, ?, ?, ?, ?)")) {
      for (HostRecord r : records) {
        List<SubjectIdentifier> s = r.subjects().stream()
            .sorted(Comparator.comparing(SubjectIdentifier::value)).toList();
        if (r.category().equals(CategoryId.CALL_LOG)) {
          call.setLong(1, Long.parseLong(r.id()));
          call.setString(2, r.client().value());
          bindZoned(call, 3, r.time());
          call.setString(4, s.size() > 0 ? s.get(0).value() : null);
          call.setString(5, s.size() > 1 ? s.get(1).value() : null);
          call.setInt(6, 60);
          call.addBatch();
        } else {
          contact.setString(1, r.id());
          contact.setString(2, r.client().value());
          contact.setObject(3, LocalDateTime.ofInstant(r.time(), ZoneOffset.UTC));
          contact.setString(4, s.stream().filter(i -> i.kind().equals("email"))
              .map(SubjectIdentifier::value).findFirst().orElse(null));
          contact.setString(5, s.stream().filter(i -> i.kind().equals("user"))
              .map(SubjectIdentifier::value).findFirst().orElse(null));
          contact.addBatch();
        }
      }
      call.executeBatch();
      contact.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot load the fixture: " + e.getMessage(), e);
    }
  }

  private void bindZoned(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (db.dialect() == Dialect.MARIADB) {
      ps.setObject(i, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    } else {
      ps.setObject(i, t.atOffset(ZoneOffset.UTC));
    }
  }

  private Object[] row(CategoryId category, String id) {
    boolean call = category.equals(CategoryId.CALL_LOG);
    String sql = call ? "SELECT restricted FROM call_log WHERE id = ?"
        : "SELECT restricted FROM contact WHERE id = ?";
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement(sql)) {
      if (call) {
        ps.setLong(1, Long.parseLong(id));
      } else {
        ps.setString(1, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Object[] {rs.getBoolean(1)} : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean contains(CategoryId category, String id) {
    return row(category, id) != null;
  }

  boolean isRestricted(CategoryId category, String id) {
    Object[] r = row(category, id);
    return r != null && (Boolean) r[0];
  }
}
