package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's store contracts against a real PostgreSQL. A missing server fails this class. */
class PostgresContractsTest extends StoreContracts {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.POSTGRESQL;
  }
}
