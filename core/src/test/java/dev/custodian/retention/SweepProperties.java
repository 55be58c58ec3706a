package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import dev.custodian.testing.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No held record is ever deleted by a sweep, whether the hold came before or after the plan
 * (R-HOLD-2). Seeded random scenarios ({@link Seeds}: {@code -Dcustodian.seed=N} replays a run).
 */
class SweepProperties {

  record HoldSpec(ClientId client, Set<SubjectIdentifier> subjects, Set<CategoryId> categories,
      Integer fromDaysAgo, Integer spanDays, boolean afterPlan) {}

  record Scenario(long seed, int perUnit, int batchSize, List<HoldSpec> holds, List<Integer> eventDaysAgo) {}

  static Scenario scenario(Seeds.Gen g) {
    return new Scenario(g.anyLong(), g.intBetween(1, 8), g.intBetween(1, 9),
        g.list(0, 4, () -> new HoldSpec(g.pick(SweepFixture.ACME, SweepFixture.GLOBEX),
            g.set(2, SweepFixture.PEOPLE), g.set(2, SweepFixture.CATEGORIES),
            g.nullOr(0.4, () -> g.intBetween(0, 1100)), g.nullOr(0.4, () -> g.intBetween(1, 900)),
            g.bool())),
        g.list(0, 2, () -> g.intBetween(0, 400)));
  }

  @TestFactory
  Stream<DynamicTest> noHeldRecordIsEverDeletedBySweep_R_HOLD_2() {
    return Seeds.cases("noHeldRecordIsEverDeletedBySweep_R_HOLD_2", 40, g -> check(scenario(g)));
  }

  private static void check(Scenario s) {
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
