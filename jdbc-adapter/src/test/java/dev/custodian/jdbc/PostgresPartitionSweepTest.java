package dev.custodian.jdbc;

import static dev.custodian.jdbc.PartitionedCallLog.HELD;
import static dev.custodian.jdbc.PartitionedCallLog.NO_HELD_PARTITION;
import static dev.custodian.jdbc.PartitionedCallLog.client;
import static dev.custodian.jdbc.PartitionedCallLog.literal;
import static dev.custodian.jdbc.PartitionedCallLog.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepPartition;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostPartition;
import dev.custodian.spi.RecordSelection;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole-partition sweeps on a range-partitioned PostgreSQL {@code call_log} ({@link
 * PartitionSweep}): which partitions a plan lists and with what counts, that held rows survive a
 * truncate, that the evidence per client is exactly what went, the fallbacks to row batches
 * (default partition, straddling partition, a row of another client), and that the default mapping
 * never truncates or drops anything.
 */
class PostgresPartitionSweepTest {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final byte[] KEY =
      "a fictional pseudonymisation test key".getBytes(StandardCharsets.UTF_8);
  private static final int CLIENTS = 4;
  private static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("officer-1", ProcessorRole.DESIGNATED_OFFICER);
  private static final Instant RANGE_FROM = Instant.parse("2024-06-10T00:00:00Z");
  private static final Instant RANGE_BEFORE = Instant.parse("2024-06-20T00:00:00Z");
  private static final List<String> EXPIRED = List.of("call_log_p2024_03", "call_log_p2024_04",
      "call_log_p2024_05", "call_log_p2024_06", "call_log_p2024_07", "call_log_p2024_08",
      "call_log_p2024_09", "call_log_p2024_10", "call_log_p2024_11", "call_log_p2024_12",
      "call_log_p2025_01", "call_log_p2025_02");

  private static Custodian custodian(DataSource ds, PartitionSweep mode) {
    return Custodian.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .stateStore(new JdbcStateStore(ds)).evidenceStore(new JdbcEvidenceStore(ds))
        .hostData(JdbcHostData.builder(ds, PartitionedCallLog.mapping(mode)).build())
        .workQueue(new JdbcWorkQueue(ds)).pseudonymizationKey(KEY).build();
  }

  /** A fresh schema with the table and the holds: the held number for client 0, a range for 1. */
  private static DataSource filled(Custodian[] out, PartitionSweep mode) throws SQLException {
    DataSource ds = db.freshDatabase();
    PartitionedCallLog.create(ds, CLIENTS, 6);
    Custodian c = custodian(ds, mode);
    c.holds().place(OFFICER, client(0), Set.of(HELD), Set.of(), null, null, "order 2026-41");
    c.holds().place(OFFICER, client(1), Set.of(), Set.of(CategoryId.CALL_LOG), RANGE_FROM,
        RANGE_BEFORE, "order 2026-42");
    out[0] = c;
    return ds;
  }

  private static String held() {
    return "((client_id = 'client-0' AND caller = '" + HELD.value() + "') OR (client_id = 'client-1'"
        + " AND started_at >= " + literal(RANGE_FROM) + " AND started_at < " + literal(RANGE_BEFORE)
        + "))";
  }

  private static long expiredUnheld(DataSource ds, Instant cutoff) throws SQLException {
    return single(ds, "SELECT COUNT(*) FROM call_log WHERE started_at < " + literal(cutoff)
        + " AND NOT " + held());
  }

  private static Instant cutoff(RetentionPlan plan) {
    return plan.groups().stream().map(g -> g.before()).max(Instant::compareTo).orElseThrow();
  }

  /** Per client, rows deleted by the sweep, from the counts before and after. */
  private static Map<String, Long> gone(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    before.forEach((k, n) -> {
      long d = n - after.getOrDefault(k, 0L);
      if (d > 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  @Test
  void theDefaultMappingNeverTruncatesOrDropsAPartition_R_RET_6() throws SQLException {
    Custodian[] c = new Custodian[1];
    DataSource ds = filled(c, PartitionSweep.ROWS);
    Map<String, Long> nodes = PartitionedCallLog.fileNodes(ds);
    long heldBefore = single(ds, "SELECT COUNT(*) FROM call_log WHERE " + held());
    RetentionPlan plan = c[0].retention().plan();
    assertThat(plan.partitions()).as("no partition unit without the host's consent").isEmpty();

    c[0].retention().execute(plan);

    assertThat(PartitionedCallLog.fileNodes(ds)).as("no partition truncated or dropped")
        .isEqualTo(nodes);
    assertThat(expiredUnheld(ds, cutoff(plan))).isZero();
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE " + held())).isEqualTo(heldBefore);
  }

  @Test
  void truncatingKeepsHeldRowsAndTheEvidenceIsExactPerClient_R_RET_6_R_HOLD_2_R_EVID_1()
      throws SQLException {
    Custodian[] c = new Custodian[1];
    DataSource ds = filled(c, PartitionSweep.TRUNCATE);
    Map<String, Long> before = PartitionedCallLog.perClient(ds);
    long heldBefore = single(ds, "SELECT COUNT(*) FROM call_log WHERE " + held());
    Map<String, Long> nodes = PartitionedCallLog.fileNodes(ds);

    RetentionPlan plan = c[0].retention().plan();
    Instant cutoff = cutoff(plan);
    assertThat(cutoff).isAfterOrEqualTo(Instant.parse("2025-03-01T00:00:00Z"))
        .isBefore(Instant.parse("2025-03-02T00:00:00Z"));
    // The dry run lists the wholly expired partitions with their counts; the default partition
    // and the partition straddling the cutoff are left to row batches.
    assertThat(plan.partitions()).extracting(SweepPartition::partition)
        .containsExactlyElementsOf(EXPIRED);
    for (SweepPartition p : plan.partitions()) {
      assertThat(p.rows()).as(p.partition())
          .isEqualTo(single(ds, "SELECT COUNT(*) FROM " + p.partition()));
      assertThat(p.held()).as(p.partition())
          .isEqualTo(single(ds, "SELECT COUNT(*) FROM " + p.partition() + " WHERE " + held()));
      assertThat(p.clients()).hasSize(CLIENTS);
    }
    assertThat(plan.partitions().stream().filter(p -> p.partition().equals(NO_HELD_PARTITION)))
        .allMatch(p -> p.rows() > 0);
    assertThat(plan.units().subList(0, EXPIRED.size()))
        .as("partition units first").allMatch(u -> u.startsWith("e"));

    // A hold placed after the plan is still honoured: re-read inside the partition's transaction.
    Instant lateFrom = Instant.parse("2024-11-03T00:00:00Z");
    Instant lateBefore = Instant.parse("2024-11-05T00:00:00Z");
    c[0].holds().place(OFFICER, client(2), Set.of(), Set.of(CategoryId.CALL_LOG), lateFrom,
        lateBefore, "order 2026-43");
    String late = "(client_id = 'client-2' AND started_at >= " + literal(lateFrom)
        + " AND started_at < " + literal(lateBefore) + ")";
    long lateHeld = single(ds, "SELECT COUNT(*) FROM call_log WHERE " + late);
    assertThat(lateHeld).isPositive();

    c[0].retention().execute(plan);

    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE " + held())).as("held rows kept")
        .isEqualTo(heldBefore);
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE " + late))
        .as("rows of a hold placed after the plan").isEqualTo(lateHeld);
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE started_at < " + literal(cutoff)
        + " AND NOT " + held() + " AND NOT " + late)).as("expired unheld rows left").isZero();
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE started_at >= " + literal(cutoff)))
        .as("unexpired rows untouched")
        .isEqualTo(before.values().stream().mapToLong(Long::longValue).sum()
            - single(ds, "SELECT 0") - countExpiredAtStart(before, plan));

    // Truncated: every expired partition has a new file; the live ones kept theirs.
    Map<String, Long> after = PartitionedCallLog.fileNodes(ds);
    for (String name : nodes.keySet()) {
      if (EXPIRED.contains(name)) {
        assertThat(after.get(name)).as(name + " truncated").isNotEqualTo(nodes.get(name));
      } else {
        assertThat(after.get(name)).as(name + " untouched").isEqualTo(nodes.get(name));
      }
    }

    // Evidence: per client, the batch entries (partition ones included) add up to what went.
    Map<String, Long> gone = gone(before, PartitionedCallLog.perClient(ds));
    assertThat(PartitionedCallLog.batchEvidence(ds)).isEqualTo(gone);
    List<EvidenceEntry> all = PartitionedCallLog.evidence(ds);
    List<EvidenceEntry> summaries = all.stream()
        .filter(e -> e.action().equals("retention.sweep.partition")).toList();
    assertThat(summaries).hasSize(EXPIRED.size()).allMatch(e -> e.details().get("emptied").equals("true"));
    long partitionDeleted = summaries.stream().mapToLong(e -> Long.parseLong(e.details().get("deleted"))).sum();
    long partitionBatches = all.stream().filter(e -> e.action().equals("retention.sweep.batch")
        && e.details().containsKey("partition")).mapToLong(e -> Long.parseLong(e.details().get("deleted"))).sum();
    assertThat(partitionBatches).isEqualTo(partitionDeleted).isPositive();
    long expiredPartitionRowsLeft = 0;
    for (String name : EXPIRED) {
      expiredPartitionRowsLeft += single(ds, "SELECT COUNT(*) FROM " + name);
    }
    assertThat(expiredPartitionRowsLeft).as("only held rows left in the expired partitions")
        .isEqualTo(single(ds, "SELECT COUNT(*) FROM call_log WHERE started_at < TIMESTAMPTZ"
            + " '2025-03-01 00:00:00+00' AND started_at >= TIMESTAMPTZ '2024-03-01 00:00:00+00'"));
    ChainVerification v = EvidenceLog.verify(new JdbcEvidenceStore(ds), EvidenceKey.derivedFrom(KEY));
    assertThat(v.valid()).as(v.reason()).isTrue();
  }

  /** Rows before the plan's cutoff at the start, from the plan's counts (held ones included). */
  private static long countExpiredAtStart(Map<String, Long> before, RetentionPlan plan) {
    return plan.entries().stream().mapToLong(e -> e.matched()).sum();
  }

  @Test
  void dropDetachesAndDropsThePartitionsNoHoldTouches() throws SQLException {
    Custodian[] c = new Custodian[1];
    DataSource ds = filled(c, PartitionSweep.DROP);
    Map<String, Long> before = PartitionedCallLog.perClient(ds);
    RetentionPlan plan = c[0].retention().plan();
    // Client 1's range hold lies in June 2024; the held number is called every month but September.
    c[0].retention().execute(plan);

    Set<String> left = PartitionedCallLog.fileNodes(ds).keySet();
    assertThat(left).doesNotContain(NO_HELD_PARTITION).contains("call_log_p2024_06", "call_log_default");
    assertThat(left).hasSize(24);
    assertThat(expiredUnheld(ds, cutoff(plan))).isZero();
    assertThat(PartitionedCallLog.batchEvidence(ds))
        .isEqualTo(gone(before, PartitionedCallLog.perClient(ds)));
  }

  @Test
  void aPartitionHoldingAnotherClientsRowsGoesInRowBatches() throws SQLException {
    Custodian[] c = new Custodian[1];
    DataSource ds = filled(c, PartitionSweep.TRUNCATE);
    JdbcHostData host = JdbcHostData.builder(ds, PartitionedCallLog.mapping(PartitionSweep.TRUNCATE)).build();
    Map<ClientId, List<RecordSelection.Exclusion>> three = new LinkedHashMap<>();
    for (int k = 0; k < 3; k++) {
      three.put(client(k), List.of());
    }
    GroupSelection notAll = new GroupSelection(CategoryId.CALL_LOG, null,
        Instant.parse("2025-03-01T00:00:00Z"), three);
    assertThat(host.partitions(notAll)).as("every partition holds client 3's rows too").isEmpty();
    assertThat(host.emptyPartition(notAll, "call_log_p2024_05")).isEmpty();

    RetentionPlan plan = c[0].retention().plan();
    assertThat(plan.partitions()).extracting(SweepPartition::partition).contains("call_log_p2024_05");
    // After the plan, a call of a client the plan does not sweep lands in an expired partition.
    PartitionedCallLog.execute(ds, "INSERT INTO call_log VALUES (999, 'client-9',"
        + " TIMESTAMPTZ '2024-05-15 12:00:00+00', '+33639980001')");
    Map<String, Long> before = PartitionedCallLog.perClient(ds);
    Map<String, Long> nodes = PartitionedCallLog.fileNodes(ds);

    c[0].retention().execute(plan);

    assertThat(PartitionedCallLog.fileNodes(ds).get("call_log_p2024_05")).as("not truncated")
        .isEqualTo(nodes.get("call_log_p2024_05"));
    assertThat(single(ds, "SELECT COUNT(*) FROM call_log WHERE client_id = 'client-9'")).isEqualTo(1);
    assertThat(expiredUnheld(ds, cutoff(plan)))
        .as("the group's rows of that partition went in row batches").isEqualTo(1);
    assertThat(PartitionedCallLog.batchEvidence(ds))
        .isEqualTo(gone(before, PartitionedCallLog.perClient(ds)));
    assertThat(PartitionedCallLog.evidence(ds).stream()
        .filter(e -> e.action().equals("retention.sweep.partition")
            && e.details().get("partition").equals("call_log_p2024_05")))
        .singleElement().satisfies(e -> assertThat(e.details().get("emptied")).isEqualTo("false"));
  }

  @Test
  void partitionsListedOnlyInsideTheWindow() throws SQLException {
    DataSource ds = db.freshDatabase(false);
    PartitionedCallLog.create(ds, 2, 24);
    JdbcHostData host = JdbcHostData.builder(ds, PartitionedCallLog.mapping(PartitionSweep.TRUNCATE)).build();
    Map<ClientId, List<RecordSelection.Exclusion>> both = new LinkedHashMap<>();
    both.put(client(0), List.of());
    both.put(client(1), List.of());
    List<HostPartition> found = host.partitions(new GroupSelection(CategoryId.CALL_LOG,
        Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-08-15T00:00:00Z"), both));
    assertThat(found).extracting(HostPartition::name)
        .containsExactly("call_log_p2024_05", "call_log_p2024_06", "call_log_p2024_07");
    assertThat(found).allMatch(p -> p.rows() == p.deletable() && p.rows() > 0);
    JdbcHostData rows = JdbcHostData.builder(ds, PartitionedCallLog.mapping(PartitionSweep.ROWS)).build();
    assertThat(rows.partitions(new GroupSelection(CategoryId.CALL_LOG, null,
        Instant.parse("2025-08-15T00:00:00Z"), both))).isEmpty();
  }
}
