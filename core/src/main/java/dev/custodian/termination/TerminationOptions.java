package dev.custodian.termination;

import java.time.Duration;
import java.util.Objects;

/**
 * The termination duty's settings. Immutable; start from {@link #DEFAULTS} and change with the
 * {@code withX} methods.
 *
 * @param choiceWindow how long after the termination date the client may still choose return or
 *     deletion; without a choice by then, its data is deleted (R-TERM-2). Default 30 days.
 * @param returnAcknowledgementDelay how long after delivery a missing acknowledgement of the return
 *     archive is escalated (deletion keeps waiting). Default 30 days.
 * @param subProcessorAcknowledgementDelay how long after its instruction a sub-processor's missing
 *     acknowledgement is escalated (R-TERM-4). Default 30 days.
 * @param retryInterval how long to wait before re-sending an instruction whose send failed.
 *     Default 1 hour.
 * @param deletionBatchSize the most records deleted in one step. Default 1000.
 * @param lease how long one node keeps a case to itself while advancing it; another node takes
 *     over once it expires. Default 10 minutes.
 * @param downloadTokenTtl how long a download token for a return archive works (R-EVID-3).
 *     Default 7 days.
 * @param archiveCheckInterval how often restricted archives are checked for records whose period
 *     ended, and for held records whose hold was released. Default 1 day.
 */
public record TerminationOptions(
    Duration choiceWindow,
    Duration returnAcknowledgementDelay,
    Duration subProcessorAcknowledgementDelay,
    Duration retryInterval,
    int deletionBatchSize,
    Duration lease,
    Duration downloadTokenTtl,
    Duration archiveCheckInterval) {

  /** The defaults listed above. */
  public static final TerminationOptions DEFAULTS = new TerminationOptions(Duration.ofDays(30),
      Duration.ofDays(30), Duration.ofDays(30), Duration.ofHours(1), 1000, Duration.ofMinutes(10),
      Duration.ofDays(7), Duration.ofDays(1));

  /** @throws IllegalArgumentException if a duration is not positive or the batch size below 1 */
  public TerminationOptions {
    positive(choiceWindow, "choiceWindow");
    positive(returnAcknowledgementDelay, "returnAcknowledgementDelay");
    positive(subProcessorAcknowledgementDelay, "subProcessorAcknowledgementDelay");
    positive(retryInterval, "retryInterval");
    positive(lease, "lease");
    positive(downloadTokenTtl, "downloadTokenTtl");
    positive(archiveCheckInterval, "archiveCheckInterval");
    if (deletionBatchSize < 1) {
      throw new IllegalArgumentException("deletionBatchSize must be at least 1");
    }
  }

  public TerminationOptions withChoiceWindow(Duration value) {
    return new TerminationOptions(value, returnAcknowledgementDelay,
        subProcessorAcknowledgementDelay, retryInterval, deletionBatchSize, lease, downloadTokenTtl,
        archiveCheckInterval);
  }

  public TerminationOptions withReturnAcknowledgementDelay(Duration value) {
    return new TerminationOptions(choiceWindow, value, subProcessorAcknowledgementDelay,
        retryInterval, deletionBatchSize, lease, downloadTokenTtl, archiveCheckInterval);
  }

  public TerminationOptions withSubProcessorAcknowledgementDelay(Duration value) {
    return new TerminationOptions(choiceWindow, returnAcknowledgementDelay, value, retryInterval,
        deletionBatchSize, lease, downloadTokenTtl, archiveCheckInterval);
  }

  public TerminationOptions withRetryInterval(Duration value) {
    return new TerminationOptions(choiceWindow, returnAcknowledgementDelay,
        subProcessorAcknowledgementDelay, value, deletionBatchSize, lease, downloadTokenTtl,
        archiveCheckInterval);
  }

  public TerminationOptions withDeletionBatchSize(int value) {
    return new TerminationOptions(choiceWindow, returnAcknowledgementDelay,
        subProcessorAcknowledgementDelay, retryInterval, value, lease, downloadTokenTtl,
        archiveCheckInterval);
  }

  public TerminationOptions withLease(Duration value) {
    return new TerminationOptions(choiceWindow, returnAcknowledgementDelay,
        subProcessorAcknowledgementDelay, retryInterval, deletionBatchSize, value, downloadTokenTtl,
        archiveCheckInterval);
  }

  public TerminationOptions withDownloadTokenTtl(Duration value) {
    return new TerminationOptions(choiceWindow, returnAcknowledgementDelay,
        subProcessorAcknowledgementDelay, retryInterval, deletionBatchSize, lease, value,
        archiveCheckInterval);
  }

  public TerminationOptions withArchiveCheckInterval(Duration value) {
    return new TerminationOptions(choiceWindow, returnAcknowledgementDelay,
        subProcessorAcknowledgementDelay, retryInterval, deletionBatchSize, lease, downloadTokenTtl,
        value);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
