package dev.custodian.subprocessor;

import dev.custodian.spi.SubprocessorNotice;
import java.time.Instant;
import java.util.Objects;

/**
 * A client's notice as stored, with its delivery bookkeeping: the next instant a delivery may be
 * attempted (a lease while one node is sending) and the last failure.
 */
record NoticeState(SubprocessorNotice notice, int attempts, Instant nextAttemptAt, String lastFailure) {

  NoticeState {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** Pending notices are due for delivery at {@code nextAttemptAt}; sent ones are never due. */
  Instant dueAt() {
    return notice.status() == SubprocessorNotice.Status.PENDING ? nextAttemptAt : null;
  }

  NoticeState claimed(Instant leaseUntil) {
    return new NoticeState(notice, attempts + 1, leaseUntil, lastFailure);
  }

  NoticeState failed(Instant retryAt, String failure) {
    return new NoticeState(notice, attempts, retryAt, failure);
  }

  NoticeState with(SubprocessorNotice value) {
    return new NoticeState(value, attempts, nextAttemptAt, lastFailure);
  }
}
