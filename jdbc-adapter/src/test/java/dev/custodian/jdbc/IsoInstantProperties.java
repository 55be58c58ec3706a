package dev.custodian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The fast formatter writes exactly what {@link Instant#toString()} writes, for any instant. */
class IsoInstantProperties {

  @Property(tries = 5000)
  void sameTextAsInstantToString(
      @ForAll @LongRange(min = -62_200_000_000L, max = 253_500_000_000L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant t = Instant.ofEpochSecond(seconds, nanos);
    assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
  }

  @Property(tries = 2000)
  void sameTextForWholeMillisAndMicros(
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999) int micros) {
    Instant millis = Instant.ofEpochSecond(seconds, (micros / 1000) * 1_000_000L);
    Instant us = Instant.ofEpochSecond(seconds, micros * 1000L);
    assertThat(IsoInstant.format(millis)).isEqualTo(millis.toString());
    assertThat(IsoInstant.format(us)).isEqualTo(us.toString());
    assertThat(IsoInstant.format(Instant.ofEpochSecond(seconds))).isEqualTo(Instant.ofEpochSecond(seconds).toString());
  }
}
