package dev.custodian.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeded case runner replays exactly and says how to replay a failure. */
class SeedsTest {

  @Test
  void aCaseDrawsTheSameValuesEveryTimeAndCasesDiffer() {
    List<Long> first = new ArrayList<>();
    List<Long> again = new ArrayList<>();
    Seeds.run("replay", 3, g -> first.add(g.longBetween(0, Long.MAX_VALUE - 1)));
    Seeds.run("replay", 3, g -> again.add(g.longBetween(0, Long.MAX_VALUE - 1)));
    assertThat(again).isEqualTo(first);
    assertThat(Seeds.caseSeed("replay", 3)).isNotEqualTo(Seeds.caseSeed("replay", 4))
        .isNotEqualTo(Seeds.caseSeed("other", 3));
  }

  @Test
  void aFailureNamesTheRunSeedTheCaseAndTheSystemProperty() {
    assertThatThrownBy(() -> Seeds.run("failing", 7, g -> {
      g.intBetween(0, 10);
      throw new AssertionError("the invariant broke");
    })).hasMessageContaining("failing failed on case #7")
        .hasMessageContaining("-Dcustodian.seed=" + Seeds.seed())
        .hasMessageContaining("case seed " + Seeds.caseSeed("failing", 7))
        .hasMessageContaining("the invariant broke");
  }

  @Test
  void drawsStayInTheirBoundsAndReachTheEnds() {
    Seeds.Gen g = new Seeds.Gen(42);
    boolean min = false;
    boolean max = false;
    for (int i = 0; i < 2000; i++) {
      int v = g.intBetween(-3, 5);
      assertThat(v).isBetween(-3, 5);
      min |= v == -3;
      max |= v == 5;
    }
    assertThat(min && max).isTrue();
    assertThat(g.set(2, List.of("a", "b", "c"))).hasSizeLessThanOrEqualTo(2);
    assertThat(g.list(5, 8, () -> 1)).hasSizeBetween(5, 8);
  }
}
