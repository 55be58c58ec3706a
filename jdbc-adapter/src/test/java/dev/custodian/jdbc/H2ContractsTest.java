package dev.custodian.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's store contracts against a real H2. A missing server fails this class. */
class H2ContractsTest extends StoreContracts {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return db;
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.H2;
  }
}
