package dev.custodian.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.spi.WorkQueue;
import dev.custodian.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The scheduled sweep over mapped JDBC tables, with two nodes on one database (R-RET-6). */
class CustodianRetentionSweepTest {

  @Test
  void twoNodesSweepOnceAndDeleteOnlyWhatExpired_R_RET_6() {
    String db = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    ApplicationContextRunner node = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceInitializationAutoConfiguration.class, CustodianJdbcAutoConfiguration.class,
            CustodianAutoConfiguration.class, CustodianMetricsAutoConfiguration.class))
        // Each node runs its jobs only when the test fires them, never in the background.
        .withUserConfiguration(CustodianHealthAndMetricsTest.Registry.class,
            ManualTaskScheduler.Config.class)
        .withPropertyValues("spring.datasource.url=" + db, "spring.datasource.username=sa",
            CustodianAutoConfigurationTest.KEY, "custodian.sweep.batch-size=1")
        .withPropertyValues(CustodianJdbcAutoConfigurationTest.CALLS_MAPPING)
        .withBean(MutableClock.class, () -> new MutableClock(Instant.parse("2027-03-01T03:00:00Z")));
    node.run(first -> node.run(second -> {
      assertThat(first).hasNotFailed();
      assertThat(second).hasNotFailed();
      insertRecentCall(first.getBean(DataSource.class));
      // Both nodes fire at the same minute.
      first.getBean(CustodianScheduler.class).runAllNow();
      second.getBean(CustodianScheduler.class).runAllNow();

      // The call of 2026-02-27 is past its 12 months; the one of 2027-02-01 is not.
      assertThat(callIds(first.getBean(DataSource.class))).containsExactly(2L);
      WorkQueue queue = first.getBean(WorkQueue.class);
      // Named after the firing minute in the sweep zone (Europe/Paris by default).
      List<WorkQueue.WorkUnit> planUnits = queue.units("custodian.sweep.20270301T0400");
      assertThat(planUnits).singleElement().satisfies(u -> assertThat(u.done()).isTrue());
      Custodian custodian = second.getBean(Custodian.class);
      assertThat(custodian.retention().status().backlog()).isZero();
      assertThat(custodian.evidence().verify().valid()).isTrue();
      // The node that deleted counted it: one call-log record under the legal ceiling.
      double deleted = 0;
      for (var ctx : List.of(first, second)) {
        var counter = ctx.getBean(MeterRegistry.class).find("custodian.sweep.deleted")
            .tag("category", "CALL_LOG").counter();
        deleted += counter == null ? 0 : counter.count();
      }
      assertThat(deleted).isEqualTo(1.0);
    }));
  }

  private static void insertRecentCall(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO calls (id, account_id, started_at, caller, callee) VALUES (2, 'acme',"
          + " TIMESTAMP WITH TIME ZONE '2027-02-01 10:00:00+00', '+33199000103', '+33639980204')");
    }
  }

  private static List<Long> callIds(DataSource ds) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM calls ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
