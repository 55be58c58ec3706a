package dev.custodian.retention;

import static dev.custodian.testing.Seeds.choice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import dev.custodian.testing.Seeds;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Precedence invariants of the classifier for random records, client settings, events and holds
 * (R-HOLD-1, R-RET-2, precedence rule 5).
 */
class ClassifierProperties {
  static final ClientId ACME = ClientId.of("acme");
  static final List<SubjectIdentifier> PEOPLE = List.of(PhoneNumber.of("+33 1 99 00 00 01"),
      PhoneNumber.of("+33 1 99 00 00 02"), PhoneNumber.of("+33 6 39 98 00 03"));
  static final long FROM = 1_577_836_800L; // 2020-01-01
  static final long SPAN = 10L * 365 * 86_400;
  static final List<CategoryId> TRAFFIC =
      List.of(CategoryId.CALL_LOG, CategoryId.FAX_LOG, CategoryId.SMS_LOG, CategoryId.MMS_LOG);

  /**
   * The shipped schedule, where a host also lets clients set retain and delete durations for every
   * category: "whatever the client sets" includes settings on traffic data.
   */
  static final RetentionSchedule SCHEDULE = permissive();
  static final Classifier CLASSIFIER = new Classifier(SCHEDULE);

  static RetentionSchedule permissive() {
    RetentionSchedule.Builder b = RetentionSchedule.annexA().toBuilder();
    for (CategoryPolicy p : RetentionSchedule.annexA().categories()) {
      if (p.neverStored() || p.clientSettable()) {
        continue;
      }
      b.rule(RetentionRule.of(p.id() + ".client-retain", p.id(), RuleSource.CLIENT_SETTING, RuleKind.RETAIN, ClockStart.RECORD_TIME, null, "host option"));
      b.rule(RetentionRule.of(p.id() + ".client-delete", p.id(), RuleSource.CLIENT_SETTING, RuleKind.DELETE, ClockStart.RECORD_TIME, null, "host option"));
    }
    return b.build();
  }

  record Case(RecordFacts record, ClientContext context, Instant now) {}

  static Instant instant(Seeds.Gen g) {
    return Instant.ofEpochSecond(g.longBetween(FROM, FROM + SPAN));
  }

  static Period period(Seeds.Gen g) {
    return g.weighted(choice(1, () -> Period.ofDays(g.intBetween(0, 3000))),
        choice(1, () -> Period.ofYears(g.intBetween(0, 30))),
        choice(1, () -> Period.ofMonths(g.intBetween(0, 60))));
  }

  static Set<SubjectIdentifier> subjects(Seeds.Gen g) {
    return g.set(2, PEOPLE);
  }

  static final List<CategoryId> ALL = SCHEDULE.categories().stream().map(CategoryPolicy::id).toList();

  static CategoryId category(Seeds.Gen g) {
    return g.pick(ALL);
  }

  static ClientEvent event(Seeds.Gen g) {
    ClientEventType type = g.pick(ClientEventType.class);
    Instant at = instant(g);
    Set<CategoryId> cats = g.set(1, ALL);
    Set<SubjectIdentifier> subs = subjects(g);
    return new ClientEvent("e-" + type + at, ACME, type, at, cats, subs, "", "op", at, null, null, null);
  }

  static Hold hold(Seeds.Gen g) {
    Set<SubjectIdentifier> subs = subjects(g);
    Set<CategoryId> cats = g.set(2, ALL);
    Instant from = g.nullOr(0.5, () -> instant(g));
    Integer days = g.nullOr(0.5, () -> g.intBetween(1, 4000));
    String id = g.alpha(6);
    return new Hold("hold-" + id, ACME, subs, cats, from,
        from == null || days == null ? null : from.plusSeconds(days * 86_400L), "court order", "op",
        Instant.EPOCH, null, null, null);
  }

  static Map<CategoryId, Period> settings(Seeds.Gen g) {
    Map<CategoryId, Period> m = new HashMap<>();
    int size = g.intBetween(0, 6);
    for (int i = 0; i < size; i++) {
      m.put(category(g), period(g));
    }
    return m;
  }

  static ZoneId zone(Seeds.Gen g) {
    return ZoneId.of(g.pick("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"));
  }

  static Case aCase(Seeds.Gen g, List<CategoryId> categories) {
    RecordFacts r = RecordFacts.of(ACME, g.pick(categories), instant(g), subjects(g));
    ClientContext c = ClientContext.of(ACME, zone(g), settings(g), g.list(0, 4, () -> event(g)),
        g.list(0, 3, () -> hold(g)));
    long ahead = g.longBetween(0, 40L * 365 * 86_400);
    return new Case(r, c, r.time().plusSeconds(ahead - 2L * 365 * 86_400));
  }

  static Case anyCase(Seeds.Gen g) {
    return aCase(g, ALL);
  }

  static Case trafficCase(Seeds.Gen g) {
    return aCase(g, TRAFFIC);
  }

  @TestFactory
  Stream<DynamicTest> aHeldRecordIsNeverClassifiedDeletable_R_HOLD_1() {
    return Seeds.cases("aHeldRecordIsNeverClassifiedDeletable_R_HOLD_1", 1000, g -> {
      Case c = anyCase(g);
      boolean covered = c.context().holds().stream().anyMatch(h -> h.covers(ACME, c.record().category(),
          c.record().time(), c.record().subjects()));
      Decision d = CLASSIFIER.classify(c.record(), c.context(), c.now());
      if (covered) {
        assertThat(d).isInstanceOf(Decision.Held.class);
        assertThat(d.deletable()).isFalse();
      } else {
        assertThat(d).isNotInstanceOf(Decision.Held.class);
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> trafficDataIsNeverDeletableBeforeTwelveMonthsWhateverTheClientSets_R_RET_2() {
    return Seeds.cases("trafficDataIsNeverDeletableBeforeTwelveMonthsWhateverTheClientSets_R_RET_2", 1000, g -> {
      Case c = trafficCase(g);
      Decision d = CLASSIFIER.classify(c.record(), c.context(), c.now());
      Instant floor = ZonedPeriods.plus(c.record().time(), Period.ofMonths(12), c.context().zone());
      if (c.now().isBefore(floor)) {
        assertThat(d.deletable()).as("deletable before " + floor + ": " + d).isFalse();
      }
      if (d instanceof Decision.DeleteNow del) {
        assertThat(del.dueSince()).isAfterOrEqualTo(floor);
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> aClientSettingAboveALegalCeilingNeverExtendsRetentionPastIt() {
    return Seeds.cases("aClientSettingAboveALegalCeilingNeverExtendsRetentionPastIt", 1000, g -> {
      Case c = trafficCase(g);
      // Legal ceiling of traffic data: 12 months. With no hold, a record is deleted when it is reached.
      ClientContext noHolds = c.context().withHolds(List.of());
      Decision d = CLASSIFIER.classify(c.record(), noHolds, c.now());
      Instant ceiling = ZonedPeriods.plus(c.record().time(), Period.ofMonths(12), c.context().zone());
      if (!c.now().isBefore(ceiling)) {
        assertThat(d.deletable()).as(d.toString()).isTrue();
      }
      if (d instanceof Decision.Keep k) {
        assertThat(k.until()).isNotNull().isBeforeOrEqualTo(ceiling);
      }
      if (d instanceof Decision.RestrictedArchive a) {
        assertThat(a.until()).isNotNull().isBeforeOrEqualTo(ceiling);
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> deletabilityIsAPrefixOfRecordTime_soSweepsMaySelectByCutoff() {
    return Seeds.cases("deletabilityIsAPrefixOfRecordTime_soSweepsMaySelectByCutoff", 1000, g -> {
      Case c = anyCase(g);
      Instant other = instant(g);
      ClientContext ctx = c.context().withHolds(List.of());
      RecordFacts later = RecordFacts.of(ACME, c.record().category(),
          other.isAfter(c.record().time()) ? other : c.record().time(), c.record().subjects());
      RecordFacts earlier = RecordFacts.of(ACME, c.record().category(),
          other.isAfter(c.record().time()) ? c.record().time() : other, c.record().subjects());
      if (CLASSIFIER.classify(later, ctx, c.now()).deletable()) {
        assertThat(CLASSIFIER.classify(earlier, ctx, c.now()).deletable()).isTrue();
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> decisionsAlwaysNameTheirRuleOrHold() {
    return Seeds.cases("decisionsAlwaysNameTheirRuleOrHold", 500, g -> {
      Case c = anyCase(g);
      Decision d = CLASSIFIER.classify(c.record(), c.context(), c.now());
      List<String> known = new ArrayList<>();
      SCHEDULE.categories().forEach(p -> p.rules().forEach(r -> known.add(r.id())));
      if (d instanceof Decision.Held h) {
        assertThat(h.hold()).isNotNull();
      } else if (d.rule() != null) {
        assertThat(known).contains(d.rule().id());
      } else {
        assertThat(d).isInstanceOf(Decision.Keep.class);
      }
    });
  }
}
