package dev.custodian.spring;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs Custodian's periodic work on Spring's {@link TaskScheduler}: the nightly sweeps on the
 * configured cron, and the frequent checks (overdue notifications and notices, evidence
 * verification) at a fixed interval. Uses the host's scheduler when it has exactly one, otherwise a
 * small one of its own that it shuts down with the context.
 *
 * <p>Safe on several nodes: each job takes its share of work through the {@code WorkQueue} lease or
 * through optimistic versions of the library's state, so every node may run the same schedule.
 * A failing run is logged (never with personal data) and the next one runs as planned.
 */
final class CustodianScheduler implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(CustodianScheduler.class);

  /** One periodic job: a name for logs, and what to run. */
  record Job(String name, Runnable task) {
    Job {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(task, "task");
    }
  }

  private final TaskScheduler hostScheduler;
  private final String cron;
  private final ZoneId cronZone;
  private final Duration checkInterval;
  private final List<Job> nightly;
  private final List<Job> frequent;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private ThreadPoolTaskScheduler ownScheduler;
  private volatile boolean running;

  CustodianScheduler(
      TaskScheduler hostScheduler,
      String cron,
      ZoneId cronZone,
      Duration checkInterval,
      List<Job> nightly,
      List<Job> frequent) {
    this.hostScheduler = hostScheduler;
    this.cron = Objects.requireNonNull(cron, "cron");
    this.cronZone = Objects.requireNonNull(cronZone, "cronZone");
    this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    this.nightly = List.copyOf(nightly);
    this.frequent = List.copyOf(frequent);
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    TaskScheduler scheduler = hostScheduler;
    if (scheduler == null) {
      ownScheduler = new ThreadPoolTaskScheduler();
      ownScheduler.setPoolSize(1);
      ownScheduler.setThreadNamePrefix("custodian-");
      ownScheduler.setDaemon(true);
      ownScheduler.initialize();
      scheduler = ownScheduler;
    }
    CronTrigger trigger = new CronTrigger(cron, cronZone);
    for (Job job : nightly) {
      scheduled.add(scheduler.schedule(guarded(job), trigger));
    }
    for (Job job : frequent) {
      scheduled.add(scheduler.scheduleWithFixedDelay(guarded(job), checkInterval));
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    scheduled.forEach(f -> f.cancel(false));
    scheduled.clear();
    if (ownScheduler != null) {
      ownScheduler.shutdown();
      ownScheduler = null;
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Runs every job once, now, in this thread; for the host's own triggers and for tests. */
  void runAllNow() {
    nightly.forEach(j -> guarded(j).run());
    frequent.forEach(j -> guarded(j).run());
  }

  List<Job> jobs() {
    List<Job> all = new ArrayList<>(nightly);
    all.addAll(frequent);
    return all;
  }

  private static Runnable guarded(Job job) {
    return () -> {
      try {
        job.task().run();
      } catch (RuntimeException e) {
        // The exception's class and message only, the message withheld if it quotes personal
        // data (a host's exception may quote a row).
        LOG.error("Custodian job '{}' failed; it runs again at its next time: {}: {}",
            job.name(), e.getClass().getName(),
            dev.custodian.subject.PersonalDataDetector.standard().redact(e.getMessage()));
      }
    };
  }
}
