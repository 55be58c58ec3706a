package dev.custodian.retention;

import dev.custodian.hold.Hold;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies a record against the schedule (R-RET-1): keep until a date, delete now, restricted
 * archive until a date, or held; with the rule that decided. Pure (no I/O, no clock: {@code now} is
 * an argument) and thread-safe; it is the hot path of sweeps.
 *
 * <p>Precedence, decided here once:
 *
 * <ol>
 *   <li>A hold blocks deletion: a record an active hold covers is {@link Decision.Held}
 *       (R-HOLD-1).
 *   <li>Retaining beats deleting: a record is never deleted before every retention rule has run.
 *   <li>The longest retention wins.
 *   <li>Among deletions the shortest wins.
 *   <li>A legal ceiling (a legal DELETE rule) is never exceeded by a client setting or a contract
 *       retention, and a legal floor (a legal RETAIN rule, such as CPCE L.34-1's 12 months for
 *       traffic data) is never cut by anything (R-RET-2). Should a legal floor and a legal ceiling
 *       of different clocks clash at run time, the floor wins: the law obliges keeping.
 * </ol>
 *
 * <p>Calendar periods are added in the client's zone ({@link ClientContext#zone()}), so they are
 * DST-safe and "1 month" from 31 January ends at the end of February (midnight starting 1 March,
 * local); see {@code ZonedPeriods} for the exact calendar.
 * A record whose retention ended and whose restrict rule applies (the contract ended) is a
 * restricted archive until deleted.
 */
public final class Classifier {
  private final RetentionSchedule schedule;
  private final Map<CategoryId, Compiled> compiled;

  public Classifier(RetentionSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    Map<CategoryId, Compiled> m = new HashMap<>();
    schedule.categories().forEach(p -> m.put(p.id(), new Compiled(p)));
    this.compiled = Map.copyOf(m);
  }

  /** The schedule this classifier applies. */
  public RetentionSchedule schedule() {
    return schedule;
  }

  /**
   * Classifies one record at {@code now}.
   *
   * @throws IllegalArgumentException if the record's category is not in the schedule, or the
   *     record belongs to another client than {@code context}
   */
  public Decision classify(RecordFacts record, ClientContext context, Instant now) {
    Compiled c = compiled.get(record.category());
    if (c == null) {
      throw new IllegalArgumentException("category " + record.category() + " is not in the retention schedule");
    }
    if (!record.client().equals(context.client())) {
      throw new IllegalArgumentException("record of client " + record.client()
          + " classified with the context of client " + context.client());
    }
    // (1) A hold blocks deletion.
    Hold hold = context.holdCovering(record.category(), record.time(), record.subjects());
    if (hold != null) {
      return new Decision.Held(hold);
    }
    Evaluation e = new Evaluation(record, context);

    // (5) legal floor: the latest end of the legal retain rules; an unstarted one keeps forever.
    Instant floor = Instant.MIN;
    RetentionRule floorRule = null;
    for (RetentionRule r : c.floors) {
      Instant d = e.end(r, Instant.MAX);
      if (d != null && d.isAfter(floor)) {
        floor = d;
        floorRule = r;
      }
    }
    // (5) legal ceiling: the earliest end of the legal delete rules.
    Instant ceiling = Instant.MAX;
    RetentionRule ceilingRule = null;
    for (RetentionRule r : c.ceilings) {
      Instant d = e.end(r, null);
      if (d != null && d.isBefore(ceiling)) {
        ceiling = d;
        ceilingRule = r;
      }
    }
    // (2)(3) the longest other retention, capped by the legal ceiling.
    Instant keep = floor;
    RetentionRule keepRule = floorRule;
    for (RetentionRule r : c.retains) {
      Instant d = e.end(r, Instant.MAX);
      if (d == null) {
        continue;
      }
      if (d.isAfter(ceiling)) {
        d = ceiling;
      }
      if (d.isAfter(keep)) {
        keep = d;
        keepRule = r;
      }
    }
    // (4) the shortest deletion, the legal ceiling included.
    Instant delete = ceiling;
    RetentionRule deleteRule = ceilingRule;
    RetentionRule waiting = null;
    for (RetentionRule r : c.deletes) {
      Instant d = e.end(r, null);
      if (d == null) {
        if (waiting == null && r.clock().isEvent()) {
          waiting = r;
        }
        continue;
      }
      if (d.isBefore(delete)) {
        delete = d;
        deleteRule = r;
      }
    }
    Instant until;
    RetentionRule untilRule;
    if (deleteRule != null) {
      // (2) retaining beats deleting: deletion waits for the longest retention.
      if (!keep.isAfter(delete)) {
        if (!delete.isAfter(now)) {
          return new Decision.DeleteNow(deleteRule, delete);
        }
        until = delete;
        untilRule = deleteRule;
      } else {
        if (!keep.isAfter(now)) {
          return new Decision.DeleteNow(deleteRule, keep);
        }
        until = keep == Instant.MAX ? null : keep;
        untilRule = keepRule;
      }
    } else {
      until = null;
      untilRule = keepRule != null && keep.isAfter(now) ? keepRule : waiting != null ? waiting : keepRule;
    }
    RetentionRule restrictRule = null;
    Instant restrictAt = Instant.MAX;
    for (RetentionRule r : c.restricts) {
      Instant d = e.end(r, null);
      if (d != null && d.isBefore(restrictAt)) {
        restrictAt = d;
        restrictRule = r;
      }
    }
    if (restrictRule != null && !restrictAt.isAfter(now)) {
      return new Decision.RestrictedArchive(until, restrictRule);
    }
    return new Decision.Keep(until, untilRule);
  }

  /** The rules of one category, split by role, in arrays for the hot path. */
  private static final class Compiled {
    final RetentionRule[] floors;
    final RetentionRule[] ceilings;
    final RetentionRule[] retains;
    final RetentionRule[] deletes;
    final RetentionRule[] restricts;

    Compiled(CategoryPolicy p) {
      List<RetentionRule> f = new ArrayList<>();
      List<RetentionRule> c = new ArrayList<>();
      List<RetentionRule> k = new ArrayList<>();
      List<RetentionRule> d = new ArrayList<>();
      List<RetentionRule> x = new ArrayList<>();
      for (RetentionRule r : p.rules()) {
        if (r.isLegalFloor()) {
          f.add(r);
        } else if (r.isLegalCeiling()) {
          c.add(r);
        } else if (r.kind() == RuleKind.RETAIN) {
          k.add(r);
        } else if (r.kind() == RuleKind.DELETE) {
          d.add(r);
        } else {
          x.add(r);
        }
      }
      floors = f.toArray(RetentionRule[]::new);
      ceilings = c.toArray(RetentionRule[]::new);
      retains = k.toArray(RetentionRule[]::new);
      deletes = d.toArray(RetentionRule[]::new);
      restricts = x.toArray(RetentionRule[]::new);
    }
  }

  /** One record's evaluation: remembers the last computed end so equal clocks are added once. */
  private static final class Evaluation {
    private final RecordFacts record;
    private final ClientContext context;
    private Instant lastStart;
    private Period lastPeriod;
    private Instant lastEnd;

    Evaluation(RecordFacts record, ClientContext context) {
      this.record = record;
      this.context = context;
    }

    /**
     * The end of {@code r}'s period for this record; {@code unstarted} if its event is not
     * recorded; null if the rule does not apply (a client setting the client has not made).
     */
    Instant end(RetentionRule r, Instant unstarted) {
      Period p = r.period();
      if (p == null) {
        p = context.setting(r.category());
        if (p == null) {
          return null;
        }
      }
      Instant start;
      switch (r.clock()) {
        case RECORD_TIME -> start = record.time();
        case LAST_ACTIVITY -> start = record.lastActivity();
        default -> {
          start = context.eventTime(r.clock().event(), record.category(), record.time(), record.subjects());
          if (start == null) {
            return unstarted;
          }
        }
      }
      if (start == lastStart && p.equals(lastPeriod)) {
        return lastEnd;
      }
      Instant end = context.plus(start, p);
      lastStart = start;
      lastPeriod = p;
      lastEnd = end;
      return end;
    }
  }
}
