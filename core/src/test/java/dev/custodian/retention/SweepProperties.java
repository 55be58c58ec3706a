package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No held record is ever deleted by a sweep, whether the hold came before or after the plan (R-HOLD-2). */
class SweepProperties {

  record HoldSpec(ClientId client, Set<SubjectIdentifier> subjects, Set<CategoryId> categories,
      Integer fromDaysAgo, Integer spanDays, boolean afterPlan) {}

  record Scenario(long seed, int perUnit, int batchSize, List<HoldSpec> holds, List<Integer> eventDaysAgo) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<HoldSpec> hold = Combinators.combine(
            Arbitraries.of(SweepFixture.ACME, SweepFixture.GLOBEX),
            Arbitraries.of(SweepFixture.PEOPLE).set().ofMaxSize(2),
            Arbitraries.of(SweepFixture.CATEGORIES).set().ofMaxSize(2),
            Arbitraries.integers().between(0, 1100).injectNull(0.4),
            Arbitraries.integers().between(1, 900).injectNull(0.4),
            Arbitraries.of(true, false))
        .as(HoldSpec::new);
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 8),
            Arbitraries.integers().between(1, 9), hold.list().ofMaxSize(4),
            Arbitraries.integers().between(0, 400).list().ofMaxSize(2))
        .as(Scenario::new);
  }

  @Property(tries = 40)
  void noHeldRecordIsEverDeletedBySweep_R_HOLD_2(@ForAll("scenarios") Scenario s) {
    SweepFixture f = new SweepFixture();
    f.populate(s.perUnit(), s.seed());
    Custodian c = f.node(s.batchSize());
    Instant now = f.clock.instant();
    for (Integer days : s.eventDaysAgo()) {
      c.retention().events().contractEnded(SweepFixture.OPERATOR, SweepFixture.GLOBEX, now.minusSeconds(days * 86_400L), "t");
    }
    List<Hold> holds = new ArrayList<>();
    s.holds().stream().filter(h -> !h.afterPlan()).forEach(h -> holds.add(place(c, h, now)));
    RetentionPlan plan = c.retention().plan();
    s.holds().stream().filter(HoldSpec::afterPlan).forEach(h -> holds.add(place(c, h, now)));
    SweepReport report = c.retention().execute(plan);

    for (HostRecord r : f.all.values()) {
      boolean held = holds.stream().anyMatch(h -> h.covers(r.client(), r.category(), r.time(), r.subjects()));
      if (held) {
        assertThat(f.data.contains(r.category(), r.id())).as("held record %s deleted", r.id()).isTrue();
      }
    }
    assertThat(f.evidencedDeletions()).isEqualTo(report.deleted());
    assertThat(report.deleted()).isEqualTo(f.all.size() - f.present().size());
  }

  private static Hold place(Custodian c, HoldSpec h, Instant now) {
    Instant from = h.fromDaysAgo() == null ? null : now.minusSeconds(h.fromDaysAgo() * 86_400L);
    Instant before = from == null || h.spanDays() == null ? null : from.plusSeconds(h.spanDays() * 86_400L);
    return c.holds().place(SweepFixture.OPERATOR, h.client(), h.subjects(), h.categories(), from, before, "court order 2025-31");
  }
}
