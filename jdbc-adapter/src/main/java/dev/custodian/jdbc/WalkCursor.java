package dev.custodian.jdbc;

import dev.custodian.spi.GroupDeletion;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A group's walk, as handed out in {@link GroupDeletion#nextKey()}: where it stands and the
 * width of its next window.
 */
record WalkCursor(RowKey position, long widthMillis) {
  /** Fills nine tenths of a batch, had the window held {@code rows}; at most twice as wide. */
  long resized(long rows, int limit) {
    double factor = rows == 0 ? 2.0 : Math.min(2.0, 0.9 * limit / rows);
    return Math.max(1, (long) (widthMillis * factor));
  }

  /** The same start, narrower: the window held {@code rows}, more than {@code limit}. */
  WalkCursor narrowed(long rows, int limit) {
    return new WalkCursor(position, Math.max(1, Math.min(widthMillis - 1, resized(rows, limit))));
  }

  Instant windowEnd(Instant before) {
    long end = position.time().toEpochMilli() + widthMillis;
    Instant e = Instant.ofEpochMilli(end);
    return e.isBefore(before) ? e : before;
  }

  String encode() {
    return "W|" + widthMillis + "|" + position.time() + "|" + (position.id() == null ? "" : position.id());
  }

  /** @throws IllegalArgumentException if {@code key} is not one {@link #encode()} made */
  static WalkCursor parse(String key) {
    String[] parts = key.split("\\|", 4);
    try {
      if (parts.length == 4 && parts[0].equals("W")) {
        long width = Long.parseLong(parts[1]);
        if (width > 0) {
          return new WalkCursor(
              new RowKey(Instant.parse(parts[2]), parts[3].isEmpty() ? null : parts[3]), width);
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "afterKey was not issued by JdbcHostData.deleteGroupBatch: pass back nextKey unchanged");
  }
}
