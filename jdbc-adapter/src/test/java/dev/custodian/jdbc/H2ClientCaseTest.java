package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.spi.HostData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client-id case on H2; a {@code VARCHAR_IGNORECASE} column is refused. */
class H2ClientCaseTest extends ClientCaseContracts {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  HostData bind() {
    return builder().build();
  }

  @Test
  void anIgnoreCaseClientColumnIsRefused() {
    db.execute("ALTER TABLE case_log ALTER COLUMN client_id SET DATA TYPE VARCHAR_IGNORECASE(64)");
    assertThatThrownBy(this::bind).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client column \"CLIENT_ID\"")
        .hasMessageContaining("type VARCHAR_IGNORECASE")
        .hasMessageContaining("SET DATA TYPE VARCHAR(64)");
  }
}
