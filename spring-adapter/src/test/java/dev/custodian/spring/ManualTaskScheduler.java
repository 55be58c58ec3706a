package dev.custodian.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A host task scheduler that never runs anything by itself: it only records what was scheduled,
 * so a test drives Custodian's jobs from its own thread (no background run racing the test) and
 * can still check that the jobs were scheduled.
 */
final class ManualTaskScheduler implements TaskScheduler {
  private final List<Runnable> scheduled = new CopyOnWriteArrayList<>();

  /** The tasks scheduled and not cancelled, in the order they were scheduled. */
  List<Runnable> scheduled() {
    return List.copyOf(scheduled);
  }

  /** Runs every scheduled task once, in this thread, as if each had come due. */
  void runAll() {
    scheduled().forEach(Runnable::run);
  }

  /** Use in an {@code ApplicationContextRunner} to keep the scheduler's jobs in the test's hands. */
  @Configuration(proxyBeanMethods = false)
  static class Config {
    @Bean
    ManualTaskScheduler taskScheduler() {
      return new ManualTaskScheduler();
    }
  }

  private ScheduledFuture<?> keep(Runnable task) {
    scheduled.add(task);
    return new Handle(task);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
    return keep(task);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
    return keep(task);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
    return keep(task);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
    return keep(task);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
    return keep(task);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
    return keep(task);
  }

  /** A handle whose cancellation removes the task from the scheduled list. */
  private final class Handle implements ScheduledFuture<Object> {
    private final Runnable task;
    private volatile boolean cancelled;

    Handle(Runnable task) {
      this.task = task;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = scheduled.remove(task);
      return cancelled;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException("a manually run task has no result");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("a manually run task has no result");
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
