package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Custodian's schema migrations (Flyway, history of its own) on a real PostgreSQL. A missing server fails this class. */
class PostgresMigrationsTest extends SchemaMigrations {
  @RegisterExtension
  static final TestDatabase host = TestDatabase.postgres().empty();
  @RegisterExtension
  static final TestDatabase upgraded = TestDatabase.postgres().empty();
  @RegisterExtension
  static final TestDatabase fresh = TestDatabase.postgres().empty();
  @RegisterExtension
  static final TestDatabase legacy = TestDatabase.postgres().empty();

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
