package dev.custodian.jdbc;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.HostData;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import dev.custodian.termination.DirectoryArchiveSink;
import dev.custodian.termination.ManifestCheck;
import dev.custodian.termination.TerminationCase;
import dev.custodian.termination.TerminationOptions;
import dev.custodian.termination.TerminationPhase;
import dev.custodian.termination.TerminationService;
import dev.custodian.testing.ForwardingHostData;
import dev.custodian.testing.ForwardingStateStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The process {@link TerminationKillTest} kills: one application node on the JDBC stores, driving
 * one client's termination the way a host's scheduler would ({@code runDue()} in a loop), and
 * playing the operator where a person acts (checking the delivered archive's checksums, recording
 * the sub-processor's confirmation). Prints {@code READY} once built, a {@code STEP} line at every
 * state write and host-data change (so the parent can time its kills into the work), and {@code
 * DONE} once the certificate is issued and its evidence written.
 *
 * <p>Arguments: dialect ({@code POSTGRESQL} or {@code MARIADB}), JDBC URL, archive folder, key
 * folder.
 */
public final class TerminationKillChild {
  static final ClientId CLIENT = ClientId.of("acme-kill");
  static final ClientId OTHER = ClientId.of("globex-kill");
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  static final ClientPrincipal ADMIN = ClientPrincipal.of("admin-acme", CLIENT, ClientRole.ADMINISTRATOR);
  static final String SUB_PROCESSOR = "AWS";
  static final Duration LEASE = Duration.ofSeconds(2);
  static final int BATCH = 200;
  static final byte[] KEY = "a pseudonymisation key of 32+ bytes, for tests".getBytes();

  private TerminationKillChild() {}

  public static void main(String[] args) {
    Dialect dialect = Dialect.valueOf(args[0]);
    DataSource ds = dataSource(dialect, args[1]);
    Custodian cu = custodian(ds, Path.of(args[2]), Path.of(args[3]), System.out);
    TerminationService t = cu.terminations();
    System.out.println("READY");
    System.out.flush();
    while (true) {
      TerminationCase c = t.find(dev.custodian.client.SystemPrincipal.INSTANCE, CLIENT).orElseThrow();
      if ((c.phase() == TerminationPhase.CERTIFIED || c.phase() == TerminationPhase.CLOSED)
          && c.outbox().isEmpty()) {
        System.out.println("DONE");
        System.out.flush();
        return;
      }
      if (c.phase() == TerminationPhase.AWAITING_ACKNOWLEDGEMENT && c.delivery().delivered()
          && !c.delivery().acknowledged()) {
        ManifestCheck check = t.verifyReturn(OPERATOR, CLIENT);
        if (!check.intact()) {
          System.out.println("BROKEN archive " + check.problems());
          System.exit(3);
        }
      }
      for (TerminationCase.SubprocessorStep s : c.subProcessors()) {
        if (s.sentAt() != null && !s.acknowledged()) {
          t.acknowledgeSubProcessor(OPERATOR, CLIENT, s.name(), "ticket-2026-1");
        }
      }
      t.runDue();
      // The host scheduler's period between two runs.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  static DataSource dataSource(Dialect dialect, String url) {
    return switch (dialect) {
      case POSTGRESQL -> {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        yield ds;
      }
      case MARIADB -> {
        try {
          yield new MariaDbDataSource(url);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      case H2 -> throw new IllegalArgumentException("a separate JVM needs a database server");
    };
  }

  /** One node over the shared database; {@code progress} (may be null) gets the STEP lines. */
  static Custodian custodian(DataSource ds, Path archives, Path keys, PrintStream progress) {
    HostData host = JdbcHostData.builder(ds, mapping()).build();
    StateStore state = new JdbcStateStore(ds);
    return Custodian.builder()
        .stateStore(progress == null ? state : new Progress(state, progress))
        .evidenceStore(new JdbcEvidenceStore(ds))
        .hostData(progress == null ? host : new ProgressHost(host, progress))
        .workQueue(new JdbcWorkQueue(ds))
        // The progress wrappers hide the stores' shared transactions: named explicitly.
        .transactions(new JdbcTransactions(ds))
        .archiveSink(new DirectoryArchiveSink(archives, keys))
        .subProcessorInstructionSender(instruction -> { })
        .terminationOptions(TerminationOptions.DEFAULTS.withLease(LEASE).withDeletionBatchSize(BATCH))
        .pseudonymizationKey(KEY)
        .build();
  }

  static HostDataMapping mapping() {
    return HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_RECORDING).table("kill_recording").id("id")
            .client("client_id").time("recorded_at").subject("caller", SubjectKind.PHONE)
            .subject("callee", SubjectKind.PHONE).restricted("restricted").build())
        .table(TableMapping.builder(CategoryId.CONTACT_MANUAL).table("kill_contact").id("id")
            .client("client_id").time("updated_at").subject("email", SubjectKind.EMAIL)
            .subject("phone", SubjectKind.PHONE).restricted("restricted").build())
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("kill_call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
            .restricted("restricted").build())
        .build();
  }

  private static final java.util.regex.Pattern PHASE =
      java.util.regex.Pattern.compile("\"phase\"\\s*:\\s*\"([A-Z_]+)\"");

  /** Reports every state write (with the case's phase): the termination's steps. */
  record Progress(StateStore delegate, PrintStream out) implements ForwardingStateStore {
    @Override
    public StoredState update(String kind, String id, long expectedVersion, Instant dueAt, String body) {
      StoredState s = delegate.update(kind, id, expectedVersion, dueAt, body);
      java.util.regex.Matcher phase = PHASE.matcher(body);
      out.println("STEP " + (phase.find() ? phase.group(1) : kind));
      return s;
    }
  }

  /** Reports every change to the host's data. */
  record ProgressHost(HostData delegate, PrintStream out) implements ForwardingHostData {
    @Override
    public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
      DeletionBatch b = delegate.deleteBatch(selection, afterKey, limit);
      out.println("STEP delete " + selection.category());
      return b;
    }
  }
}
