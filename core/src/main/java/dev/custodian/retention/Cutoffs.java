package dev.custodian.retention;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Finds where a prefix predicate of record time turns false: the smallest instant at which it no
 * longer holds. Exact to the nanosecond because the classifier's deletability is a prefix of
 * record time (a monotone calendar, see {@link ZonedPeriods}).
 */
final class Cutoffs {
  static final Instant LOW = Instant.parse("1900-01-01T00:00:00Z");
  static final Instant HIGH = Instant.parse("2200-01-01T00:00:00Z");

  private Cutoffs() {}

  /** What a prefix predicate selects. */
  record Cut(boolean none, boolean all, Instant before) {
    static final Cut NONE = new Cut(true, false, null);
    static final Cut ALL = new Cut(false, true, null);
  }

  static Cut of(Predicate<Instant> holds) {
    if (!holds.test(LOW)) {
      return Cut.NONE;
    }
    if (holds.test(HIGH)) {
      return Cut.ALL;
    }
    long lo = LOW.getEpochSecond();
    long hi = HIGH.getEpochSecond();
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (holds.test(Instant.ofEpochSecond(mid))) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    // holds(lo) and not holds(lo + 1s): find the first false nanosecond in between.
    long nlo = 0;
    long nhi = 1_000_000_000L;
    while (nhi - nlo > 1) {
      long mid = (nlo + nhi) >>> 1;
      if (holds.test(Instant.ofEpochSecond(lo, mid))) {
        nlo = mid;
      } else {
        nhi = mid;
      }
    }
    return new Cut(false, false, Instant.ofEpochSecond(lo, nhi));
  }
}
