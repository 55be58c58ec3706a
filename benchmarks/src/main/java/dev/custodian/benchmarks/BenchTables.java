package dev.custodian.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.custodian.client.ClientId;
import dev.custodian.jdbc.CustodianSchema;
import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.SubjectKind;
import dev.custodian.jdbc.TableMapping;
import dev.custodian.terms.CategoryId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The benchmarks' host tables at one size, generated server-side in a schema of their own (dropped
 * by {@link #close()}): {@code call_log}, {@code sms_log}, {@code fax_log} and {@code contact} of
 * {@code rows} rows each, and copies of {@code call_log} for B1's peers ({@link #PEER_TABLES}). Same shape at every size: 20 clients interleaved row by row ({@code client-00}
 * holding a fifth of the rows), rows in time order over two years (one every {@code 63,072,000 /
 * rows} seconds), so half are older than the one-year cut-off; held: the callers {@code
 * +33199000000} to {@code +33199000099} of every client, 1% of the expired calls.
 */
final class BenchTables implements AutoCloseable {
  static final int CLIENTS = 20;
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant CUTOFF = NOW.minus(Duration.ofDays(365));
  /** Held caller numbers (every client): 100 of the 10,000 numbers, 1% of the calls. */
  static final int HELD_NUMBERS = 100;
  /** Copies of call_log that B1's peers delete from: single DELETE, keyset loop, pure SQL. */
  static final List<String> PEER_TABLES = List.of("call_log_single", "call_log_loop", "call_log_pure");

  final int rows;
  final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String url;
  final HikariDataSource ds;
  final double generatedSecs;

  BenchTables(String url, int rows) throws SQLException {
    this.url = url;
    this.rows = rows;
    admin("CREATE SCHEMA " + schema);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url + "&currentSchema=" + schema);
    cfg.setMaximumPoolSize(4);
    ds = new HikariDataSource(cfg);
    CustodianSchema.createIfMissing(ds, Dialect.POSTGRESQL);
    long t0 = System.nanoTime();
    generate();
    generatedSecs = (System.nanoTime() - t0) / 1e9;
  }

  static ClientId client(int k) {
    return ClientId.of(String.format(Locale.ROOT, "client-%02d", k));
  }

  /** The held caller numbers. */
  static String[] heldNumbers() {
    String[] out = new String[HELD_NUMBERS];
    for (int i = 0; i < HELD_NUMBERS; i++) {
      out[i] = String.format(Locale.ROOT, "+3319900%04d", i);
    }
    return out;
  }

  private void generate() throws SQLException {
    String clientExpr = "CASE WHEN g % 5 = 0 THEN 'client-00'"
        + " ELSE 'client-' || lpad((1 + g % " + (CLIENTS - 1) + ")::text, 2, '0') END";
    // Rows arrive in time order, as a call log does: id g is 63,072,000 / rows seconds after
    // id g - 1 (in whole milliseconds), the oldest two years before NOW; clients interleave.
    String timeExpr = "timestamptz '2026-03-01 00:00:00+00' - ((" + rows + " - g)::bigint * 63072000000"
        + " / " + rows + ") * interval '1 millisecond'";
    String phoneA = "'+3319900' || lpad((g % 10000)::text, 4, '0')";
    String phoneB = "'+3363998' || lpad(((g * 31) % 10000)::text, 4, '0')";
    String series = " FROM generate_series(1, " + rows + ") g";
    List<String> sql = new ArrayList<>(List.of(
        // Index builds sort in memory rather than on disk: the same for every table.
        "SET maintenance_work_mem = '256MB'",
        callLog("call_log"),
        "INSERT INTO call_log SELECT g, " + clientExpr + ", " + timeExpr + ", " + phoneA + ", "
            + phoneB + ", (g % 600), FALSE" + series,
        "CREATE TABLE sms_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " sent_at TIMESTAMPTZ NOT NULL, sender VARCHAR(32), recipient VARCHAR(32),"
            + " body_length INTEGER)",
        "INSERT INTO sms_log SELECT g, " + clientExpr + ", " + timeExpr + ", " + phoneB + ", "
            + phoneA + ", (g % 160)" + series,
        "CREATE TABLE fax_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " sent_at TIMESTAMPTZ NOT NULL, sender VARCHAR(32), recipient VARCHAR(32),"
            + " pages INTEGER)",
        "INSERT INTO fax_log SELECT g, " + clientExpr + ", " + timeExpr + ", " + phoneA + ", "
            + phoneB + ", (g % 12)" + series,
        "CREATE TABLE contact (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " updated_at TIMESTAMPTZ NOT NULL, email VARCHAR(320), phone VARCHAR(32),"
            + " display_name VARCHAR(100))",
        "INSERT INTO contact SELECT g, " + clientExpr + ", " + timeExpr
            + ", 'contact' || (g % 50000) || '@example.com', " + phoneA
            + ", 'Contact ' || g" + series));
    sql.addAll(callLogIndexes("call_log"));
    sql.addAll(List.of(
        "CREATE INDEX sms_log_client_time ON sms_log (client_id, sent_at)",
        "CREATE INDEX sms_log_sender ON sms_log (sender)",
        "CREATE INDEX sms_log_recipient ON sms_log (recipient)",
        "CREATE INDEX fax_log_client_time ON fax_log (client_id, sent_at)",
        "CREATE INDEX fax_log_sender ON fax_log (sender)",
        "CREATE INDEX fax_log_recipient ON fax_log (recipient)",
        "CREATE INDEX contact_client_time ON contact (client_id, updated_at)",
        "CREATE INDEX contact_email ON contact (email)",
        "CREATE INDEX contact_phone ON contact (phone)"));
    // The peers' tables: identical copies, the same rows in the same physical order (a fresh
    // table's scan returns its insertion order), with the indexes a deletion can use: the primary
    // key and (client, time). PostgreSQL's DELETE does not touch indexes (vacuum cleans them
    // later), so leaving out the subject indexes, which no deletion reads, changes nothing
    // measured and saves building them.
    for (String copy : PEER_TABLES) {
      sql.add(callLog(copy));
      sql.add("INSERT INTO " + copy + " SELECT * FROM call_log");
      sql.add("CREATE INDEX " + copy + "_client_time ON " + copy + " (client_id, started_at)");
    }
    for (String t : tables()) {
      // No autovacuum in the middle of a measurement: every deletion is measured alike, without
      // a vacuum of an earlier one's rows beside it.
      sql.add("ALTER TABLE " + t + " SET (autovacuum_enabled = false)");
      sql.add("VACUUM ANALYZE " + t);
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private static String callLog(String name) {
    return "CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
        + " started_at TIMESTAMPTZ NOT NULL, caller VARCHAR(32), callee VARCHAR(32),"
        + " duration_s INTEGER, restricted BOOLEAN NOT NULL DEFAULT FALSE)";
  }

  private static List<String> callLogIndexes(String name) {
    return List.of(
        "CREATE INDEX " + name + "_client_time ON " + name + " (client_id, started_at)",
        "CREATE INDEX " + name + "_caller ON " + name + " (caller)",
        "CREATE INDEX " + name + "_callee ON " + name + " (callee)");
  }

  private static List<String> tables() {
    List<String> out = new ArrayList<>(List.of("call_log", "sms_log", "fax_log", "contact"));
    out.addAll(PEER_TABLES);
    return out;
  }

  /** The mapping of call_log alone, as B1 and P1 use it. */
  static HostDataMapping callLogMapping() {
    return HostDataMapping.builder().table(callLogTable()).build();
  }

  private static TableMapping callLogTable() {
    return TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
        .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
        .subject("callee", SubjectKind.PHONE).restricted("restricted").build();
  }

  /** The four tables, as B2 and B3 use them. */
  static HostDataMapping allTables() {
    return HostDataMapping.builder()
        .table(callLogTable())
        .table(TableMapping.builder(CategoryId.SMS_LOG).table("sms_log").id("id").client("client_id")
            .time("sent_at").subject("sender", SubjectKind.PHONE)
            .subject("recipient", SubjectKind.PHONE).build())
        .table(TableMapping.builder(CategoryId.FAX_LOG).table("fax_log").id("id").client("client_id")
            .time("sent_at").subject("sender", SubjectKind.PHONE)
            .subject("recipient", SubjectKind.PHONE).build())
        .table(TableMapping.builder(CategoryId.CONTACT_MANUAL).table("contact").id("id")
            .client("client_id").time("updated_at").subject("email", SubjectKind.EMAIL)
            .subject("phone", SubjectKind.PHONE).build())
        .build();
  }

  // ---------------------------------------------------------------- plumbing

  long scalar(String sql, Instant param) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    ds.close();
    admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
}
