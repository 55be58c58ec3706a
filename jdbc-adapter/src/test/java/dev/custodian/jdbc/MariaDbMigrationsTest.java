package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Custodian's schema migrations (Flyway, history of its own) on a real MariaDB. A missing server fails this class. */
class MariaDbMigrationsTest extends SchemaMigrations {
  @RegisterExtension
  static final TestDatabase host = TestDatabase.mariadb().empty();
  @RegisterExtension
  static final TestDatabase upgraded = TestDatabase.mariadb().empty();
  @RegisterExtension
  static final TestDatabase fresh = TestDatabase.mariadb().empty();
  @RegisterExtension
  static final TestDatabase legacy = TestDatabase.mariadb().empty();

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
