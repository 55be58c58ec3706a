package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The evidence tamper tests on a real MariaDB. A missing server fails this class. */
class MariaDbEvidenceTamperTest extends EvidenceTamperTests {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return db;
  }
}
