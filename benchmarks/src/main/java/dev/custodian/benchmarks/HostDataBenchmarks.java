package dev.custodian.benchmarks;

import dev.custodian.client.ClientId;
import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.EmailAddress;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * B1-B3, P1 and S1 of docs/performance.md, on PostgreSQL, in one run: the JDBC adapter against the
 * SQL a DBA would write for the same job, at 1,000,000 and at 4,000,000 rows per table (same shape:
 * see {@link BenchTables}). Each target prints as {@code <id> <name> ratio=<value> target=<value>}:
 * B1-B3 and P1 at 1,000,000 rows (their 4,000,000-row figures are printed beside them), S1 the cost
 * per row at 4,000,000 rows over that at 1,000,000.
 *
 * <p>Arguments: {@code host:port} of PostgreSQL (default {@code 127.0.0.1:5432}); database {@code
 * test}, user {@code postgres}. Run it with {@code -Xmx64m}: B1 requires it. Options: {@code
 * -Dbench.sizes=1000000,4000000}, {@code -Dbench.only=B1,B2,B3} (a subset, while profiling; P1
 * comes with B1), {@code -Dbench.peers=false} (B1 without its peers), {@code -Dbench.sweepers=2}.
 */
public final class HostDataBenchmarks {
  static final int BATCH = 10_000;
  /** Rows per round trip when streaming (B3); the JdbcHostData builder's fetchSize option. */
  static final int FETCH_SIZE = Integer.getInteger("bench.fetchSize", 5000);
  /** Sweeper nodes (threads) sharing the job through the work queue: one per core here. */
  static final int SWEEPERS = Integer.getInteger("bench.sweepers", 2);

  /** What one size measured. */
  static final class AtSize {
    final int rows;
    double generatedSecs;
    String load = "";
    // B2
    double libLookupMs = Double.NaN;
    double sqlLookupMs = Double.NaN;
    double recordsPerLookup = Double.NaN;
    // B3
    double libArchiveRate = Double.NaN;
    double copyRate = Double.NaN;
    long archived;
    // B1 and P1
    SweepBenchmark.Sweep sweep;
    SweepPeers.Run single;
    SweepPeers.Run loop;
    SweepPeers.Run statements;

    AtSize(int rows) {
      this.rows = rows;
    }

    double b1(SweepPeers.Run peer) {
      return sweep == null || peer == null ? Double.NaN : sweep.rate() / peer.rate();
    }

    double b2() {
      return libLookupMs / sqlLookupMs;
    }

    double b3() {
      return libArchiveRate / copyRate;
    }

    double p1() {
      return sweep == null ? Double.NaN : sweep.countSecs() / sweep.planSecs();
    }

    /** The library's sweep, in microseconds per row deleted. */
    double sweepCostPerRow() {
      return sweep == null ? Double.NaN : 1e6 / sweep.rate();
    }

    /** The library's lookup, in microseconds per record found. */
    double lookupCostPerRecord() {
      return libLookupMs * 1000 / recordsPerLookup;
    }

    /** The library's archive stream, in microseconds per record. */
    double archiveCostPerRow() {
      return 1e6 / libArchiveRate;
    }
  }

  private final String url;

  private HostDataBenchmarks(String hostPort) {
    this.url = "jdbc:postgresql://" + hostPort + "/test?user=postgres"
        + System.getProperty("bench.urlSuffix", "");
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    HostDataBenchmarks b = new HostDataBenchmarks(args.length > 0 ? args[0] : "127.0.0.1:5432");
    System.out.printf(Locale.ROOT, "JVM max heap %d MiB, %d cores, PostgreSQL %s%n",
        Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors(),
        b.serverVersion());
    String only = System.getProperty("bench.only", "B1,B2,B3");
    boolean peers = Boolean.parseBoolean(System.getProperty("bench.peers", "true"));
    int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1000000,4000000").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    List<AtSize> results = new ArrayList<>();
    for (int rows : sizes) {
      AtSize r = new AtSize(rows);
      results.add(r);
      try (BenchTables tables = new BenchTables(b.url, rows)) {
        r.generatedSecs = tables.generatedSecs;
        System.out.printf(Locale.ROOT, "%n%,d rows per table: generated %d tables in %.1f s, load"
            + " average %s%n", rows, 4 + BenchTables.PEER_TABLES.size(), r.generatedSecs, load());
        StringBuilder loads = new StringBuilder();
        if (only.contains("B2")) {
          subjectLookup(tables, r);
          loads.append(" B2 ").append(load());
        }
        if (only.contains("B3")) {
          returnArchive(tables, r);
          loads.append(" B3 ").append(load());
        }
        if (only.contains("B1")) {
          r.sweep = new SweepBenchmark(tables, BATCH, SWEEPERS).run();
          loads.append(" B1 ").append(load());
          printSweep(r);
          if (peers) {
            SweepPeers p = new SweepPeers(tables);
            r.single = check(p.singleDelete(), r);
            r.loop = check(p.keysetLoop(BATCH), r);
            r.statements = check(p.libraryStatements(BATCH, SWEEPERS), r);
            loads.append(" peers ").append(load());
            printPeers(r);
          }
        }
        r.load = loads.toString().trim();
        System.out.printf(Locale.ROOT, "load average after each: %s%n", r.load);
      }
    }
    report(results, only, peers);
    System.out.printf(Locale.ROOT, "HostDataBenchmarks took %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** A peer must delete exactly what the library deleted: the expired rows no hold keeps. */
  private static SweepPeers.Run check(SweepPeers.Run run, AtSize r) {
    if (run.deleted() != r.sweep.deleted()) {
      throw new IllegalStateException("B1: the " + run.name() + " deleted " + run.deleted()
          + " rows where the library deleted " + r.sweep.deleted());
    }
    return run;
  }

  private static void printSweep(AtSize r) {
    SweepBenchmark.Sweep s = r.sweep;
    System.out.printf(Locale.ROOT, "P1 dry-run plan of call_log %.3f s, GROUP BY client_id count of"
        + " the same rows %.3f s (best of 3)%n", s.planSecs(), s.countSecs());
    System.out.printf(Locale.ROOT, "B1 library sweep on %d nodes: %,d rows (%,d expired, %,d held)"
            + " in %.0f batches (largest %,d; %d batch evidence entries, %d in all) in %.2f s ="
            + " %,.0f rows/s, %.2f us per row%n", SWEEPERS, s.deleted(), s.expired(), s.held(),
        s.batches(), s.largest(), s.batchEntries(), s.entries(), s.secs(), s.rate(),
        r.sweepCostPerRow());
  }

  private static void printPeers(AtSize r) {
    for (SweepPeers.Run p : List.of(r.single, r.loop, r.statements)) {
      System.out.printf(Locale.ROOT, "B1 peer %s: %,d rows in %d batches in %.2f s = %,.0f rows/s;"
          + " library / peer %.2f%n", p.name(), p.deleted(), p.batches(), p.secs(), p.rate(), r.b1(p));
    }
  }

  private static void report(List<AtSize> results, String only, boolean peers) {
    AtSize small = results.get(0);
    AtSize large = results.size() > 1 ? results.get(results.size() - 1) : null;
    System.out.println();
    for (AtSize r : results) {
      System.out.printf(Locale.ROOT, "at %,d rows: B1 vs single %.2f, vs keyset loop %.2f, vs"
              + " library's statements %.2f; B2 %.2f; B3 %.2f; P1 %.2f; cost per row: sweep %.2f us,"
              + " lookup %.2f us per record found (%.1f records per lookup, %.3f ms per lookup),"
              + " archive %.2f us; load average %s%n", r.rows, r.b1(r.single), r.b1(r.loop),
          r.b1(r.statements), r.b2(), r.b3(), r.p1(), r.sweepCostPerRow(), r.lookupCostPerRecord(),
          r.recordsPerLookup, r.libLookupMs, r.archiveCostPerRow(), r.load);
    }
    List<Boolean> ok = new ArrayList<>();
    System.out.printf(Locale.ROOT, "at %,d rows:%n", small.rows);
    if (only.contains("B1")) {
      line(ok, "B1 sweep-vs-single-delete", small.b1(small.single), 0.35, true, peers);
      line(ok, "B1 sweep-vs-keyset-loop", small.b1(small.loop), 2.5, true, peers);
      line(ok, "B1 sweep-vs-library-statements", small.b1(small.statements), 0.8, true, peers);
    }
    line(ok, "B2 subject-lookup-vs-direct-query", small.b2(), 2.0, false, only.contains("B2"));
    line(ok, "B3 return-archive-vs-copy", small.b3(), 0.5, true, only.contains("B3"));
    line(ok, "P1 plan-vs-group-by-count", small.p1(), 0.5, true, only.contains("B1"));
    if (large != null) {
      line(ok, "S1 B1-sweep-cost-per-row", large.sweepCostPerRow() / small.sweepCostPerRow(), 1.25,
          false, only.contains("B1"));
      line(ok, "S1 B2-lookup-cost-per-record", large.lookupCostPerRecord() / small.lookupCostPerRecord(),
          1.25, false, only.contains("B2"));
      line(ok, "S1 B3-archive-cost-per-row", large.archiveCostPerRow() / small.archiveCostPerRow(),
          1.25, false, only.contains("B3"));
    }
    System.out.println(ok.contains(false) ? "B1-B3, P1, S1: a target is missed"
        : "B1-B3, P1, S1: all within target");
  }

  private static void line(List<Boolean> ok, String name, double ratio, double target,
      boolean atLeast, boolean ran) {
    if (!ran) {
      return;
    }
    System.out.printf(Locale.ROOT, "%s ratio=%.2f target=%s%n", name, ratio, target);
    ok.add(atLeast ? ratio >= target : ratio <= target);
  }

  /** The machine's load average over the last minute (the machine is shared). */
  static String load() {
    return String.format(Locale.ROOT, "%.1f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private String serverVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.getMetaData().getDatabaseProductVersion();
    }
  }

  private static JdbcHostData hostData(BenchTables tables) {
    return JdbcHostData.builder(tables.ds, BenchTables.allTables())
        .dialect(Dialect.POSTGRESQL).fetchSize(FETCH_SIZE).build();
  }

  // ---------------------------------------------------------------- B2

  /** findSubject across the four tables against the four direct indexed queries; time ratio. */
  private static void subjectLookup(BenchTables tables, AtSize r) throws SQLException {
    JdbcHostData host = hostData(tables);
    String[] direct = {
        "SELECT * FROM call_log WHERE client_id = ? AND (caller = ? OR callee = ?) ORDER BY id",
        "SELECT * FROM sms_log WHERE client_id = ? AND (sender = ? OR recipient = ?) ORDER BY id",
        "SELECT * FROM fax_log WHERE client_id = ? AND (sender = ? OR recipient = ?) ORDER BY id",
        "SELECT * FROM contact WHERE client_id = ? AND (email = ? OR phone = ?) ORDER BY id"};
    int warmup = 200;
    int runs = 600;
    long libNanos = 0;
    long sqlNanos = 0;
    long libRows = 0;
    long sqlRows = 0;
    for (int i = 0; i < warmup + runs; i++) {
      ClientId client = BenchTables.client(1 + i % (BenchTables.CLIENTS - 1));
      PhoneNumber phone = PhoneNumber.of(String.format(Locale.ROOT, "+3319900%04d", (i * 37) % 10000));
      EmailAddress email = EmailAddress.of("contact" + ((i * 53) % 50000) + "@example.com");
      List<SubjectIdentifier> who = List.of(phone, email);
      boolean measure = i >= warmup;
      // Alternate which goes first so that neither always finds the pages warmed by the other.
      for (int order = 0; order < 2; order++) {
        boolean lib = (i + order) % 2 == 0;
        long t = System.nanoTime();
        long n;
        if (lib) {
          n = host.findSubject(client, who).size();
        } else {
          n = directLookup(tables, direct, client, phone, email);
        }
        long dt = System.nanoTime() - t;
        if (measure) {
          if (lib) {
            libNanos += dt;
            libRows += n;
          } else {
            sqlNanos += dt;
            sqlRows += n;
          }
        }
      }
    }
    if (libRows != sqlRows) {
      throw new IllegalStateException("B2: the library found " + libRows + " records, SQL " + sqlRows);
    }
    r.libLookupMs = libNanos / 1e6 / runs;
    r.sqlLookupMs = sqlNanos / 1e6 / runs;
    r.recordsPerLookup = (double) libRows / runs;
    System.out.printf(Locale.ROOT, "B2 %d lookups over 4 tables of %,d rows (%d records found):"
            + " library %.3f ms each, direct indexed SQL %.3f ms each%n", runs, r.rows, libRows,
        r.libLookupMs, r.sqlLookupMs);
  }

  private static long directLookup(BenchTables tables, String[] sql, ClientId client,
      PhoneNumber phone, EmailAddress email) throws SQLException {
    long n = 0;
    try (Connection c = tables.ds.getConnection()) {
      for (int t = 0; t < sql.length; t++) {
        try (PreparedStatement ps = c.prepareStatement(sql[t])) {
          ps.setString(1, client.value());
          ps.setString(2, t == 3 ? email.value() : phone.value());
          ps.setString(3, phone.value());
          try (ResultSet rs = ps.executeQuery()) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= cols; i++) {
                rs.getObject(i);
              }
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- B3

  /** The return archive of client-00 (a fifth of call_log) against COPY of the same rows. */
  private static void returnArchive(BenchTables tables, AtSize r) throws IOException, SQLException {
    JdbcHostData host = hostData(tables);
    ClientId big = BenchTables.client(0);
    String copy = "COPY (SELECT * FROM call_log WHERE client_id = 'client-00' ORDER BY id) TO STDOUT";
    double bestLib = Double.MAX_VALUE;
    double bestCopy = Double.MAX_VALUE;
    long libRows = 0;
    long copyBytes = 0;
    long libBytes = 0;
    for (int round = 0; round < 4; round++) {
      Counting archive = new Counting();
      long t = System.nanoTime();
      long[] rows = {0};
      try (Writer csv = new BufferedWriter(new OutputStreamWriter(archive, StandardCharsets.UTF_8),
          1 << 16)) {
        host.stream(big, CategoryId.CALL_LOG, rec -> {
          writeCsv(csv, rec);
          rows[0]++;
        });
      }
      double lib = secs(t);
      Counting out = new Counting();
      t = System.nanoTime();
      try (Connection c = tables.ds.getConnection()) {
        c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
      }
      double cp = secs(t);
      if (round > 0) {
        bestLib = Math.min(bestLib, lib);
        bestCopy = Math.min(bestCopy, cp);
      }
      libRows = rows[0];
      libBytes = archive.bytes;
      copyBytes = out.bytes;
    }
    System.out.printf(Locale.ROOT, "B3 archive of %,d records: library stream to CSV lines %.2f s"
            + " (%,.0f rows/s, %,d bytes), COPY TO STDOUT %.2f s (%,.0f rows/s, %,d bytes)%n",
        libRows, bestLib, libRows / bestLib, libBytes, bestCopy, libRows / bestCopy, copyBytes);
    r.libArchiveRate = libRows / bestLib;
    r.copyRate = libRows / bestCopy;
    r.archived = libRows;
  }

  /**
   * One archive line per record: the record's columns as CSV (RFC 4180 quoting), the form a
   * per-category return archive takes, with the same content as COPY's text output.
   */
  private static void writeCsv(Writer out, HostRecord r) {
    try {
      boolean first = true;
      for (Object v : r.fields().values()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        if (v == null) {
          continue;
        }
        String text = v.toString();
        if (needsQuotes(text)) {
          out.write('"');
          out.write(text.replace("\"", "\"\""));
          out.write('"');
        } else {
          out.write(text);
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180: a field holding a comma, a quote or a line break is quoted. */
  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** An archive sink that only counts: measures the library, not a disk. */
  static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }


  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
