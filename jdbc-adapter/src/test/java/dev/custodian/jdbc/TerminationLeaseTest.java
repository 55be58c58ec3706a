package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.spi.WorkQueue;
import dev.custodian.termination.DirectoryArchiveSink;
import dev.custodian.termination.TerminationOptions;
import dev.custodian.termination.TerminationPhase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A termination case's lease is measured in the database's time, like the work queue's (issue 16,
 * finding 8): a node whose clock runs two hours ahead does not take over a case another node holds
 * while the database says the lease runs, and takes it over once the database says it ran out.
 */
class TerminationLeaseTest {
  private static final ClientId CLIENT = ClientId.of("acme-lease");
  private static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  private static final byte[] KEY = "a pseudonymisation key of 32+ bytes, for tests".getBytes();
  /** The case's lease unit, as the termination service names it. */
  private static final String JOB = "termination-lease:term-" + CLIENT.value();

  @Nested
  class OnPostgres extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgres();

    @Override
    TestDatabase db() {
      return db;
    }
  }

  @Nested
  class OnMariaDb extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
      return db;
    }
  }

  abstract static class Scenario {
    @TempDir
    Path dir;

    abstract TestDatabase db();

    Custodian node(Clock clock) {
      new HostTables(db()).create();
      return Custodian.builder().clock(clock)
          .stateStore(new JdbcStateStore(db().dataSource()))
          .evidenceStore(new JdbcEvidenceStore(db().dataSource()))
          .hostData(JdbcHostData.builder(db().dataSource(), HostTables.mapping()).build())
          .workQueue(new JdbcWorkQueue(db().dataSource()))
          .archiveSink(new DirectoryArchiveSink(dir.resolve("archives"), dir.resolve("keys")))
          .terminationOptions(TerminationOptions.DEFAULTS.withLease(Duration.ofMinutes(5)))
          .pseudonymizationKey(KEY)
          .build();
    }

    @Test
    void aNodeWhoseClockRunsAheadWaitsForTheLeaseInTheDatabasesTime() {
      Custodian opener = node(Clock.systemUTC());
      Instant terminationDate = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
      opener.terminations().open(OPERATOR, CLIENT, terminationDate, Set.of());
      // The choice window ended for the skewed node's clock: it would delete by default at once.
      Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
      Custodian skewed = node(ahead);

      // Another node holds the case, for a lease of 3 seconds of the database's time.
      JdbcWorkQueue queue = new JdbcWorkQueue(db().dataSource());
      queue.enqueue(JOB, List.of("case"));
      WorkQueue.WorkClaim held = queue.claim(JOB, "node-elsewhere", Duration.ofSeconds(3)).orElseThrow();
      assertThat(held.owner()).isEqualTo("node-elsewhere");

      skewed.terminations().runDue();
      assertThat(skewed.terminations().find(dev.custodian.client.SystemPrincipal.INSTANCE, CLIENT).orElseThrow().phase())
          .as("the case while another node's lease runs").isEqualTo(TerminationPhase.AWAITING_CHOICE);

      // Once the database's time passes the lease, the skewed node takes the case over.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
        skewed.terminations().runDue();
        return skewed.terminations().find(dev.custodian.client.SystemPrincipal.INSTANCE, CLIENT).orElseThrow().phase() != TerminationPhase.AWAITING_CHOICE;
      });
      assertThat(skewed.terminations().find(dev.custodian.client.SystemPrincipal.INSTANCE, CLIENT).orElseThrow().mode()).isNotNull();
      // It gave the lease back when it stopped: any node may take the case at once.
      assertThat(queue.claim(JOB, "node-third", Duration.ofSeconds(1))).isPresent();
    }
  }
}
