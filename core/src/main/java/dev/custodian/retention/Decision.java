package dev.custodian.retention;

import dev.custodian.hold.Hold;
import java.time.Instant;
import java.util.Objects;

/**
 * What the classifier decides for one record (R-RET-1), with the rule (or hold) that decided.
 * Exactly one of: keep until a date, delete now, keep as a restricted archive until a date, held.
 */
public sealed interface Decision {

  /** The rule that decided; null for {@link Held} (the hold decided) and for a record no rule governs. */
  RetentionRule rule();

  /** True only for {@link DeleteNow}. A held record is never deletable (R-HOLD-1). */
  default boolean deletable() {
    return false;
  }

  /**
   * Keep the record, processed normally.
   *
   * @param until when its retention ends and it is deleted; null when that waits on an event (the
   *     contract's end, the client deleting it) that has not been recorded yet
   */
  record Keep(Instant until, RetentionRule rule) implements Decision {}

  /**
   * Delete the record now.
   *
   * @param dueSince when it became deletable (for the oldest-overdue metric)
   */
  record DeleteNow(RetentionRule rule, Instant dueSince) implements Decision {
    public DeleteNow {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(dueSince, "dueSince");
    }

    @Override
    public boolean deletable() {
      return true;
    }
  }

  /**
   * Keep the record only as a restricted archive, processed for no other purpose (R-TERM-5).
   *
   * @param until when it is deleted; null when that waits on an event
   */
  record RestrictedArchive(Instant until, RetentionRule rule) implements Decision {
    public RestrictedArchive {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** A legal hold covers the record: it is kept as a confidential archive (R-HOLD-1). */
  record Held(Hold hold) implements Decision {
    public Held {
      Objects.requireNonNull(hold, "hold");
    }

    @Override
    public RetentionRule rule() {
      return null;
    }
  }
}
