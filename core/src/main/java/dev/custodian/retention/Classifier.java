package dev.custodian.retention;

import dev.custodian.hold.Hold;
import dev.custodian.terms.CategoryId;
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
  /** Open-addressed by the id's string hash: faster than a general map on the hot path. */
  private final CategoryId[] keys;
  private final Compiled[] values;
  private final int mask;

  public Classifier(RetentionSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    Map<CategoryId, Compiled> m = new HashMap<>();
    schedule.categories().forEach(p -> m.put(p.id(), new Compiled(p)));
    this.compiled = Map.copyOf(m);
    int size = Integer.highestOneBit(Math.max(4, m.size() * 4) - 1) << 1;
    keys = new CategoryId[size];
    values = new Compiled[size];
    mask = size - 1;
    m.forEach((k, v) -> {
      int i = spread(k.value().hashCode()) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = k;
      values[i] = v;
    });
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private Compiled lookup(CategoryId category) {
    int i = spread(category.value().hashCode()) & mask;
    CategoryId k;
    while ((k = keys[i]) != null) {
      if (k == category || k.value().equals(category.value())) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** The schedule this classifier applies. */
  public RetentionSchedule schedule() {
    return schedule;
  }

  /**
   * Classifies one record at {@code now}.
   *
   * @throws IllegalArgumentException if the record's category is not in the schedule, the record
   *     belongs to another client than {@code context}, or a time lies before 1678
   */
  public Decision classify(RecordFacts record, ClientContext context, Instant now) {
    CategoryId category = record.category();
    Compiled c = lookup(category);
    if (c == null) {
      throw new IllegalArgumentException("category " + category + " is not in the retention schedule");
    }
    if (record.client() != context.client() && !record.client().equals(context.client())) {
      throw new IllegalArgumentException("record of client " + record.client()
          + " classified with the context of client " + context.client());
    }
    // Times as nanoseconds since the epoch: no allocation until the decision.
    long time = ZonedPeriods.toNanos(record.time());
    long lastActivity = record.lastActivity() == record.time() ? time : ZonedPeriods.toNanos(record.lastActivity());
    long nowNanos = ZonedPeriods.toNanos(now);

    // (1) A hold blocks deletion.
    Hold hold = context.holdCovering(category, time, record.subjects());
    if (hold != null) {
      return new Decision.Held(hold);
    }
    ZonedPeriods calendar = context.calendar();
    Period setting = c.usesSetting ? context.setting(category) : null;

    long floor = Long.MIN_VALUE; // (5) the latest end of the legal retain rules
    RetentionRule floorRule = null;
    long ceiling = NEVER; // (5) the earliest end of the legal delete rules
    RetentionRule ceilingRule = null;
    long keep = Long.MIN_VALUE; // (2)(3) the longest retention
    RetentionRule keepRule = null;
    long delete = NEVER; // (4) the shortest deletion
    RetentionRule deleteRule = null;
    RetentionRule waiting = null;
    long restrict = NEVER;
    RetentionRule restrictRule = null;

    // One calendar addition remembered: equal clocks and periods (a floor and a ceiling) add once.
    long memoStart = 0;
    long memoMonths = -1;
    int memoDays = -1;
    long memoEnd = 0;

    for (Rule r : c.rules) {
      long months = r.months;
      int days = r.days;
      if (r.setting) {
        if (setting == null) {
          continue; // a client-set rule the client has not set
        }
        months = setting.toTotalMonths();
        days = setting.getDays();
      }
      long start;
      switch (r.clock) {
        case RECORD -> start = time;
        case LAST_ACTIVITY -> start = lastActivity;
        default -> start = context.eventTime(r.event, category, time, record.subjects());
      }
      long end;
      if (start == Long.MIN_VALUE) {
        end = NEVER; // its event has not been recorded: retention runs on, deletion waits
      } else if (start == memoStart && months == memoMonths && days == memoDays) {
        end = memoEnd;
      } else {
        end = calendar.plusNanos(start, months, days);
        memoStart = start;
        memoMonths = months;
        memoDays = days;
        memoEnd = end;
      }
      switch (r.role) {
        case FLOOR -> {
          if (end > floor || floorRule == null) {
            floor = end;
            floorRule = r.rule;
          }
        }
        case CEILING -> {
          if (end < ceiling) {
            ceiling = end;
            ceilingRule = r.rule;
          }
        }
        case RETAIN -> {
          long capped = Math.min(end, ceiling); // (5) no retention past a legal ceiling
          if (keepRule == null || capped > keep) {
            keep = capped;
            keepRule = r.rule;
          }
        }
        case DELETE -> {
          if (end == NEVER) {
            if (waiting == null && start == Long.MIN_VALUE) {
              waiting = r.rule;
            }
          } else if (end < delete) {
            delete = end;
            deleteRule = r.rule;
          }
        }
        default -> {
          if (end < restrict) {
            restrict = end;
            restrictRule = r.rule;
          }
        }
      }
    }
    // The legal floor is a retention like the others, never capped.
    if (floorRule != null && (keepRule == null || floor >= keep)) {
      keep = floor;
      keepRule = floorRule;
    }
    // (4) the legal ceiling is a deletion like the others.
    if (ceilingRule != null && ceiling <= delete) {
      delete = ceiling;
      deleteRule = ceilingRule;
    }
    long until;
    RetentionRule untilRule;
    if (deleteRule != null) {
      // (2) retaining beats deleting: deletion waits for the longest retention.
      if (keepRule == null || keep <= delete) {
        if (delete <= nowNanos) {
          return new Decision.DeleteNow(deleteRule, ZonedPeriods.toInstant(delete));
        }
        until = delete;
        untilRule = deleteRule;
      } else {
        if (keep <= nowNanos) {
          return new Decision.DeleteNow(deleteRule, ZonedPeriods.toInstant(keep));
        }
        until = keep;
        untilRule = keepRule;
      }
    } else {
      until = NEVER;
      untilRule = keepRule != null && keep > nowNanos ? keepRule : waiting != null ? waiting : keepRule;
    }
    Instant untilInstant = until == NEVER ? null : ZonedPeriods.toInstant(until);
    if (restrictRule != null && restrict <= nowNanos) {
      return new Decision.RestrictedArchive(untilInstant, restrictRule);
    }
    return new Decision.Keep(untilInstant, untilRule);
  }

  private static final long NEVER = ZonedPeriods.NEVER;

  private enum Role { FLOOR, CEILING, RETAIN, DELETE, RESTRICT }

  private enum Clock { RECORD, LAST_ACTIVITY, EVENT }

  /** A rule prepared for the hot path. */
  private static final class Rule {
    final RetentionRule rule;
    final Role role;
    final Clock clock;
    final ClientEventType event;
    final boolean setting;
    final long months;
    final int days;

    Rule(RetentionRule r) {
      rule = r;
      role = r.isLegalFloor() ? Role.FLOOR : r.isLegalCeiling() ? Role.CEILING
          : r.kind() == RuleKind.RETAIN ? Role.RETAIN : r.kind() == RuleKind.DELETE ? Role.DELETE
          : Role.RESTRICT;
      clock = r.clock() == ClockStart.RECORD_TIME ? Clock.RECORD
          : r.clock() == ClockStart.LAST_ACTIVITY ? Clock.LAST_ACTIVITY : Clock.EVENT;
      event = r.clock().event();
      setting = r.isClientSetting();
      months = setting ? 0 : r.period().toTotalMonths();
      days = setting ? 0 : r.period().getDays();
    }
  }

  /** The rules of one category, ordered so ceilings are known before retentions are capped. */
  private static final class Compiled {
    final Rule[] rules;
    final boolean usesSetting;

    Compiled(CategoryPolicy p) {
      List<Rule> list = new ArrayList<>();
      for (Role role : Role.values()) {
        for (RetentionRule r : p.rules()) {
          Rule x = new Rule(r);
          if (x.role == role) {
            list.add(x);
          }
        }
      }
      rules = list.toArray(Rule[]::new);
      usesSetting = list.stream().anyMatch(x -> x.setting);
    }
  }
}
