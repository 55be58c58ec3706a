package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one bounded deletion step over a {@link GroupSelection} did.
 *
 * @param deleted how many records were deleted, per client (clients with none deleted may be
 *     absent)
 * @param nextKey an opaque position to resume from (pass it back as {@code afterKey}); stable
 *     across restarts
 * @param exhausted true when nothing selected remains after {@code nextKey}
 */
public record GroupDeletion(Map<ClientId, Long> deleted, String nextKey, boolean exhausted) {
  public GroupDeletion {
    Objects.requireNonNull(deleted, "deleted");
    TreeMap<ClientId, Long> sorted = new TreeMap<>();
    deleted.forEach((client, n) -> {
      if (n < 0) {
        throw new IllegalArgumentException("deleted must not be negative");
      }
      if (n > 0) {
        sorted.put(client, n);
      }
    });
    deleted = Collections.unmodifiableMap(sorted);
  }

  /** Records deleted in all. */
  public long total() {
    return deleted.values().stream().mapToLong(Long::longValue).sum();
  }
}
