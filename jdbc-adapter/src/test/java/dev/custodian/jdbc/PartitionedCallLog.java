package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.PhoneNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A PostgreSQL {@code call_log} range-partitioned by month on {@code started_at}, as pg_partman
 * makes it, for the whole-partition sweep tests: 24 monthly partitions from March 2024 and a
 * default partition, {@code clients} clients with one call every {@code everyHours} hours each from
 * {@code 2024-02-20} (the first days land in the default partition) to the end of February 2026.
 * Every 50th call of a client is a call of {@link #HELD} ({@code +33 1 99 00 00 01}), except in
 * September 2024, so that one expired partition holds no call of that number.
 */
final class PartitionedCallLog {
  static final PhoneNumber HELD = PhoneNumber.of("+33 1 99 00 00 01");
  static final String NO_HELD_PARTITION = "call_log_p2024_09";

  private PartitionedCallLog() {}

  static HostDataMapping mapping(PartitionSweep partitions) {
    return HostDataMapping.builder()
        .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
            .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
            .partitions(partitions).build())
        .build();
  }

  static void create(DataSource ds, int clients, int everyHours) throws SQLException {
    execute(ds,
        "CREATE TABLE call_log (id BIGINT NOT NULL, client_id VARCHAR(64) NOT NULL,"
            + " started_at TIMESTAMP WITH TIME ZONE NOT NULL, caller VARCHAR(32),"
            + " PRIMARY KEY (id, started_at)) PARTITION BY RANGE (started_at)",
        "CREATE INDEX call_log_client_time ON call_log (client_id, started_at)",
        "CREATE INDEX call_log_caller ON call_log (caller)",
        "DO $$ DECLARE m DATE; BEGIN FOR i IN 0..23 LOOP m := DATE '2024-03-01' + i * INTERVAL '1 month';"
            + " EXECUTE format('CREATE TABLE call_log_p%s PARTITION OF call_log FOR VALUES FROM (%L) TO (%L)',"
            + " to_char(m, 'YYYY_MM'), to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',"
            + " to_char(m + INTERVAL '1 month', 'YYYY-MM-DD') || ' 00:00:00+00'); END LOOP; END $$",
        "CREATE TABLE call_log_default PARTITION OF call_log DEFAULT",
        "INSERT INTO call_log (id, client_id, started_at, caller) SELECT k * 100000000 + s,"
            + " 'client-' || k, t, CASE WHEN s % 50 = 0 AND date_trunc('month', t, 'UTC')"
            + " <> TIMESTAMPTZ '2024-09-01 00:00:00+00' THEN '" + HELD.value() + "'"
            + " ELSE '+3363998' || LPAD((s % 10000)::text, 4, '0') END"
            + " FROM generate_series(0, " + (clients - 1) + ") k,"
            + " LATERAL (SELECT s, TIMESTAMPTZ '2024-02-20 00:00:00+00' + s * INTERVAL '"
            + everyHours + " hours' + k * INTERVAL '1 second' AS t"
            + " FROM generate_series(0, (DATE '2026-03-01' - DATE '2024-02-20') * 24 / "
            + everyHours + " - 1) s) r",
        "ANALYZE call_log");
  }

  static ClientId client(int k) {
    return ClientId.of("client-" + k);
  }

  static void execute(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static long single(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Rows per client. */
  static Map<String, Long> perClient(DataSource ds) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT client_id, COUNT(*) FROM call_log GROUP BY client_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** Each partition's file node: it changes when the partition is truncated. */
  static Map<String, Long> fileNodes(DataSource ds) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT CAST(CAST(inhrelid AS regclass) AS VARCHAR), pg_relation_filenode(inhrelid)"
            + " FROM pg_inherits WHERE inhparent = CAST('call_log' AS regclass)");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  static String literal(Instant at) {
    return "TIMESTAMPTZ '" + at.toString().replace('T', ' ').replace("Z", "+00") + "'";
  }

  /** Every evidence entry, in order. */
  static List<EvidenceEntry> evidence(DataSource ds) {
    JdbcEvidenceStore store = new JdbcEvidenceStore(ds);
    List<EvidenceEntry> all = new ArrayList<>();
    for (long from = 1; ; ) {
      List<EvidenceEntry> page = store.readAll(from, 1000);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      from = page.get(page.size() - 1).sequence() + 1;
    }
  }

  /** Rows deleted per client according to the batch entries. */
  static Map<String, Long> batchEvidence(DataSource ds) {
    Map<String, Long> out = new TreeMap<>();
    for (EvidenceEntry e : evidence(ds)) {
      if (e.action().equals("retention.sweep.batch") && e.client() != null) {
        long n = Long.parseLong(e.details().get("deleted"));
        if (n > 0) {
          out.merge(e.client().value(), n, Long::sum);
        }
      }
    }
    return out;
  }
}
