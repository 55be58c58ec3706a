package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The evidence tamper tests on a real H2. A missing server fails this class. */
class H2EvidenceTamperTest extends EvidenceTamperTests {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return db;
  }
}
