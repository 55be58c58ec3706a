package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.contract.HostDataContract;
import dev.custodian.hold.Hold;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.SubjectKind;
import dev.custodian.jdbc.TableMapping;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.SweepReport;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.testing.CustodianFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/guide/testing-your-host.md (the regions between the GUIDE markers, checked by
 * {@code GuideTest}): a host proving its own {@code HostData} with the contract suite of {@code
 * custodian-test}, and its own retention policy with {@code CustodianFixture}.
 */
class TestingYourHostGuideTest {
  private static final ClientId ATELIER = ClientId.of("atelier-nord");
  private static final PhoneNumber CALLER = PhoneNumber.of("+33 1 99 00 03 01");
  private static final ProcessorPrincipal OFFICER =
      ProcessorPrincipal.of("dpo-1", ProcessorRole.DESIGNATED_OFFICER);

  // GUIDE:begin
  static final HostDataMapping OUR_MAPPING = HostDataMapping.builder()
      .table(TableMapping.builder(CategoryId.CALL_LOG).table("call_log").id("id")
          .client("client_id").time("started_at").subject("caller", SubjectKind.PHONE)
          .subject("callee", SubjectKind.PHONE).restricted("restricted").build())
      .table(TableMapping.builder(CategoryId.CONTACT_MANUAL).table("contact").id("id")
          .client("client_id").time("updated_at").subject("email", SubjectKind.EMAIL)
          .subject("user_ref", SubjectKind.USER).restricted("restricted").build())
      .build();

  @Nested
  class OurMappingKeepsTheHostDataContract extends HostDataContract {
    private final OurTables tables = new OurTables(); // our schema, in an in-memory H2

    @Override
    protected HostData createHostData(List<HostRecord> records) {
      tables.load(records); // the suite's records, written into our own tables
      return JdbcHostData.builder(tables.dataSource(), OUR_MAPPING).build();
    }

    @Override
    protected boolean contains(CategoryId category, String id) {
      return tables.contains(category, id);
    }

    @Override
    protected boolean isRestricted(CategoryId category, String id) {
      return tables.isRestricted(category, id);
    }
  }
  // GUIDE:end

  private static HostRecord webhookLog(String id, String time) {
    return new HostRecord(CategoryId.WEBHOOK_LOG, ATELIER, id, Instant.parse(time), Set.of(),
        Map.of("status", 200));
  }

  private static HostRecord call(String id, String time) {
    return new HostRecord(CategoryId.CALL_LOG, ATELIER, id, Instant.parse(time), Set.of(CALLER),
        Map.of("direction", "in"));
  }

  @Test
  void ourWebhookLogsGoAfterTwoWeeks() {
    // GUIDE:begin
    RetentionSchedule ours = RetentionSchedule.annexA().toBuilder()
        .contractualPeriod(CategoryId.WEBHOOK_LOG, Period.ofDays(14)) // ours: two weeks, not a month
        .build();
    CustodianFixture fixture = CustodianFixture.builder()
        .retentionSchedule(ours) // the same schedule production passes to Custodian.builder()
        .startingAt(Instant.parse("2026-03-02T09:00:00Z"))
        .records(webhookLog("w-1", "2026-03-02T08:00:00Z"), webhookLog("w-2", "2026-03-09T08:00:00Z"))
        .build();

    fixture.clock().advance(Duration.ofDays(15)); // no waiting: the clock is the test's
    SweepReport report = fixture.custodian().retention().sweep();

    assertThat(report.deleted()).isEqualTo(1); // w-1 is past two weeks, w-2 is not yet
    assertThat(fixture.hostData().count(RecordSelection.all(ATELIER, CategoryId.WEBHOOK_LOG)))
        .isEqualTo(1);
    // GUIDE:end
  }

  @Test
  void aHeldCallOutlivesItsYear_R_HOLD_2() {
    // GUIDE:begin
    CustodianFixture fixture = CustodianFixture.builder()
        .records(call("c-1", "2026-01-05T08:00:00Z"), call("c-2", "2026-01-06T08:00:00Z"))
        .build();
    Hold hold = fixture.custodian().holds().place(OFFICER, ATELIER, Set.of(CALLER),
        Set.of(CategoryId.CALL_LOG), null, Instant.parse("2026-01-06T00:00:00Z"),
        "Réquisition judiciaire 2026/118 (fictional)");

    fixture.clock().setParis("2027-03-01T10:00"); // past the call logs' legal year
    fixture.custodian().retention().sweep();

    assertThat(fixture.hostData().findSubject(ATELIER, Set.of(CALLER)))
        .extracting(HostRecord::id).containsExactly("c-1"); // held; c-2 was swept
    // GUIDE:end
    assertThat(hold.active()).isTrue();
  }
}
