package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.contract.EvidenceStoreContract;
import dev.custodian.contract.HostDataContract;
import dev.custodian.contract.StateStoreContract;
import dev.custodian.contract.WorkQueueContract;
import dev.custodian.terms.CategoryId;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Core's store contracts against one real database (a database of the test class's own, created
 * from the shipped DDL); each dialect's test class names its database. A missing server fails it.
 */
abstract class StoreContracts {

  /** The database under test, registered as an extension by the concrete class. */
  abstract TestDatabase database();

  /** The dialect its JDBC product name must be detected as. */
  abstract Dialect expectedDialect();

  @Test
  void dialectIsDetectedFromTheProductName() {
    assertThat(Dialect.detect(database().dataSource())).isEqualTo(expectedDialect());
  }

  @Test
  void theSchemaScriptsCanRunAgain() {
    CustodianSchema.createIfMissing(database().dataSource());
    CustodianSchema.createIfMissing(database().dataSource(), database().dialect());
    assertThat(new JdbcEvidenceStore(database().dataSource()).head()).isNotNull();
  }

  @Nested
  class StateStoreTest extends StateStoreContract {
    @Override
    protected StateStore createStore() {
      return new JdbcStateStore(database().dataSource(), database().dialect());
    }
  }

  @Nested
  class EvidenceStoreTest extends EvidenceStoreContract {
    @Override
    protected EvidenceStore createEmptyStore() {
      // A database of this test's own: nothing a failed earlier test left can leak in.
      return new JdbcEvidenceStore(database().freshDatabase(), database().dialect());
    }
  }

  @Nested
  class WorkQueueSkipLockedTest extends WorkQueueContract {
    @Override
    protected WorkQueue createQueue() {
      JdbcWorkQueue q = new JdbcWorkQueue(database().dataSource(), database().dialect(),
          JdbcWorkQueue.ClaimStrategy.AUTO);
      assertThat(q.usesSkipLocked()).isTrue();
      return q;
    }
  }

  @Nested
  class WorkQueueOptimisticTest extends WorkQueueContract {
    @Override
    protected WorkQueue createQueue() {
      return new JdbcWorkQueue(database().dataSource(), database().dialect(), JdbcWorkQueue.ClaimStrategy.OPTIMISTIC);
    }
  }

  @Nested
  class HostDataTest extends HostDataContract {
    private final HostTables tables = new HostTables(database());

    @Override
    protected HostData createHostData(List<HostRecord> records) {
      tables.load(records);
      return JdbcHostData.builder(database().dataSource(), HostTables.mapping()).fetchSize(7).build();
    }

    @Override
    protected boolean contains(CategoryId category, String id) {
      return tables.contains(category, id);
    }

    @Override
    protected boolean isRestricted(CategoryId category, String id) {
      return tables.isRestricted(category, id);
    }
  }
}
