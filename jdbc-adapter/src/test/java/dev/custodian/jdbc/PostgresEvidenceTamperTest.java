package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The evidence tamper tests on a real Postgres. A missing server fails this class. */
class PostgresEvidenceTamperTest extends EvidenceTamperTests {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return db;
  }
}
