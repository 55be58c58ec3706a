package dev.custodian.examples.boot;

import dev.custodian.spi.AuthorityResponse;
import dev.custodian.spi.Responder;
import dev.custodian.spi.SubjectResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sample operator's channel to subjects and authorities. A real backend would send an e-mail,
 * an SMS or a letter; this one records what it would have sent in its {@code deliveries} table,
 * so the REST API (and the tests) can show what reached whom and under which instruction.
 *
 * <p>Custodian finds this {@link Responder} bean and calls it only through its response gates,
 * that is, only with the client's verified instruction (R-DSR-3). Delivery may repeat after a
 * crash: the response id is the key, so a repeat changes nothing.
 */
@Component
class DeliveryLog implements Responder {
  private final JdbcClient jdbc;
  private final Clock clock;

  DeliveryLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One delivery, as recorded. */
  record Delivery(String responseId, String addressee, String requestId, String client,
      String instruction, Instant deliveredAt, int records, String message) {}

  @Override
  public void answerSubject(SubjectResponse response) {
    record("subject", response.responseId(), response.requestId(), response.client().value(),
        response.authorization().basis(), response.data().size(), response.message());
  }

  @Override
  public void answerAuthority(AuthorityResponse response) {
    record("authority", response.responseId(), response.requestId(), response.client().value(),
        response.authorization().basis(), response.data().size(), response.message());
  }

  List<Delivery> all() {
    return jdbc.sql("SELECT response_id, addressee, request_id, account_id, instruction,"
            + " delivered_at, records, message FROM deliveries ORDER BY delivered_at, response_id")
        .query((rs, n) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7),
            rs.getString(8)))
        .list();
  }

  private void record(String addressee, String responseId, String requestId, String client,
      String instruction, int records, String message) {
    int known = jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE response_id = ?")
        .param(responseId).query(Integer.class).single();
    if (known > 0) {
      return; // a repeat after a crash: already delivered
    }
    jdbc.sql("INSERT INTO deliveries (response_id, addressee, request_id, account_id, instruction,"
            + " delivered_at, records, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(responseId, addressee, requestId, client, instruction,
            Timestamp.from(clock.instant()), records, message)
        .update();
  }
}
