package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An append that waits for the chain's head does not give up because the machine is slow (issue
 * 16 finding 7): on H2, whose own lock timeout is one second, an append blocked for longer is run
 * again until the store's wait has passed, and only then fails, saying so.
 */
class EvidenceAppendLockWaitTest {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  private static final EvidenceKey KEY =
      EvidenceKey.of("lock wait test key, 32 bytes long".getBytes(StandardCharsets.US_ASCII));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(60, TimeUnit.SECONDS);
  }

  /** Opens a transaction that holds the head row's lock until the connection commits. */
  private static Connection holdTheHead(DataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT id FROM custodian_evidence_head WHERE id = 1 FOR UPDATE").close();
    }
    return c;
  }

  @Test
  void anAppendWaitsPastTheDatabasesOwnLockTimeout() throws Exception {
    DataSource ds = db.freshDatabase();
    JdbcEvidenceStore store = new JdbcEvidenceStore(ds, Dialect.H2);
    EvidenceLog log = new EvidenceLog(store, CLOCK, KEY);
    CompletableFuture<EvidenceEntry> append;
    try (Connection holder = holdTheHead(ds)) {
      append = CompletableFuture.supplyAsync(
          () -> log.append(EvidenceRecord.of("test.waited", "system")), pool);
      // H2 gives up after its one-second lock timeout; the store must have tried again, and the
      // append must still be waiting, not failed.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (store.lockWaitsRetried() < 2 && System.nanoTime() < deadline) {
        assertThatThrownBy(() -> append.get(100, TimeUnit.MILLISECONDS))
            .as("the append neither failed nor passed the held lock")
            .isInstanceOf(TimeoutException.class);
      }
      assertThat(store.lockWaitsRetried()).isGreaterThanOrEqualTo(2);
      holder.commit();
    }
    EvidenceEntry e = append.get(60, TimeUnit.SECONDS);
    assertThat(e.sequence()).isEqualTo(1);
    assertThat(store.head()).contains(e);
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void anAppendGivesUpOnlyWhenItsOwnWaitHasPassed() throws Exception {
    DataSource ds = db.freshDatabase();
    JdbcEvidenceStore store = new JdbcEvidenceStore(ds, Dialect.H2, Duration.ZERO);
    EvidenceLog log = new EvidenceLog(store, CLOCK, KEY);
    try (Connection holder = holdTheHead(ds)) {
      CompletableFuture<EvidenceEntry> append = CompletableFuture.supplyAsync(
          () -> log.append(EvidenceRecord.of("test.gave_up", "system")), pool);
      assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS))
          .hasCauseInstanceOf(CustodianJdbcException.class)
          .cause().hasMessageContaining("waited 0 s for the chain's head and gave up");
      holder.rollback();
    }
    assertThat(store.head()).isEmpty();
    assertThat(store.lockWaitsRetried()).isZero();
  }

  @Test
  void lockTimeoutsAreRecognisedOnEveryDatabase() {
    assertThat(JdbcEvidenceStore.isLockTimeout(new SQLException("h2", "HYT00", 50200))).isTrue();
    assertThat(JdbcEvidenceStore.isLockTimeout(new SQLException("pg", "55P03"))).isTrue();
    assertThat(JdbcEvidenceStore.isLockTimeout(
        new CustodianJdbcException("x", new SQLException("mariadb", "HY000", 1205)))).isTrue();
    assertThat(JdbcEvidenceStore.isLockTimeout(new SQLException("dup", "23505"))).isFalse();
  }
}
