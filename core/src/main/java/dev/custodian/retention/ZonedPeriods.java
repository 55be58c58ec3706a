package dev.custodian.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

/**
 * Adds a calendar period to an instant in a zone, as {@code ZonedDateTime.plus(Period)} does: the
 * local date-time moves by the period (a month from 31 January lands on the last day of February),
 * and the result is resolved in the zone (a local time in a DST gap moves forward by the gap; in an
 * overlap the earlier offset is kept when valid). Instants stay UTC; only the arithmetic uses the
 * zone, never the JVM default.
 */
final class ZonedPeriods {
  private ZonedPeriods() {}

  static Instant plus(Instant start, Period period, ZoneId zone) {
    if (period.isZero()) {
      return start;
    }
    return start.atZone(zone).plus(period).toInstant();
  }
}
