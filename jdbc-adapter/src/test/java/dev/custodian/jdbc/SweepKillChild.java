package dev.custodian.jdbc;

import dev.custodian.Custodian;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.SweepReport;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.Transactions;
import dev.custodian.testing.ForwardingHostData;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The node that {@link SweepKillTest} kills: a {@link Custodian} on the test's database that resumes
 * the stored sweep until it is finished. It names on standard output the moments a kill may land
 * on ({@code deleted}: a batch's rows are deleted, its evidence not yet written; {@code staged}:
 * the batch's evidence and checkpoint are written, not yet committed; {@code committed}), so the
 * test can kill it there without sleeping, and prints {@code FINISHED} when the plan is done.
 *
 * <p>Arguments: dialect ({@code POSTGRESQL} or {@code MARIADB}), JDBC URL, batch size, node name,
 * and optionally {@code partitioned}: the host's table is then {@link PartitionedCallLog}'s, swept
 * by whole partitions ({@link PartitionSweep#TRUNCATE}).
 */
public final class SweepKillChild {
  private static final PrintStream OUT = System.out;

  private SweepKillChild() {}

  public static void main(String[] args) throws Exception {
    Dialect dialect = Dialect.valueOf(args[0]);
    DataSource ds = dataSource(dialect, args[1]);
    int batch = Integer.parseInt(args[2]);
    String node = args[3];
    HostDataMapping mapping = args.length > 4 && args[4].equals("partitioned")
        ? PartitionedCallLog.mapping(PartitionSweep.TRUNCATE) : SweepKillTest.mapping();
    Transactions tx = new Said(new JdbcTransactions(ds, dialect));
    Custodian custodian = Custodian.builder()
        .clock(Clock.fixed(SweepKillTest.NOW, ZoneOffset.UTC))
        .stateStore(new JdbcStateStore(ds, dialect))
        .evidenceStore(new JdbcEvidenceStore(ds, dialect))
        .hostData(new Saying(JdbcHostData.builder(ds, mapping).dialect(dialect).build()))
        .workQueue(new JdbcWorkQueue(ds, dialect, JdbcWorkQueue.ClaimStrategy.AUTO))
        .transactions(tx)
        .sweepOptions(SweepOptions.defaults().withBatchSize(batch).withNode(node)
            .withLease(Duration.ofMinutes(10)))
        .pseudonymizationKey(SweepKillTest.KEY)
        .build();
    say("READY");
    while (true) {
      List<SweepReport> reports = custodian.retention().resumeUnfinished();
      if (reports.isEmpty() || reports.stream().allMatch(SweepReport::finished)) {
        break;
      }
    }
    say("FINISHED");
    OUT.flush();
  }

  static DataSource dataSource(Dialect dialect, String url) throws Exception {
    return switch (dialect) {
      case POSTGRESQL -> {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        yield ds;
      }
      case MARIADB -> new MariaDbDataSource(url);
      case H2 -> throw new IllegalArgumentException("the kill test runs on server databases");
    };
  }

  private static void say(String line) {
    OUT.println(line);
    OUT.flush();
  }

  /** Host data that says when a batch's rows are deleted (inside the batch's transaction). */
  private record Saying(HostData delegate) implements ForwardingHostData {
    @Override
    public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
      DeletionBatch b = delegate.deleteBatch(selection, afterKey, limit);
      say("deleted");
      return b;
    }

    @Override
    public GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit) {
      GroupDeletion b = delegate.deleteGroupBatch(selection, afterKey, limit);
      say("deleted");
      return b;
    }

    @Override
    public Optional<GroupDeletion> emptyPartition(GroupSelection selection, String partition) {
      Optional<GroupDeletion> b = delegate.emptyPartition(selection, partition);
      say("deleted");
      return b;
    }
  }

  /** Transactions that say when a unit's work is staged and when it has committed. */
  private record Said(Transactions delegate) implements Transactions {
    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
      T result = delegate.inOneTransaction(() -> {
        T r = work.get();
        say("staged");
        return r;
      });
      say("committed");
      return result;
    }

    @Override
    public boolean atomic() {
      return delegate.atomic();
    }
  }
}
