package dev.custodian.spi;

/**
 * What one bounded deletion step did.
 *
 * @param deleted how many records were deleted
 * @param nextKey an opaque position to resume from (pass it back as {@code afterKey}); stable across
 *     restarts
 * @param exhausted true when nothing selected remains after {@code nextKey}
 */
public record DeletionBatch(long deleted, String nextKey, boolean exhausted) {
  public DeletionBatch {
    if (deleted < 0) {
      throw new IllegalArgumentException("deleted must not be negative");
    }
  }
}
