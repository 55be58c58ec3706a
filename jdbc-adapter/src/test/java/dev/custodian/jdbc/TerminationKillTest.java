package dev.custodian.jdbc;

import static dev.custodian.jdbc.TerminationKillChild.ADMIN;
import static dev.custodian.jdbc.TerminationKillChild.CLIENT;
import static dev.custodian.jdbc.TerminationKillChild.OPERATOR;
import static dev.custodian.jdbc.TerminationKillChild.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.termination.CertificateOfDeletion;
import dev.custodian.termination.CertificateVerifier;
import dev.custodian.termination.Disposition;
import dev.custodian.termination.TerminationCase;
import dev.custodian.termination.TerminationPhase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A termination with a return, run in a separate JVM ({@link TerminationKillChild}) on a real
 * database and killed with SIGKILL ({@code Process.destroyForcibly()}) at seeded random moments
 * while it works, then resumed by a fresh JVM each time, until it is certified (R-TERM-3, R-TERM-6,
 * R-EVID-1, R-HOLD-1). At the end: no evidence entry of the termination twice, no partial archive
 * file anywhere, every unheld row of the client deleted and every held one kept, the archived
 * category kept and restricted, the other client untouched, the certificate's counts equal to the
 * rows really returned and deleted, and the certificate and the chain verify.
 *
 * <p>Seed: {@code -Dcustodian.kill.seed=...} replays a run (the seed is printed).
 */
class TerminationKillTest {
  /** Kills aimed at; the bar is {@link #MIN_KILLS}. */
  private static final int KILLS = 12;
  private static final int MIN_KILLS = 10;
  private static final int RECORDINGS = 8_000;
  private static final int CONTACTS = 8_000;
  private static final int CALL_LOGS = 2_000;
  private static final int OTHERS = 300;
  /** Every 40th recording, contact and call log of the client is about the held subject. */
  private static final int HELD_EVERY = 40;
  private static final PhoneNumber HELD = PhoneNumber.of("+33 1 99 00 00 01");

  @Nested
  class OnPostgres extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgres();

    @Override
    TestDatabase db() {
      return db;
    }

    @Override
    String url() {
      return ((PGSimpleDataSource) db.dataSource()).getURL();
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

    @Override
    String url() {
      return ((MariaDbDataSource) db.dataSource()).getUrl();
    }
  }

  abstract static class Scenario {
    @TempDir
    Path dir;

    abstract TestDatabase db();

    abstract String url();

    @Test
    void aReturnKilledAtRandomResumesToAnExactCertificateWithNothingLeftBehind_R_TERM_3_R_TERM_6()
        throws Exception {
      long seed = Long.getLong("custodian.kill.seed", System.nanoTime());
      System.out.println("TerminationKillTest " + db().dialect() + " seed=" + seed
          + " (replay with -Dcustodian.kill.seed=" + seed + ")");
      Random random = new Random(seed);
      Path archives = dir.resolve("archives");
      Path keys = dir.resolve("keys");
      Instant terminationDate = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
      createAndFill(terminationDate);
      DataSource ds = db().dataSource();
      Custodian setup = TerminationKillChild.custodian(ds, archives, keys, null);
      setup.holds().place(OPERATOR, CLIENT, Set.of(HELD), Set.of(CategoryId.CALL_RECORDING,
          CategoryId.CONTACT_MANUAL, CategoryId.CALL_LOG), null, null, "investigating judge's order 2026-117");
      setup.terminations().open(OPERATOR, CLIENT, terminationDate, Set.of(TerminationKillChild.SUB_PROCESSOR));
      setup.terminations().chooseReturn(ADMIN, CLIENT, false);
      Map<String, Long> before = counts();

      // Where the kills aim: at least two into the export and four into the deletions, the rest
      // anywhere from the plan to the deletions, in the order the work goes.
      List<TerminationPhase> targets = new ArrayList<>(List.of(TerminationPhase.EXPORTING,
          TerminationPhase.EXPORTING, TerminationPhase.DELETING, TerminationPhase.DELETING,
          TerminationPhase.DELETING, TerminationPhase.DELETING));
      List<TerminationPhase> anywhere = List.of(TerminationPhase.PLANNED, TerminationPhase.EXPORTING,
          TerminationPhase.AWAITING_ACKNOWLEDGEMENT, TerminationPhase.DELETING);
      while (targets.size() < KILLS) {
        targets.add(anywhere.get(random.nextInt(anywhere.size())));
      }
      targets.sort(null);
      int kills = 0;
      Instant started = Instant.now();
      List<String> killedIn = new ArrayList<>();
      while (true) {
        Child child = new Child(dir.resolve("child-" + kills + ".log"));
        String first = kills < KILLS ? child.firstAtOrAfter(targets.get(kills)) : child.firstOf("STEP", "DONE");
        if (first.equals("DONE") || kills >= KILLS) {
          assertThat(first.equals("DONE") ? first : child.firstOf("DONE")).isEqualTo("DONE");
          assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
          assertThat(child.process.exitValue()).as("the last child's exit").isZero();
          break;
        }
        // A random moment into the work: the child is killed wherever it is by then. In the
        // deletions, a few state writes on and a short delay: a long delay alone let a fast child
        // (whose batches commit in one unit each) delete everything before the last kills.
        String at = first;
        // From the hand-over on, the rest of the work can take well under a second.
        boolean deleting = targets.get(kills).compareTo(TerminationPhase.AWAITING_ACKNOWLEDGEMENT) >= 0;
        for (int n = deleting ? random.nextInt(3) : 0; n > 0 && !at.equals("DONE"); n--) {
          at = child.firstOf("STEP", "DONE");
        }
        long delay = random.nextInt(deleting ? 60 : 400);
        if (at.equals("DONE") || child.process.waitFor(delay, TimeUnit.MILLISECONDS)) {
          // It finished the termination first (the last deletions were that close to the end).
          assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
          assertThat(child.process.exitValue()).as("exit of a child that finished, see " + child.log).isZero();
          break;
        }
        child.process.destroyForcibly();
        assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        killedIn.add(child.lastStep());
        kills++;
      }
      assertThat(kills).as("kills before the termination finished (data too small?)")
          .isGreaterThanOrEqualTo(MIN_KILLS);
      System.out.println("TerminationKillTest " + db().dialect() + ": " + kills + " kills in "
          + Duration.between(started, Instant.now()).toSeconds() + " s, at " + killedIn);

      Custodian after = TerminationKillChild.custodian(ds, archives, keys, null);
      TerminationCase c = after.terminations().find(dev.custodian.client.SystemPrincipal.INSTANCE, CLIENT).orElseThrow();
      CertificateOfDeletion cert = after.terminations().certificate(ADMIN, CLIENT).orElseThrow();
      Map<String, Long> now = counts();
      long heldRecordings = (RECORDINGS + HELD_EVERY - 1) / HELD_EVERY;
      long heldContacts = (CONTACTS + HELD_EVERY - 1) / HELD_EVERY;

      // The host's data: unheld rows gone, held rows kept, the archive kept, the other client whole.
      assertThat(now.get("kill_recording/" + CLIENT)).as("recordings left").isEqualTo(heldRecordings);
      assertThat(now.get("kill_contact/" + CLIENT)).as("contacts left").isEqualTo(heldContacts);
      assertThat(heldLeft("kill_recording", "caller")).isEqualTo(heldRecordings);
      assertThat(heldLeft("kill_contact", "phone")).isEqualTo(heldContacts);
      assertThat(now.get("kill_call_log/" + CLIENT)).as("archived call logs").isEqualTo(CALL_LOGS);
      assertThat(unrestricted("kill_call_log")).as("archived call logs are restricted").isZero();
      for (String table : List.of("kill_recording", "kill_contact", "kill_call_log")) {
        assertThat(now.get(table + "/" + OTHER)).as("the other client's " + table).isEqualTo(OTHERS);
      }

      // The certificate's counts are the rows really returned and deleted.
      Map<CategoryId, CertificateOfDeletion.CategoryLine> lines = cert.categories().stream()
          .collect(Collectors.toMap(CertificateOfDeletion.CategoryLine::category, l -> l));
      CertificateOfDeletion.CategoryLine rec = lines.get(CategoryId.CALL_RECORDING);
      assertThat(rec.disposition()).isEqualTo(Disposition.RETURN_THEN_DELETE);
      assertThat(rec.deleted()).isEqualTo(before.get("kill_recording/" + CLIENT) - now.get("kill_recording/" + CLIENT));
      assertThat(rec.held()).isEqualTo(heldRecordings);
      assertThat(rec.returned()).isEqualTo(RECORDINGS);
      CertificateOfDeletion.CategoryLine con = lines.get(CategoryId.CONTACT_MANUAL);
      assertThat(con.deleted()).isEqualTo(before.get("kill_contact/" + CLIENT) - now.get("kill_contact/" + CLIENT));
      assertThat(con.held()).isEqualTo(heldContacts);
      CertificateOfDeletion.CategoryLine log = lines.get(CategoryId.CALL_LOG);
      assertThat(log.archived() + log.held()).isEqualTo(CALL_LOGS);

      // The archive delivered holds every recording, once; nothing else is left in the store.
      Path delivered = archives.resolve(CLIENT.value()).resolve(c.delivery().archiveId());
      try (Stream<String> lines2 = Files.lines(delivered.resolve("CALL_RECORDING.ndjson"))) {
        assertThat(lines2.count()).as("records in the delivered file").isEqualTo(RECORDINGS);
      }
      assertThat(cert.returnArchive().records()).isEqualTo(RECORDINGS);
      assertThat(cert.returnArchive().partialFilesLeft()).isZero();
      assertThat(cert.returnArchive().discardedArchives()).hasSize(c.delivery().attempt() - 1);
      List<Path> files;
      try (Stream<Path> all = Files.walk(dir)) {
        files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".log")).toList();
      }
      assertThat(files).as("no partial copy anywhere")
          .noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
      try (Stream<Path> archivesOfClient = Files.list(archives.resolve(CLIENT.value()))) {
        assertThat(archivesOfClient.map(p -> p.getFileName().toString()).toList())
            .as("only the delivered archive is left").containsExactly(c.delivery().archiveId());
      }

      // The evidence: nothing twice, everything once, the certificate and the chain verify.
      List<EvidenceEntry> entries = termination(new JdbcEvidenceStore(ds));
      Map<String, Long> perStep = new HashMap<>();
      for (EvidenceEntry e : entries) {
        if (!e.action().endsWith(".batch")) {
          assertThat(e.step()).as("step of " + e.action() + " at " + e.sequence()).isNotNull();
          perStep.merge(e.step(), 1L, Long::sum);
        }
      }
      assertThat(perStep.entrySet().stream().filter(x -> x.getValue() > 1).toList())
          .as("evidence entries written twice").isEmpty();
      assertThat(count(entries, "termination.mode.decided")).isEqualTo(1);
      assertThat(count(entries, "termination.archive.delivered")).isEqualTo(1);
      assertThat(count(entries, "termination.return.handed_over")).isEqualTo(1);
      assertThat(count(entries, "termination.category.deleted")).isEqualTo(2);
      assertThat(count(entries, "termination.category.archived")).isEqualTo(1);
      assertThat(count(entries, "termination.certificate.issued")).isEqualTo(1);
      assertThat(count(entries, "termination.archive.discarded"))
          .isEqualTo(cert.returnArchive().discardedArchives().size());
      long evidenced = entries.stream().filter(e -> e.action().equals("termination.deletion.batch"))
          .mapToLong(e -> Long.parseLong(e.details().getOrDefault("deleted", "0"))).sum();
      System.out.println("TerminationKillTest " + db().dialect() + ": export attempts "
          + c.delivery().attempt() + ", batch evidence deleted " + evidenced
          + " of " + (rec.deleted() + con.deleted()));
      // A batch's deletion, its evidence and the case's cursor commit together (issue 16, finding 1).
      assertThat(evidenced).as("rows deleted with their batch evidence")
          .isEqualTo(rec.deleted() + con.deleted());
      assertThat(CertificateVerifier.verify(cert, new JdbcEvidenceStore(ds),
          EvidenceKey.derivedFrom(TerminationKillChild.KEY)).problems()).isEmpty();
      ChainVerification chain = after.evidence().verify();
      assertThat(chain.valid()).as(chain.reason()).isTrue();
    }

    /** One child JVM, its output lines read as they come. */
    final class Child {
      final Process process;
      final Path log;
      final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      volatile String lastStep = "(none)";

      Child(Path log) throws IOException {
        this.log = log;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            TerminationKillChild.class.getName(), db().dialect().name(), url(),
            dir.resolve("archives").toString(), dir.resolve("keys").toString()))
            .redirectError(log.toFile()).start();
        Thread reader = new Thread(() -> {
          try (BufferedReader in = new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
              if (line.startsWith("STEP")) {
                lastStep = line.substring(5);
              }
              lines.add(line);
            }
          } catch (IOException e) {
            // The child was killed: its output ends here.
          }
          lines.add("EOF");
        }, "kill-child-output");
        reader.setDaemon(true);
        reader.start();
      }

      /**
       * Waits until the child works in {@code phase} or a later one (or is done); returns {@code
       * STEP} or {@code DONE}.
       */
      String firstAtOrAfter(TerminationPhase phase) throws InterruptedException {
        while (true) {
          String line = next();
          if (line.equals("DONE")) {
            return line;
          }
          if (line.startsWith("STEP ")) {
            String what = line.substring(5);
            TerminationPhase at = what.startsWith("delete") ? TerminationPhase.DELETING
                : Stream.of(TerminationPhase.values()).filter(p -> p.name().equals(what))
                    .findFirst().orElse(null);
            if (at != null && at.compareTo(phase) >= 0) {
              return "STEP";
            }
          }
        }
      }

      private String next() throws InterruptedException {
        String line = lines.poll(120, TimeUnit.SECONDS);
        if (line == null || line.equals("EOF")) {
          process.destroyForcibly();
          throw new AssertionError("the child ended or hung; see " + log);
        }
        return line;
      }

      /** Waits for the first line starting with one of {@code prefixes}; fails if the child ends. */
      String firstOf(String... prefixes) throws InterruptedException {
        while (true) {
          String line = lines.poll(120, TimeUnit.SECONDS);
          if (line == null || line.equals("EOF")) {
            process.destroyForcibly();
            throw new AssertionError("the child ended or hung without " + List.of(prefixes)
                + "; see " + log);
          }
          for (String p : prefixes) {
            if (line.startsWith(p)) {
              return p;
            }
          }
        }
      }

      String lastStep() {
        return lastStep;
      }
    }

    /** The evidence entries of the client's termination (basis: its case id). */
    private static List<EvidenceEntry> termination(JdbcEvidenceStore store) {
      List<EvidenceEntry> out = new ArrayList<>();
      for (long from = 1; ; ) {
        List<EvidenceEntry> page = store.readByClient(CLIENT, from, 1000);
        if (page.isEmpty()) {
          return out;
        }
        page.stream().filter(e -> e.action().startsWith("termination.")).forEach(out::add);
        from = page.get(page.size() - 1).sequence() + 1;
      }
    }

    private static long count(List<EvidenceEntry> entries, String action) {
      return entries.stream().filter(e -> e.action().equals(action)).count();
    }

    private void createAndFill(Instant terminationDate) throws SQLException {
      String ts = db().dialect() == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
      db().execute(
          "CREATE TABLE kill_recording (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " recorded_at " + ts + " NOT NULL, caller VARCHAR(32), callee VARCHAR(32),"
              + " storage_path VARCHAR(200), duration_s INTEGER,"
              + " restricted BOOLEAN DEFAULT FALSE NOT NULL)",
          "CREATE INDEX kill_recording_client_time ON kill_recording (client_id, recorded_at)",
          "CREATE TABLE kill_contact (id VARCHAR(40) PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " updated_at " + ts + " NOT NULL, email VARCHAR(320), phone VARCHAR(32),"
              + " display_name VARCHAR(100), restricted BOOLEAN DEFAULT FALSE NOT NULL)",
          "CREATE INDEX kill_contact_client_time ON kill_contact (client_id, updated_at)",
          "CREATE TABLE kill_call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " started_at " + ts + " NOT NULL, caller VARCHAR(32),"
              + " restricted BOOLEAN DEFAULT FALSE NOT NULL)",
          "CREATE INDEX kill_call_log_client_time ON kill_call_log (client_id, started_at)");
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement rec = c.prepareStatement("INSERT INTO kill_recording (id, client_id,"
               + " recorded_at, caller, callee, storage_path, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?)");
           PreparedStatement con = c.prepareStatement("INSERT INTO kill_contact (id, client_id,"
               + " updated_at, email, phone, display_name) VALUES (?, ?, ?, ?, ?, ?)");
           PreparedStatement log = c.prepareStatement("INSERT INTO kill_call_log (id, client_id,"
               + " started_at, caller) VALUES (?, ?, ?, ?)")) {
        c.setAutoCommit(false);
        long id = 1;
        for (String client : List.of(CLIENT.value(), OTHER.value())) {
          boolean mine = client.equals(CLIENT.value());
          for (int i = 0; i < (mine ? RECORDINGS : OTHERS); i++, id++) {
            rec.setLong(1, id);
            rec.setString(2, client);
            time(rec, 3, terminationDate.minus(Duration.ofMinutes(7L * i + 1)));
            rec.setString(4, mine && i % HELD_EVERY == 0 ? HELD.value() : String.format("+33199001%03d", i % 997));
            rec.setString(5, String.format("+3363998%04d", i % 4999));
            rec.setString(6, "s3://recordings/" + client + "/" + id + ".wav");
            rec.setInt(7, 30 + i % 600);
            rec.addBatch();
            con.setString(1, "c-" + id);
            con.setString(2, client);
            time(con, 3, terminationDate.minus(Duration.ofMinutes(11L * i + 1)));
            con.setString(4, "contact" + i + "@example.com");
            con.setString(5, mine && i % HELD_EVERY == 0 ? HELD.value() : String.format("+3363998%04d", i % 4999));
            con.setString(6, "Contact " + i);
            con.addBatch();
            if (i < (mine ? CALL_LOGS : OTHERS)) {
              log.setLong(1, id);
              log.setString(2, client);
              time(log, 3, terminationDate.minus(Duration.ofMinutes(13L * i + 1)));
              log.setString(4, mine && i % HELD_EVERY == 0 ? HELD.value() : String.format("+33199001%03d", i % 997));
              log.addBatch();
            }
            if (id % 1000 == 0) {
              rec.executeBatch();
              con.executeBatch();
              log.executeBatch();
            }
          }
        }
        rec.executeBatch();
        con.executeBatch();
        log.executeBatch();
        c.commit();
      }
    }

    private void time(PreparedStatement ps, int i, Instant at) throws SQLException {
      if (db().dialect() == Dialect.MARIADB) {
        ps.setObject(i, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      } else {
        ps.setObject(i, at.atOffset(ZoneOffset.UTC));
      }
    }

    /** Rows per table and client. */
    private Map<String, Long> counts() throws SQLException {
      Map<String, Long> out = new HashMap<>();
      try (Connection c = db().dataSource().getConnection()) {
        for (String table : List.of("kill_recording", "kill_contact", "kill_call_log")) {
          try (PreparedStatement ps = c.prepareStatement(
                   "SELECT client_id, COUNT(*) FROM " + table + " GROUP BY client_id");
               ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(table + "/" + rs.getString(1), rs.getLong(2));
            }
          }
          out.putIfAbsent(table + "/" + CLIENT, 0L);
          out.putIfAbsent(table + "/" + OTHER, 0L);
        }
      }
      return out;
    }

    private long heldLeft(String table, String column) throws SQLException {
      return single("SELECT COUNT(*) FROM " + table + " WHERE client_id = '" + CLIENT.value()
          + "' AND " + column + " = '" + HELD.value() + "'");
    }

    private long unrestricted(String table) throws SQLException {
      return single("SELECT COUNT(*) FROM " + table + " WHERE client_id = '" + CLIENT.value()
          + "' AND restricted = FALSE");
    }

    private long single(String sql) throws SQLException {
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement ps = c.prepareStatement(sql);
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
