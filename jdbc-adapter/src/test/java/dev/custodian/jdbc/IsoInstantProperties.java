package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.testing.Seeds;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fast formatter writes exactly what {@link Instant#toString()} writes, for any instant.
 * Seeded random cases ({@link Seeds}: {@code -Dcustodian.seed=N} replays a run).
 */
class IsoInstantProperties {

  @TestFactory
  Stream<DynamicTest> sameTextAsInstantToString() {
    return Seeds.cases("sameTextAsInstantToString", 5000, g -> {
      long seconds = g.longBetween(-62_200_000_000L, 253_500_000_000L);
      int nanos = g.intBetween(0, 999_999_999);
      Instant t = Instant.ofEpochSecond(seconds, nanos);
      assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
    });
  }

  @TestFactory
  Stream<DynamicTest> sameTextForWholeMillisAndMicros() {
    return Seeds.cases("sameTextForWholeMillisAndMicros", 2000, g -> {
      long seconds = g.longBetween(0, 4_102_444_800L);
      int micros = g.intBetween(0, 999_999);
      Instant millis = Instant.ofEpochSecond(seconds, (micros / 1000) * 1_000_000L);
      Instant us = Instant.ofEpochSecond(seconds, micros * 1000L);
      assertThat(IsoInstant.format(millis)).isEqualTo(millis.toString());
      assertThat(IsoInstant.format(us)).isEqualTo(us.toString());
      assertThat(IsoInstant.format(Instant.ofEpochSecond(seconds))).isEqualTo(Instant.ofEpochSecond(seconds).toString());
    });
  }
}
