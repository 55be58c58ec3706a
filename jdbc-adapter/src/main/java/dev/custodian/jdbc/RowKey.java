package dev.custodian.jdbc;

import dev.custodian.spi.DeletionBatch;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A row's position in (time, id) order, as handed out in {@link DeletionBatch#nextKey()}; as a
 * start, without id: "just before the first row at this time". Rows deleted by key carry only
 * their id.
 */
record RowKey(Instant time, String id) {
  String encode() {
    return time + "|" + id;
  }

  /** @throws IllegalArgumentException if {@code key} is not one {@link #encode()} made */
  static RowKey parse(String key) {
    int bar = key.indexOf('|');
    try {
      if (bar > 0) {
        return new RowKey(Instant.parse(key.substring(0, bar)), key.substring(bar + 1));
      }
    } catch (DateTimeParseException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "afterKey was not issued by JdbcHostData.deleteBatch: pass back nextKey unchanged");
  }
}
