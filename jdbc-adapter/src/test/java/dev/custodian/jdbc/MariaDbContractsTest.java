package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's store contracts against a real MariaDB. A missing server fails this class. */
class MariaDbContractsTest extends StoreContracts {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.MARIADB;
  }
}
