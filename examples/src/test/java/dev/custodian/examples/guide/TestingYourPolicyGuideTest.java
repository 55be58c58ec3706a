package dev.custodian.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.Classifier;
import dev.custodian.retention.ClientContext;
import dev.custodian.retention.Decision;
import dev.custodian.retention.RecordFacts;
import dev.custodian.retention.RetentionSchedule;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/guide/testing-your-policy.md (the regions between the GUIDE markers, checked by
 * {@code GuideTest}): a host's own retention policy unit-tested with the classifier, no database.
 */
class TestingYourPolicyGuideTest {
  private static final ClientId CLIENT = ClientId.of("atelier-nord");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void callLogsAreKeptExactlyTwelveMonths_R_RET_2() {
    // GUIDE:begin
    Classifier classifier = new Classifier(RetentionSchedule.annexA());
    ClientContext client = ClientContext.plain(ClientId.of("atelier-nord"), ZoneId.of("Europe/Paris"));
    RecordFacts call = RecordFacts.of(client.client(), CategoryId.CALL_LOG,
        Instant.parse("2026-01-31T10:00:00Z"), Set.of());

    Decision before = classifier.classify(call, client, Instant.parse("2027-01-30T12:00:00Z"));
    Decision after = classifier.classify(call, client, Instant.parse("2027-02-01T12:00:00Z"));

    assertThat(before).isInstanceOf(Decision.Keep.class);
    assertThat(((Decision.Keep) before).until()).isEqualTo("2027-01-31T10:00:00Z"); // a calendar year, Paris time
    assertThat(before.rule().id()).isEqualTo("CALL_LOG.cpce-ceiling"); // the rule that ends it
    assertThat(after.deletable()).isTrue();
    // GUIDE:end
  }

  @Test
  void aClientSetDurationDecidesRecordings_R_RET_3() {
    // GUIDE:begin
    ClientContext withSetting = ClientContext.of(CLIENT, PARIS,
        Map.of(CategoryId.CALL_RECORDING, Period.ofDays(90)), List.of(), List.of());
    RecordFacts recording = RecordFacts.of(CLIENT, CategoryId.CALL_RECORDING,
        Instant.parse("2026-03-01T09:00:00Z"), Set.of());
    Classifier classifier = new Classifier(RetentionSchedule.annexA());

    Decision d = classifier.classify(recording, withSetting, Instant.parse("2026-06-15T00:00:00Z"));

    assertThat(d).isInstanceOf(Decision.DeleteNow.class);
    assertThat(d.rule().id()).isEqualTo("CALL_RECORDING.client-delete");
    // Without the client's setting nothing says when a recording ends: it is kept.
    assertThat(classifier.classify(recording, ClientContext.plain(CLIENT, PARIS),
        Instant.parse("2026-06-15T00:00:00Z"))).isInstanceOf(Decision.Keep.class);
    // GUIDE:end
  }

  @Test
  void aProcessorsOwnPeriodIsTestedTheSameWay_R_RET_1() {
    // GUIDE:begin
    RetentionSchedule mine = RetentionSchedule.annexA().toBuilder()
        .contractualPeriod(CategoryId.WEBHOOK_LOG, Period.ofDays(14)) // ours: two weeks, not a month
        .build();
    Classifier classifier = new Classifier(mine);
    RecordFacts hook = RecordFacts.of(CLIENT, CategoryId.WEBHOOK_LOG,
        Instant.parse("2026-05-01T08:00:00Z"), Set.of());

    assertThat(classifier.classify(hook, ClientContext.plain(CLIENT, PARIS),
        Instant.parse("2026-05-16T00:00:00Z")).deletable()).isTrue();
    // GUIDE:end
  }
}
