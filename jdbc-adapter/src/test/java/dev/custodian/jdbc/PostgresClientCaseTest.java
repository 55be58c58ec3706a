package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.spi.HostData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client-id case on PostgreSQL; a {@code citext} or non-deterministic column is refused. */
class PostgresClientCaseTest extends ClientCaseContracts {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  HostData bind() {
    return builder().build();
  }

  @Test
  void aCaseInsensitiveCollationOnTheClientColumnIsRefused() {
    db.execute("CREATE COLLATION IF NOT EXISTS " + "case_blind"
        + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
        "ALTER TABLE case_log ALTER COLUMN client_id TYPE VARCHAR(64) COLLATE case_blind");
    assertThatThrownBy(this::bind).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client column \"client_id\"")
        .hasMessageContaining("non-deterministic collation case_blind")
        .hasMessageContaining("ALTER COLUMN \"client_id\" TYPE character varying(64) COLLATE \"default\"");
  }

  @Test
  void aCitextSubjectColumnIsRefused() {
    db.execute("CREATE EXTENSION IF NOT EXISTS citext",
        "ALTER TABLE case_log ALTER COLUMN user_ref TYPE citext");
    assertThatThrownBy(this::bind).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject column \"user_ref\"")
        .hasMessageContaining("type citext");
  }
}
