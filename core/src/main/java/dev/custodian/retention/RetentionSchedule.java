package dev.custodian.retention;

import static dev.custodian.retention.ClockStart.CONTACT_DELETED;
import static dev.custodian.retention.ClockStart.CONTRACT_END;
import static dev.custodian.retention.ClockStart.CRM_SYNC_OFF;
import static dev.custodian.retention.ClockStart.DELETION_REQUESTED;
import static dev.custodian.retention.ClockStart.LAST_ACTIVITY;
import static dev.custodian.retention.ClockStart.RECORD_TIME;
import static dev.custodian.retention.RuleKind.DELETE;
import static dev.custodian.retention.RuleKind.RESTRICT;
import static dev.custodian.retention.RuleKind.RETAIN;
import static dev.custodian.retention.RuleSource.CLIENT_REQUEST;
import static dev.custodian.retention.RuleSource.CLIENT_SETTING;
import static dev.custodian.retention.RuleSource.CONTRACT;
import static dev.custodian.retention.RuleSource.LAW;

import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The retention schedule: every category with its rules. Immutable; built by {@link #builder()},
 * or from the shipped default {@link #annexA()} through {@link #toBuilder()} to add categories and
 * override rules. Building checks the schedule can be obeyed: a legal floor longer than a legal
 * ceiling of the same category and clock is rejected with both rule ids in the message.
 */
public final class RetentionSchedule {
  static final String ANNEX_A = "DPA Annex A";
  static final String CPCE = "CPCE L.34-1 (III to VI), decrees 2006-538 and 2012-436";

  private final Map<CategoryId, CategoryPolicy> categories;
  private final List<CategoryPolicy> order;
  private final Map<String, RetentionRule> rules;

  private RetentionSchedule(Map<CategoryId, CategoryPolicy> categories) {
    this.categories = Map.copyOf(categories);
    this.order = List.copyOf(categories.values());
    Map<String, RetentionRule> byId = new LinkedHashMap<>();
    order.forEach(c -> c.rules().forEach(r -> byId.put(r.id(), r)));
    this.rules = Map.copyOf(byId);
  }

  /** An empty schedule builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this schedule, to add categories or override rules. */
  public Builder toBuilder() {
    Builder b = new Builder();
    order.forEach(b::category);
    return b;
  }

  /** Every category, in the order they were added (Annex A order for the default). */
  public List<CategoryPolicy> categories() {
    return order;
  }

  /** The category, if the schedule has it. */
  public Optional<CategoryPolicy> category(CategoryId id) {
    return Optional.ofNullable(categories.get(id));
  }

  /**
   * The category.
   *
   * @throws IllegalArgumentException if the schedule has no such category
   */
  public CategoryPolicy policy(CategoryId id) {
    CategoryPolicy p = categories.get(Objects.requireNonNull(id, "category"));
    if (p == null) {
      throw new IllegalArgumentException("category " + id + " is not in the retention schedule");
    }
    return p;
  }

  /** The rule with this id, if any. */
  public Optional<RetentionRule> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** True if the schedule has the category. */
  public boolean contains(CategoryId id) {
    return categories.containsKey(id);
  }

  /**
   * The shipped default: the categories of the DPA's Annex A (call and fax logs split in two),
   * with their rules. See {@code docs} and the Javadoc of each {@link CategoryId} constant.
   */
  public static RetentionSchedule annexA() {
    return AnnexA.SCHEDULE;
  }

  /** Builds a {@link RetentionSchedule}. Not thread-safe. */
  public static final class Builder {
    private final Map<CategoryId, CategoryPolicy> categories = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a category with its rules, or replaces the one with the same id. */
    public Builder category(CategoryPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      categories.put(policy.id(), policy);
      return this;
    }

    /**
     * Adds a rule to its category, or replaces the rule with the same id. The category's stated
     * retention ({@link CategoryPolicy#retention()}) is left as it is: to change how long a
     * category is kept, prefer {@link #contractualPeriod}.
     *
     * @throws IllegalArgumentException if the rule's category is not in the builder
     */
    public Builder rule(RetentionRule rule) {
      Objects.requireNonNull(rule, "rule");
      CategoryPolicy p = categories.get(rule.category());
      if (p == null) {
        throw new IllegalArgumentException(
            "rule " + rule.id() + " governs " + rule.category() + ", which is not in the schedule: add the category first");
      }
      List<RetentionRule> list = new ArrayList<>(p.rules());
      boolean replaced = false;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).id().equals(rule.id())) {
          list.set(i, rule);
          replaced = true;
        }
      }
      if (!replaced) {
        list.add(rule);
      }
      categories.put(p.id(), p.withRules(list));
      return this;
    }

    /**
     * Sets the processor's own period for a category: every contractual rule of the category that
     * runs for a period takes {@code period} (rules that act at an event, such as termination,
     * have no period to change), and so does the category's stated retention, so that what the
     * schedule says (the compliance pack, R-ASSIST-1) is what it enforces. Legal periods (R-RET-2)
     * and client-set durations (R-RET-3) are not contractual and are never changed here. Each
     * changed rule's basis says the processor set its period.
     *
     * @throws IllegalArgumentException if the category is not in the builder, the period is not
     *     positive, or the category has no contractual rule that runs for a period
     */
    public Builder contractualPeriod(CategoryId category, Period period) {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(period, "period");
      CategoryPolicy p = categories.get(category);
      if (p == null) {
        throw new IllegalArgumentException("category " + category + " is not in the schedule");
      }
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("the period of " + category + " must be positive, not "
            + period);
      }
      List<RetentionRule> rules = new ArrayList<>();
      boolean changed = false;
      for (RetentionRule r : p.rules()) {
        if (r.source() == CONTRACT && r.period() != null && !r.period().isZero()) {
          rules.add(new RetentionRule(r.id(), r.category(), r.source(), r.kind(), r.clock(),
              period, r.basis() + " (period set by the processor: " + period + ")"));
          changed = true;
        } else {
          rules.add(r);
        }
      }
      if (!changed) {
        throw new IllegalArgumentException("category " + category
            + " has no contractual period to change (legal periods and client-set durations"
            + " cannot be changed)");
      }
      categories.put(category, p.withRules(rules).withRetention(period));
      return this;
    }

    /**
     * Removes a rule by id.
     *
     * @throws IllegalArgumentException if no category has it
     */
    public Builder removeRule(String ruleId) {
      for (CategoryPolicy p : categories.values()) {
        List<RetentionRule> list = new ArrayList<>(p.rules());
        if (list.removeIf(r -> r.id().equals(ruleId))) {
          categories.put(p.id(), p.withRules(list));
          return this;
        }
      }
      throw new IllegalArgumentException("no rule " + ruleId + " in the schedule");
    }

    /**
     * @throws ScheduleConflictException if a legal floor exceeds a legal ceiling (naming both), a
     *     rule id repeats, or a never-stored category has a rule that keeps records
     */
    public RetentionSchedule build() {
      Set<String> ids = new HashSet<>();
      for (CategoryPolicy p : categories.values()) {
        for (RetentionRule r : p.rules()) {
          if (!ids.add(r.id())) {
            throw new ScheduleConflictException("rule id " + r.id() + " appears twice in the schedule");
          }
          if (p.neverStored() && r.kind() != DELETE) {
            throw new ScheduleConflictException("category " + p.id()
                + " is never stored, yet rule " + r.id() + " would keep its records");
          }
        }
        checkFloorsUnderCeilings(p);
      }
      return new RetentionSchedule(categories);
    }

    private static void checkFloorsUnderCeilings(CategoryPolicy p) {
      for (RetentionRule floor : p.rules()) {
        if (!floor.isLegalFloor()) {
          continue;
        }
        for (RetentionRule ceiling : p.rules()) {
          if (ceiling.isLegalCeiling() && ceiling.clock() == floor.clock()
              && Periods.exceeds(floor.period(), ceiling.period())) {
            throw new ScheduleConflictException("category " + p.id() + ": legal floor "
                + floor.id() + " (" + floor.period() + ") exceeds legal ceiling " + ceiling.id()
                + " (" + ceiling.period() + "); a schedule cannot obey both");
          }
        }
      }
    }
  }

  /** The default schedule, built once. */
  private static final class AnnexA {
    static final RetentionSchedule SCHEDULE = build();

    private static RetentionSchedule build() {
      Builder b = builder();
      Period year = Period.ofYears(1);
      Period none = Period.ZERO;

      // Company information: the contract's duration, then one year for authority requisitions.
      CategoryId c = CategoryId.COMPANY_INFO;
      b.category(new CategoryPolicy(c, "General company information: name, address, headcount",
          year, CONTRACT_END, AtTermination.LEGAL_ARCHIVE_THEN_DELETE, false, false, List.of(
          rule(c, "contract", CONTRACT, RETAIN, CONTRACT_END, none, "kept for the contract's duration"),
          rule(c, "requisitions", CONTRACT, RETAIN, CONTRACT_END, year, "kept one year after termination for authority requisitions"),
          rule(c, "archive", CONTRACT, RESTRICT, CONTRACT_END, none, "restricted archive from termination (DPA 8.3)"),
          rule(c, "delete", CONTRACT, DELETE, CONTRACT_END, year, "deleted one year after termination"))));

      // Traffic data: kept 12 months under CPCE L.34-1, at most one year by the contract.
      traffic(b, CategoryId.CALL_LOG, "Call logs: every piece of information about incoming and outgoing calls");
      traffic(b, CategoryId.FAX_LOG, "Fax logs: every piece of information about incoming and outgoing faxes");

      clientSet(b, CategoryId.CALL_RECORDING, "Call recordings: audio of incoming and outgoing calls",
          "kept for the duration the client sets on its dashboard");

      traffic(b, CategoryId.SMS_LOG, "SMS logs");
      content(b, CategoryId.SMS_CONTENT, "SMS contents");
      traffic(b, CategoryId.MMS_LOG, "MMS logs");
      content(b, CategoryId.MMS_CONTENT, "MMS contents");

      c = CategoryId.WEBHOOK_LOG;
      b.category(new CategoryPolicy(c, "Webhook call logs", Period.ofMonths(1), RECORD_TIME,
          AtTermination.DELETE, false, false, List.of(
          rule(c, "max", CONTRACT, DELETE, RECORD_TIME, Period.ofMonths(1), "kept one month"),
          rule(c, "termination", CONTRACT, DELETE, CONTRACT_END, none, "deleted at termination"))));

      c = CategoryId.FAX;
      b.category(new CategoryPolicy(c, "Faxes", year, CONTRACT_END,
          AtTermination.LEGAL_ARCHIVE_THEN_DELETE, false, false, List.of(
          rule(c, "contract", CONTRACT, RETAIN, CONTRACT_END, none, "kept for the contract's duration"),
          rule(c, "requisitions", CONTRACT, RETAIN, CONTRACT_END, year, "kept one year after termination for authority requisitions"),
          rule(c, "archive", CONTRACT, RESTRICT, CONTRACT_END, none, "restricted archive from termination (DPA 8.3)"),
          rule(c, "delete", CONTRACT, DELETE, CONTRACT_END, year, "deleted one year after termination"))));

      c = CategoryId.TRANSACTIONAL_EMAIL;
      b.category(new CategoryPolicy(c, "Transactional e-mails containing client information",
          null, null, AtTermination.NOT_STORED, false, false, List.of(
          rule(c, "never-stored", CONTRACT, DELETE, RECORD_TIME, none, "never stored (R-RET-4)"))));

      c = CategoryId.CRM_CONTACT;
      b.category(new CategoryPolicy(c, "CRM contact: the operator's own customers and prospects",
          Period.ofYears(3), LAST_ACTIVITY, AtTermination.NOT_CLIENT_DATA, false, false, List.of(
          rule(c, "inactivity", CONTRACT, DELETE, LAST_ACTIVITY, Period.ofYears(3),
              "three years from the last active exchange with the customer or prospect"))));

      c = CategoryId.CONTACT_MANUAL;
      b.category(new CategoryPolicy(c, "Client contacts created manually by the client", null,
          CONTACT_DELETED, AtTermination.DELETE, false, false, List.of(
          rule(c, "client-deleted", CLIENT_REQUEST, DELETE, CONTACT_DELETED, none, "deleted when the client deletes it"),
          rule(c, "termination", CONTRACT, DELETE, CONTRACT_END, none, "all contacts deleted at termination"))));

      c = CategoryId.CONTACT_CRM_SYNC;
      b.category(new CategoryPolicy(c, "Client contacts synchronised from a CRM", null,
          CRM_SYNC_OFF, AtTermination.DELETE, false, false, List.of(
          rule(c, "sync-off", CONTRACT, DELETE, CRM_SYNC_OFF, none, "none kept once the client turns synchronisation off"),
          rule(c, "termination", CONTRACT, DELETE, CONTRACT_END, none, "deleted at termination"))));

      c = CategoryId.CONTACT_WEBHOOK;
      b.category(new CategoryPolicy(c, "Client contacts received by webhook", null,
          CONTACT_DELETED, AtTermination.RETURN_OR_DELETE, false, false, List.of(
          rule(c, "client-deleted", CLIENT_REQUEST, DELETE, CONTACT_DELETED, none, "deleted when the client deletes it"),
          rule(c, "archive", CONTRACT, RESTRICT, CONTRACT_END, none, "no longer processed after termination; returned or deleted on the client's choice"))));

      clientSet(b, CategoryId.TRANSCRIPTION, "Transcriptions of calls and voicemails",
          "kept for the duration the client's administrator sets on its dashboard");

      c = CategoryId.SSO_USER_ID;
      b.category(new CategoryPolicy(c, "SSO user id (Okta, Azure) when SSO is integrated", null,
          CONTRACT_END, AtTermination.DELETE, false, false, List.of(
          rule(c, "contract", CONTRACT, DELETE, CONTRACT_END, none, "kept for the contract's duration"))));
      return b.build();
    }

    private static void traffic(Builder b, CategoryId c, String description) {
      Period year = Period.ofYears(1);
      b.category(new CategoryPolicy(c, description, year, RECORD_TIME,
          AtTermination.LEGAL_ARCHIVE_THEN_DELETE, true, false, List.of(
          new RetentionRule(c + ".cpce-floor", c, LAW, RETAIN, RECORD_TIME, year, CPCE + ": kept 12 months"),
          new RetentionRule(c + ".cpce-ceiling", c, LAW, DELETE, RECORD_TIME, year, CPCE + "; " + ANNEX_A + ": at most one year"),
          rule(c, "archive", CONTRACT, RESTRICT, CONTRACT_END, Period.ZERO, "restricted archive from termination to the end of the 12 months (R-TERM-5)"),
          rule(c, "client-request", CLIENT_REQUEST, DELETE, DELETION_REQUESTED, Period.ZERO, "the client's deletion request, deferred to the end of the legal 12 months (R-RET-2)"))));
    }

    private static void content(Builder b, CategoryId c, String description) {
      Period year = Period.ofYears(1);
      b.category(new CategoryPolicy(c, description, year, RECORD_TIME, AtTermination.DELETE, false,
          false, List.of(
          rule(c, "max", CONTRACT, DELETE, RECORD_TIME, year, "kept at most one year"),
          rule(c, "termination", CONTRACT, DELETE, CONTRACT_END, Period.ZERO, "deleted at termination"),
          rule(c, "client-request", CLIENT_REQUEST, DELETE, DELETION_REQUESTED, Period.ZERO, "the client's deletion request"))));
    }

    private static void clientSet(Builder b, CategoryId c, String description, String how) {
      b.category(new CategoryPolicy(c, description, null, RECORD_TIME,
          AtTermination.RETURN_OR_DELETE, false, true, List.of(
          new RetentionRule(c + ".client-retain", c, CLIENT_SETTING, RETAIN, RECORD_TIME, null, ANNEX_A + ": " + how),
          new RetentionRule(c + ".client-delete", c, CLIENT_SETTING, DELETE, RECORD_TIME, null, ANNEX_A + ": deleted at the end of the client's duration"),
          rule(c, "archive", CONTRACT, RESTRICT, CONTRACT_END, Period.ZERO, "no longer processed after termination; returned or deleted on the client's choice"),
          rule(c, "client-request", CLIENT_REQUEST, DELETE, DELETION_REQUESTED, Period.ZERO, "the client's deletion request"))));
    }

    private static RetentionRule rule(CategoryId c, String suffix, RuleSource source, RuleKind kind,
        ClockStart clock, Period period, String why) {
      return new RetentionRule(c + "." + suffix, c, source, kind, clock, period, ANNEX_A + ": " + why);
    }
  }
}
