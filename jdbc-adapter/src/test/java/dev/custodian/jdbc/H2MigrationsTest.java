package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Custodian's schema migrations (Flyway, history of its own) on an in-memory H2. */
class H2MigrationsTest extends SchemaMigrations {
  @RegisterExtension
  static final TestDatabase host = TestDatabase.h2().empty();
  @RegisterExtension
  static final TestDatabase upgraded = TestDatabase.h2().empty();
  @RegisterExtension
  static final TestDatabase fresh = TestDatabase.h2().empty();
  @RegisterExtension
  static final TestDatabase legacy = TestDatabase.h2().empty();

  @Override
  TestDatabase host() {
    return host;
  }

  @Override
  TestDatabase upgraded() {
    return upgraded;
  }

  @Override
  TestDatabase fresh() {
    return fresh;
  }

  @Override
  TestDatabase legacy() {
    return legacy;
  }
}
