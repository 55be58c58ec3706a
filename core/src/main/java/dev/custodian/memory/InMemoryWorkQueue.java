package dev.custodian.memory;

import dev.custodian.spi.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link WorkQueue} in memory, for one process. Leases are measured with the given clock. */
public final class InMemoryWorkQueue implements WorkQueue {
  private final Clock clock;
  private final Map<String, TreeMap<String, Unit>> jobs = new TreeMap<>();
  private long tokens;

  public InMemoryWorkQueue(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static final class Unit {
    String owner;
    long token;
    Instant leaseUntil;
    boolean done;
    String cursor;
    long processed;
  }

  @Override
  public synchronized void enqueue(String jobId, List<String> unitIds) {
    TreeMap<String, Unit> job = jobs.computeIfAbsent(jobId, j -> new TreeMap<>());
    unitIds.forEach(u -> job.putIfAbsent(u, new Unit()));
  }

  @Override
  public synchronized Optional<WorkClaim> claim(String jobId, String owner, Duration lease) {
    Instant now = clock.instant();
    for (Map.Entry<String, Unit> e : jobs.getOrDefault(jobId, new TreeMap<>()).entrySet()) {
      Unit u = e.getValue();
      if (!u.done && (u.leaseUntil == null || !u.leaseUntil.isAfter(now))) {
        u.owner = owner;
        u.token = ++tokens;
        u.leaseUntil = now.plus(lease);
        return Optional.of(new WorkClaim(jobId, e.getKey(), owner, u.token, u.cursor, u.processed));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized boolean checkpoint(WorkClaim claim, String cursor, long processed, Duration lease) {
    Unit u = live(claim);
    if (u == null) {
      return false;
    }
    u.cursor = cursor;
    u.processed = processed;
    u.leaseUntil = clock.instant().plus(lease);
    return true;
  }

  @Override
  public synchronized boolean complete(WorkClaim claim, String cursor, long processed) {
    Unit u = live(claim);
    if (u == null) {
      return false;
    }
    u.cursor = cursor;
    u.processed = processed;
    u.done = true;
    u.leaseUntil = null;
    return true;
  }

  @Override
  public synchronized List<WorkUnit> units(String jobId) {
    List<WorkUnit> out = new ArrayList<>();
    jobs.getOrDefault(jobId, new TreeMap<>()).forEach((id, u) ->
        out.add(new WorkUnit(jobId, id, u.owner, u.done, u.cursor, u.processed)));
    return out;
  }

  private Unit live(WorkClaim claim) {
    Unit u = jobs.getOrDefault(claim.jobId(), new TreeMap<>()).get(claim.unitId());
    if (u == null || u.done || u.token != claim.token() || u.leaseUntil == null
        || !u.leaseUntil.isAfter(clock.instant())) {
      return null;
    }
    return u;
  }
}
