package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.contract.EvidenceStoreContract;
import dev.custodian.contract.HostDataContract;
import dev.custodian.contract.StateStoreContract;
import dev.custodian.contract.WorkQueueContract;
import dev.custodian.retention.CategoryId;
import dev.custodian.spi.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's store contracts against a real MariaDb (a database of this class's own, created from the
 * shipped DDL). A missing server fails this class.
 */
class MariaDbContractsTest {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.mariadb();

  @Test
  void dialectIsDetectedFromTheProductName() {
    assertThat(Dialect.detect(db.dataSource())).isEqualTo(Dialect.MARIADB);
  }

  @Test
  void theSchemaScriptsCanRunAgain() {
    CustodianSchema.createIfMissing(db.dataSource());
    CustodianSchema.createIfMissing(db.dataSource(), db.dialect());
    assertThat(new JdbcEvidenceStore(db.dataSource()).head()).isNotNull();
  }

  @Nested
  class StateStoreTest extends StateStoreContract {
    @Override
    protected StateStore createStore() {
      return new JdbcStateStore(db.dataSource(), db.dialect());
    }
  }

  @Nested
  class EvidenceStoreTest extends EvidenceStoreContract {
    @Override
    protected EvidenceStore createEmptyStore() {
      db.execute("DELETE FROM custodian_evidence");
      return new JdbcEvidenceStore(db.dataSource(), db.dialect());
    }
  }

  @Nested
  class WorkQueueSkipLockedTest extends WorkQueueContract {
    @Override
    protected WorkQueue createQueue() {
      JdbcWorkQueue q = new JdbcWorkQueue(db.dataSource(), db.dialect(),
          JdbcWorkQueue.ClaimStrategy.AUTO);
      assertThat(q.usesSkipLocked()).isTrue();
      return q;
    }
  }

  @Nested
  class WorkQueueOptimisticTest extends WorkQueueContract {
    @Override
    protected WorkQueue createQueue() {
      return new JdbcWorkQueue(db.dataSource(), db.dialect(), JdbcWorkQueue.ClaimStrategy.OPTIMISTIC);
    }
  }

  @Nested
  class HostDataTest extends HostDataContract {
    private final HostTables tables = new HostTables(db);

    @Override
    protected HostData createHostData(List<HostRecord> records) {
      tables.load(records);
      return JdbcHostData.builder(db.dataSource(), HostTables.mapping()).fetchSize(7).build();
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
