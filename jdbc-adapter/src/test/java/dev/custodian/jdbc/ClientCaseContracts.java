package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StoredState;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.subject.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client ids, and subject identifiers, that differ only by case are different clients and
 * different people on every database (issue 15, finding 3): clients {@code acme} and {@code ACME}
 * never see, count or delete each other's rows, and a user {@code agent-7} is not {@code Agent-7}.
 * Each dialect's class says how its database gets there (MariaDB: the server's default collation,
 * refused at binding until the columns are binary).
 */
abstract class ClientCaseContracts {
  static final ClientId LOWER = ClientId.of("acme");
  static final ClientId UPPER = ClientId.of("ACME");
  static final CategoryId CATEGORY = CategoryId.CALL_LOG;
  static final UserId AGENT = UserId.of("agent-7");
  static final UserId OTHER_AGENT = UserId.of("Agent-7");
  static final Instant T0 = Instant.parse("2020-03-01T10:00:00Z");

  abstract TestDatabase database();

  /** The host data over {@code case_log}, after whatever the database needs first. */
  abstract HostData bind();

  static HostDataMapping mapping() {
    return HostDataMapping.builder().table(TableMapping.builder(CATEGORY).table("case_log")
        .id("id").client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
        .subject("user_ref", SubjectKind.USER).build()).build();
  }

  JdbcHostData.Builder builder() {
    return JdbcHostData.builder(database().dataSource(), mapping());
  }

  @BeforeEach
  void createRows() {
    String time = database().dialect() == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)";
    database().execute("DROP TABLE IF EXISTS case_log",
        "CREATE TABLE case_log (id BIGINT NOT NULL PRIMARY KEY, client_id VARCHAR(64) NOT NULL,"
            + " started_at " + time + " NOT NULL, caller VARCHAR(32), user_ref VARCHAR(256))",
        "CREATE INDEX case_log_client_time ON case_log (client_id, started_at)");
    try (Connection c = database().dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO case_log (id, client_id, started_at, caller, user_ref) VALUES (?, ?, ?, ?, ?)")) {
      row(ps, 1, LOWER, AGENT);
      row(ps, 2, LOWER, AGENT);
      row(ps, 3, LOWER, OTHER_AGENT);
      row(ps, 11, UPPER, AGENT);
      row(ps, 12, UPPER, AGENT);
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void row(PreparedStatement ps, long id, ClientId client, UserId user)
      throws SQLException {
    ps.setLong(1, id);
    ps.setString(2, client.value());
    ps.setObject(3, LocalDateTime.ofInstant(T0.plusSeconds(id), ZoneOffset.UTC));
    ps.setString(4, "+33199000" + (10 + id));
    ps.setString(5, user.value());
    ps.addBatch();
  }

  private Set<Long> ids(List<HostRecord> records) {
    Set<Long> out = new TreeSet<>();
    records.forEach(r -> out.add(Long.parseLong(r.id())));
    return out;
  }

  private Set<Long> remaining() {
    Set<Long> out = new TreeSet<>();
    try (Connection c = database().dataSource().getConnection();
         var rs = c.createStatement().executeQuery("SELECT id FROM case_log")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  void clientsDifferingOnlyByCaseAreFoundApart() {
    HostData host = bind();
    List<SubjectIdentifier> agent = List.of(AGENT);
    assertThat(host.clientsHolding(agent)).containsExactly(UPPER, LOWER);
    assertThat(host.clients(CATEGORY)).containsExactly(UPPER, LOWER);
    assertThat(ids(host.findSubject(LOWER, agent))).containsExactly(1L, 2L);
    assertThat(ids(host.findSubject(UPPER, agent))).containsExactly(11L, 12L);
    assertThat(host.count(RecordSelection.all(LOWER, CATEGORY))).isEqualTo(3);
    assertThat(host.count(RecordSelection.all(UPPER, CATEGORY))).isEqualTo(2);
    List<HostRecord> streamed = new java.util.ArrayList<>();
    host.stream(UPPER, CATEGORY, streamed::add);
    assertThat(ids(streamed)).containsExactly(11L, 12L);
  }

  @Test
  void userIdsDifferingOnlyByCaseAreDifferentPeople() {
    HostData host = bind();
    assertThat(ids(host.findSubject(LOWER, List.of(OTHER_AGENT)))).containsExactly(3L);
    assertThat(host.count(RecordSelection.all(LOWER, CATEGORY).withSubjects(Set.of(AGENT))))
        .isEqualTo(2);
  }

  @Test
  void deletingOneClientsRowsLeavesTheOtherCasesRows() {
    HostData host = bind();
    var batch = host.deleteBatch(RecordSelection.all(LOWER, CATEGORY), null, 100);
    assertThat(batch.deleted()).isEqualTo(3);
    assertThat(remaining()).containsExactly(11L, 12L);
  }

  @Test
  void aGroupDeletionOfOneClientLeavesTheOtherCasesRows() {
    HostData host = bind();
    GroupDeletion d = host.deleteGroupBatch(new GroupSelection(CATEGORY, null,
        T0.plusSeconds(3600), Map.of(UPPER, List.of())), null, 100);
    assertThat(d.deleted()).containsExactly(Map.entry(UPPER, 2L));
    assertThat(remaining()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void restrictingOneClientsRowsOfASubjectLeavesTheOtherPersonsRows() {
    HostData host = bind();
    var batch = host.deleteBatch(
        RecordSelection.all(LOWER, CATEGORY).withSubjects(Set.of(OTHER_AGENT)), null, 100);
    assertThat(batch.deleted()).isEqualTo(1);
    assertThat(remaining()).containsExactly(1L, 2L, 11L, 12L);
  }

  /** Custodian's own tables keep states of clients differing only by case apart too. */
  @Test
  void custodianStateKeepsClientsDifferingOnlyByCaseApart() {
    JdbcStateStore store = new JdbcStateStore(database().dataSource(), database().dialect());
    String kind = "case-test-" + System.nanoTime();
    store.insert(kind, "request-acme", LOWER, null, "{}");
    store.insert(kind, "request-ACME", UPPER, null, "{}");
    store.insert(kind, "Request-acme", LOWER, null, "{}");
    assertThat(store.list(kind, LOWER)).extracting(StoredState::id)
        .containsExactly("Request-acme", "request-acme");
    assertThat(store.list(kind, UPPER)).extracting(StoredState::id)
        .containsExactly("request-ACME");
    assertThat(store.find(kind, "request-ACME").orElseThrow().client()).isEqualTo(UPPER);
  }
}
