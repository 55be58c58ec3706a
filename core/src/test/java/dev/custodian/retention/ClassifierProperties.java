package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

  static Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(FROM, FROM + SPAN).map(Instant::ofEpochSecond);
  }

  static Arbitrary<Period> periods() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 3000).map(Period::ofDays),
        Arbitraries.integers().between(0, 30).map(Period::ofYears),
        Arbitraries.integers().between(0, 60).map(Period::ofMonths));
  }

  static Arbitrary<Set<SubjectIdentifier>> subjects() {
    return Arbitraries.of(PEOPLE).set().ofMaxSize(2);
  }

  static Arbitrary<CategoryId> categories() {
    return Arbitraries.of(SCHEDULE.categories().stream().map(CategoryPolicy::id).toList());
  }

  static Arbitrary<ClientEvent> events() {
    return Combinators.combine(Arbitraries.of(ClientEventType.class), instants(),
            categories().set().ofMaxSize(1), subjects())
        .as((type, at, cats, subs) -> new ClientEvent("e-" + type + at, ACME, type, at, cats, subs, "",
            "op", at, null, null, null));
  }

  static Arbitrary<Hold> holds() {
    return Combinators.combine(subjects(), categories().set().ofMaxSize(2), instants().injectNull(0.5),
            Arbitraries.integers().between(1, 4000).injectNull(0.5), Arbitraries.strings().alpha().ofLength(6))
        .as((subs, cats, from, days, id) -> new Hold("hold-" + id, ACME, subs, cats, from,
            from == null || days == null ? null : from.plusSeconds(days * 86_400L), "court order", "op",
            Instant.EPOCH, null, null, null));
  }

  static Arbitrary<Map<CategoryId, Period>> settings() {
    return Arbitraries.maps(categories(), periods()).ofMaxSize(6).map(HashMap::new);
  }

  static Arbitrary<ZoneId> zones() {
    return Arbitraries.of("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC").map(ZoneId::of);
  }

  static Arbitrary<Case> cases(Arbitrary<CategoryId> categories) {
    Arbitrary<RecordFacts> records = Combinators.combine(categories, instants(), subjects())
        .as((c, t, s) -> RecordFacts.of(ACME, c, t, s));
    Arbitrary<ClientContext> contexts = Combinators.combine(zones(), settings(),
            events().list().ofMaxSize(4), holds().list().ofMaxSize(3))
        .as((z, s, e, h) -> ClientContext.of(ACME, z, s, e, h));
    Arbitrary<Long> ahead = Arbitraries.longs().between(0, 40L * 365 * 86_400);
    return Combinators.combine(records, contexts, ahead)
        .as((r, c, a) -> new Case(r, c, r.time().plusSeconds(a - 2L * 365 * 86_400)));
  }

  @Provide
  Arbitrary<Case> anyCase() {
    return cases(categories());
  }

  @Provide
  Arbitrary<Case> trafficCase() {
    return cases(Arbitraries.of(TRAFFIC));
  }

  @Property(tries = 1000)
  void aHeldRecordIsNeverClassifiedDeletable_R_HOLD_1(@ForAll("anyCase") Case c) {
    boolean covered = c.context().holds().stream().anyMatch(h -> h.covers(ACME, c.record().category(),
        c.record().time(), c.record().subjects()));
    Decision d = CLASSIFIER.classify(c.record(), c.context(), c.now());
    if (covered) {
      assertThat(d).isInstanceOf(Decision.Held.class);
      assertThat(d.deletable()).isFalse();
    } else {
      assertThat(d).isNotInstanceOf(Decision.Held.class);
    }
  }

  @Property(tries = 1000)
  void trafficDataIsNeverDeletableBeforeTwelveMonthsWhateverTheClientSets_R_RET_2(@ForAll("trafficCase") Case c) {
    Decision d = CLASSIFIER.classify(c.record(), c.context(), c.now());
    Instant floor = ZonedPeriods.plus(c.record().time(), Period.ofMonths(12), c.context().zone());
    if (c.now().isBefore(floor)) {
      assertThat(d.deletable()).as("deletable before " + floor + ": " + d).isFalse();
    }
    if (d instanceof Decision.DeleteNow del) {
      assertThat(del.dueSince()).isAfterOrEqualTo(floor);
    }
  }

  @Property(tries = 1000)
  void aClientSettingAboveALegalCeilingNeverExtendsRetentionPastIt(@ForAll("trafficCase") Case c) {
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
  }

  @Property(tries = 1000)
  void deletabilityIsAPrefixOfRecordTime_soSweepsMaySelectByCutoff(@ForAll("anyCase") Case c,
      @ForAll("instants") Instant other) {
    ClientContext ctx = c.context().withHolds(List.of());
    RecordFacts later = RecordFacts.of(ACME, c.record().category(),
        other.isAfter(c.record().time()) ? other : c.record().time(), c.record().subjects());
    RecordFacts earlier = RecordFacts.of(ACME, c.record().category(),
        other.isAfter(c.record().time()) ? c.record().time() : other, c.record().subjects());
    if (CLASSIFIER.classify(later, ctx, c.now()).deletable()) {
      assertThat(CLASSIFIER.classify(earlier, ctx, c.now()).deletable()).isTrue();
    }
  }

  @Provide("instants")
  Arbitrary<Instant> instantsProvider() {
    return instants();
  }

  @Property(tries = 500)
  void decisionsAlwaysNameTheirRuleOrHold(@ForAll("anyCase") Case c) {
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
  }
}
