package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.spi.HostData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client-id case on MariaDB with the server's default collation ({@code utf8mb4_general_ci}, as
 * most hosts run it): the binding refuses the case-insensitive client and user columns, naming
 * each and the statement that fixes it; once fixed, the contract holds. The phone column stays
 * case-insensitive: normalised numbers compare exactly under any collation.
 */
class MariaDbClientCaseTest extends ClientCaseContracts {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.mariadbServerDefaultCollation();

  @Override
  TestDatabase database() {
    return db;
  }

  private String schema() {
    try (Connection c = db.dataSource().getConnection()) {
      return c.getCatalog();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  HostData bind() {
    String fixClient = Collations.mariadbFix(schema(), "case_log", "client_id", "varchar(64)",
        "utf8mb4", true);
    assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client column \"client_id\" of \"case_log\"")
        .hasMessageContaining("collation utf8mb4_general_ci")
        .hasMessageContaining(fixClient);
    db.execute(fixClient);
    String fixUser = Collations.mariadbFix(schema(), "case_log", "user_ref", "varchar(256)",
        "utf8mb4", false);
    assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject column \"user_ref\"")
        .hasMessageContaining(fixUser);
    db.execute(fixUser);
    return builder().build();
  }

  @Test
  void theServerDefaultCollationIsCaseInsensitive() throws SQLException {
    try (Connection c = db.dataSource().getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT @@collation_database, 'acme' = 'ACME'")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotEndWith("_bin");
      assertThat(rs.getBoolean(2)).as("the database compares without regard to case").isTrue();
    }
  }

  @Test
  void custodiansOwnTablesAreBinaryInACaseInsensitiveDatabase() throws SQLException {
    List<String> inexact = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT TABLE_NAME, COLUMN_NAME,"
             + " COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
             + " AND TABLE_NAME LIKE 'custodian%' AND COLLATION_NAME IS NOT NULL")) {
      int text = 0;
      while (rs.next()) {
        text++;
        if (!rs.getString(3).endsWith("_bin")) {
          inexact.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
        }
      }
      assertThat(text).isGreaterThan(5);
    }
    assertThat(inexact).isEmpty();
  }
}
