package dev.custodian.examples.guide;

import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A host's own tables for the guide's contract test (docs/guide/testing-your-host.md): {@code
 * call_log} with caller and callee numbers and {@code contact} with an e-mail and a user reference,
 * in an in-memory H2 database of each instance's own. {@link #load} writes the contract's records
 * into them the way the host's application would.
 */
final class OurTables {
  private final JdbcDataSource dataSource = new JdbcDataSource();
  private final Connection keepOpen;

  OurTables() {
    dataSource.setURL("jdbc:h2:mem:guide-" + UUID.randomUUID());
    try {
      keepOpen = dataSource.getConnection(); // an in-memory database lives while one connection does
      try (Statement s = keepOpen.createStatement()) {
        s.execute("CREATE TABLE call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, caller VARCHAR(32),"
            + " callee VARCHAR(32), restricted BOOLEAN DEFAULT FALSE NOT NULL)");
        s.execute("CREATE TABLE contact (id VARCHAR(40) PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, email VARCHAR(320),"
            + " user_ref VARCHAR(256), restricted BOOLEAN DEFAULT FALSE NOT NULL)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Empties both tables, then writes {@code records} into them. */
  void load(List<HostRecord> records) {
    try (Statement s = keepOpen.createStatement();
         PreparedStatement call = keepOpen.prepareStatement("INSERT INTO call_log"
             + " (id, client_id, started_at, caller, callee) VALUES (?, ?, ?, ?, ?)");
         PreparedStatement contact = keepOpen.prepareStatement("INSERT INTO contact"
             + " (id, client_id, updated_at, email, user_ref) VALUES (?, ?, ?, ?, ?)")) {
      s.execute("DELETE FROM call_log");
      s.execute("DELETE FROM contact");
      for (HostRecord r : records) {
        List<SubjectIdentifier> subjects = r.subjects().stream()
            .sorted(Comparator.comparing(SubjectIdentifier::value)).toList();
        boolean isCall = r.category().equals(CategoryId.CALL_LOG);
        PreparedStatement insert = isCall ? call : contact;
        insert.setString(1, r.id());
        insert.setString(2, r.client().value());
        insert.setObject(3, r.time().atOffset(ZoneOffset.UTC));
        insert.setString(4, isCall ? value(subjects, 0) : value(subjects, "email"));
        insert.setString(5, isCall ? value(subjects, 1) : value(subjects, "user"));
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean contains(CategoryId category, String id) {
    return restricted(category, id) != null;
  }

  boolean isRestricted(CategoryId category, String id) {
    return Boolean.TRUE.equals(restricted(category, id));
  }

  /** The record's restricted flag, or null if it is not stored. */
  private Boolean restricted(CategoryId category, String id) {
    String table = category.equals(CategoryId.CALL_LOG) ? "call_log" : "contact";
    try (PreparedStatement ps = keepOpen.prepareStatement(
        "SELECT restricted FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String value(List<SubjectIdentifier> subjects, int index) {
    return subjects.size() > index ? subjects.get(index).value() : null;
  }

  private static String value(List<SubjectIdentifier> subjects, String kind) {
    return subjects.stream().filter(s -> s.kind().equals(kind)).map(SubjectIdentifier::value)
        .findFirst().orElse(null);
  }
}
