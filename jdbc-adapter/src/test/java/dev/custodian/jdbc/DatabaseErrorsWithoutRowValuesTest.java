package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A database error quotes row values ({@code Key (caller)=(+33...)} on PostgreSQL): none may reach
 * an exception message, a cause's message, a stack trace print-out or a log line (R-EVID-2). A
 * foreign key on a phone column makes the sweep's deletion fail on real PostgreSQL and MariaDB.
 */
class DatabaseErrorsWithoutRowValuesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final ClientId CLIENT = ClientId.of("acme");
  private static final String PHONE = "+33639981234";
  /** The number's significant digits, in any writing. */
  private static final String DIGITS = "639981234";

  @Nested
  class OnPostgres extends Scenario {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgres();

    @Override
    TestDatabase db() {
      return db;
    }

    @Override
    String expectedSqlState() {
      return "23503";
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
    String expectedSqlState() {
      return "23000";
    }
  }

  abstract static class Scenario {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    abstract TestDatabase db();

    abstract String expectedSqlState();

    @BeforeEach
    void captureLogs() {
      logs.start();
      root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
      root.detachAppender(logs);
    }

    private void createAndFill() throws SQLException {
      String ts = db().dialect() == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
      db().execute(
          "CREATE TABLE call_log (id BIGINT PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
              + " started_at " + ts + " NOT NULL, caller VARCHAR(32) NOT NULL,"
              + " CONSTRAINT call_log_caller_key UNIQUE (caller))",
          "CREATE TABLE call_note (id BIGINT PRIMARY KEY, caller VARCHAR(32) NOT NULL,"
              + " CONSTRAINT fk_note_caller FOREIGN KEY (caller) REFERENCES call_log (caller))");
      try (Connection c = db().dataSource().getConnection();
           PreparedStatement call = c.prepareStatement(
               "INSERT INTO call_log (id, client_id, started_at, caller) VALUES (?, ?, ?, ?)");
           PreparedStatement note = c.prepareStatement(
               "INSERT INTO call_note (id, caller) VALUES (?, ?)")) {
        call.setLong(1, 1);
        call.setString(2, CLIENT.value());
        Instant old = NOW.minus(Duration.ofDays(5 * 365));
        if (db().dialect() == Dialect.MARIADB) {
          call.setObject(3, LocalDateTime.ofInstant(old, ZoneOffset.UTC));
        } else {
          call.setObject(3, old.atOffset(ZoneOffset.UTC));
        }
        call.setString(4, PHONE);
        call.executeUpdate();
        note.setLong(1, 1);
        note.setString(2, PHONE);
        note.executeUpdate();
      }
    }

    @Test
    void aForeignKeyErrorOnAPhoneColumnLeavesNoNumberInMessagesOrLogs_R_EVID_2() throws Exception {
      createAndFill();
      Custodian custodian = Custodian.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .stateStore(new JdbcStateStore(db().dataSource()))
          .evidenceStore(new JdbcEvidenceStore(db().dataSource()))
          .hostData(JdbcHostData.builder(db().dataSource(), HostDataMapping.builder()
              .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
                  .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
                  .build())
              .build()).build())
          .workQueue(new JdbcWorkQueue(db().dataSource()))
          .sweepOptions(SweepOptions.defaults().withBatchSize(10).withNode("n1"))
          .pseudonymizationKey("a pseudonymisation key of 32+ bytes, for tests".getBytes())
          .build();
      RetentionPlan plan = custodian.retention().plan();
      assertThat(plan.deletable()).as("the row is expired").isEqualTo(1);
      String planId = custodian.retention().submit(plan);

      Throwable thrown = null;
      try {
        custodian.retention().resume(planId);
      } catch (RuntimeException e) {
        thrown = e;
      }

      assertThat(thrown).as("the deletion fails on the foreign key").isNotNull();
      CustodianJdbcException jdbc = find(thrown);
      assertThat(jdbc).as("a CustodianJdbcException in the chain").isNotNull();
      assertThat(jdbc.sqlState()).hasValue(expectedSqlState());
      assertThat(jdbc.constraint()).hasValue("fk_note_caller");
      assertThat(jdbc.getMessage()).contains("SQLState " + expectedSqlState())
          .contains("fk_note_caller");
      assertThat(jdbc.getCause()).isInstanceOf(SQLException.class);
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(DIGITS);
        assertThat(t.toString()).doesNotContain(DIGITS);
      }
      StringWriter printed = new StringWriter();
      thrown.printStackTrace(new PrintWriter(printed));
      assertThat(printed.toString()).doesNotContain(DIGITS);

      List<String> lines = new ArrayList<>();
      for (ILoggingEvent e : logs.list) {
        lines.add(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
          lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
      }
      assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(DIGITS));
      // The row is still there: nothing was deleted.
      try (Connection c = db().dataSource().getConnection();
           var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM call_log")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
    }

    private static CustodianJdbcException find(Throwable t) {
      for (; t != null; t = t.getCause()) {
        if (t instanceof CustodianJdbcException j) {
          return j;
        }
      }
      return null;
    }
  }

  @Test
  void theRetryLogicStillSeesSqlStatesThroughTheSanitizedChain() {
    SQLException deadlock = new SQLException("Deadlock on row (" + PHONE + ")", "40P01", 0);
    SQLException duplicate = new SQLException("Duplicate entry '" + PHONE + "' for key 'PRIMARY'",
        "23000", 1062);
    CustodianJdbcException d = CustodianJdbcException.of("database call failed", deadlock);
    CustodianJdbcException u = CustodianJdbcException.of("database call failed",
        new SQLException("wrapped", "HY000", 0, duplicate));
    assertThat(Jdbc.isTransient((SQLException) d.getCause())).isTrue();
    assertThat(Jdbc.isDuplicateKey((SQLException) u.getCause())).isTrue();
    assertThat(Jdbc.isDuplicateKey((SQLException) d.getCause())).isFalse();
    java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException(
        "Batch entry 0 DELETE FROM t WHERE phone = '" + PHONE + "' was aborted", "23505", 0,
        new int[0]);
    batch.setNextException(new SQLException("Key (phone)=(" + PHONE + ") already exists", "23505"));
    CustodianJdbcException b = CustodianJdbcException.of("database call failed", batch);
    assertThat(Jdbc.isDuplicateKey(batch)).isTrue();
    assertThat(Jdbc.isDuplicateKey((SQLException) b.getCause())).isTrue();
    for (CustodianJdbcException e : List.of(d, u, b)) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(t.getMessage()).doesNotContain(DIGITS);
      }
    }
  }
}
