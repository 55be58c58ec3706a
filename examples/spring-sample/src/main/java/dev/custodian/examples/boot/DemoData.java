package dev.custodian.examples.boot;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills the sample's empty tables with a few fictional calls, messages and contacts of two client
 * accounts, {@code acme} and {@code globex}, so the API has something to find. The caller
 * {@code +33199000101} appears in both accounts' data. Turn off with {@code sample.demo-data=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.demo-data", matchIfMissing = true)
class DemoData implements ApplicationRunner {
  private final JdbcClient jdbc;
  private final Clock clock;

  DemoData(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (jdbc.sql("SELECT COUNT(*) FROM calls").query(Long.class).single() > 0) {
      return;
    }
    Instant now = clock.instant();
    call(1, "acme", now.minus(Duration.ofDays(3)), "+33199000101", "+33639980201", 63);
    call(2, "acme", now.minus(Duration.ofDays(2)), "+33639980201", "+33199000101", 12);
    call(3, "globex", now.minus(Duration.ofDays(1)), "+33199000101", "+33639980202", 240);
    call(4, "globex", now.minus(Duration.ofDays(400)), "+33199000102", "+33639980202", 30);
    jdbc.sql("INSERT INTO sms (id, account_id, sent_at, sender, recipient) VALUES (?, ?, ?, ?, ?)")
        .params(1, "acme", Timestamp.from(now.minus(Duration.ofHours(5))), "+33639980201",
            "+33199000101")
        .update();
    jdbc.sql("INSERT INTO contacts (id, account_id, updated_at, name, phone, email)"
            + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(1, "acme", Timestamp.from(now.minus(Duration.ofDays(30))), "Camille Exemple",
            "+33199000101", "camille@example.com")
        .update();
  }

  private void call(long id, String account, Instant at, String caller, String callee, int secs) {
    jdbc.sql("INSERT INTO calls (id, account_id, started_at, caller, callee, duration_s)"
            + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, account, Timestamp.from(at), caller, callee, secs)
        .update();
  }
}
