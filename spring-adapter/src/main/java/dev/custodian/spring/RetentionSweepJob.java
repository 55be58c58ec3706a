package dev.custodian.spring;

import dev.custodian.Custodian;
import dev.custodian.spi.WorkQueue;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled retention sweep, safe with several nodes on one schedule (R-RET-6): at each firing
 * the nodes race to claim a single work unit named after the firing minute; the winner plans the
 * sweep once and works on it, the others find the plan through {@code resumeUnfinished()} (now or
 * at their next frequent check) and share its units through the same work-queue lease. A node that
 * dies mid-sweep leaves its units to be taken over when their lease runs out.
 */
final class RetentionSweepJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweepJob.class);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");
  private static final String UNIT = "plan";

  private final Custodian custodian;
  private final WorkQueue queue;
  private final ZoneId zone;
  private final Duration lease;
  private final String node = "sweep-" + UUID.randomUUID();

  RetentionSweepJob(Custodian custodian, WorkQueue queue, ZoneId zone, Duration lease) {
    this.custodian = Objects.requireNonNull(custodian, "custodian");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.lease = Objects.requireNonNull(lease, "lease");
  }

  @Override
  public void run() {
    String job = "custodian.sweep." + custodian.clock().instant().atZone(zone)
        .truncatedTo(ChronoUnit.MINUTES).format(MINUTE);
    queue.enqueue(job, List.of(UNIT));
    queue.claim(job, node, lease).ifPresent(claim -> {
      // Stored before the claim completes: if this node dies now, the plan is there to resume.
      String planId = custodian.retention().submit(custodian.retention().plan());
      queue.complete(claim, planId, 1);
      LOG.info("retention sweep {} planned by this node", planId);
    });
    custodian.retention().resumeUnfinished();
  }
}
