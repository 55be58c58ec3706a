package dev.custodian.retention;

import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One retention rule of a category: where it comes from, what its clock counts from, how long, and
 * what it does at the end. Rules of a category combine by the precedence of {@link Classifier}.
 *
 * @param id stable id, for example {@code CALL_LOG.cpce-floor}; cited in decisions and evidence
 * @param category the category it governs
 * @param source law, contract, client setting or client request
 * @param kind retain, delete or restrict at the end of the period
 * @param clock what the period is counted from
 * @param period the period, applied in the client's zone; null only for a {@link
 *     RuleSource#CLIENT_SETTING} rule, whose period is the client's setting for the category
 * @param basis a short citation of what the rule implements (contract clause, article of law)
 */
public record RetentionRule(
    String id,
    CategoryId category,
    RuleSource source,
    RuleKind kind,
    ClockStart clock,
    Period period,
    String basis) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /**
   * @throws IllegalArgumentException if the id is malformed, the period negative, or the period
   *     missing on a rule that is not a client setting
   */
  public RetentionRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(clock, "clock");
    basis = basis == null ? "" : basis;
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must be 1 to 128 letters, digits, '.', '_' or '-'");
    }
    if (period == null && source != RuleSource.CLIENT_SETTING) {
      throw new IllegalArgumentException("rule " + id + " needs a period (only a client setting may leave it empty)");
    }
    if (period != null && period.isNegative()) {
      throw new IllegalArgumentException("rule " + id + " has a negative period " + period);
    }
  }

  /** Shorthand constructor. */
  public static RetentionRule of(String id, CategoryId category, RuleSource source, RuleKind kind,
      ClockStart clock, Period period, String basis) {
    return new RetentionRule(id, category, source, kind, clock, period, basis);
  }

  /** True for a legal minimum: a legal RETAIN rule (precedence rule 5). */
  public boolean isLegalFloor() {
    return source == RuleSource.LAW && kind == RuleKind.RETAIN;
  }

  /** True for a legal maximum: a legal DELETE rule (precedence rule 5). */
  public boolean isLegalCeiling() {
    return source == RuleSource.LAW && kind == RuleKind.DELETE;
  }

  /** True if the period is the client's setting for the category. */
  public boolean isClientSetting() {
    return period == null;
  }
}
