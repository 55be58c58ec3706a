package dev.custodian.retention;

import dev.custodian.terms.CategoryId;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bounds the processor sets on durations its clients choose (R-RET-3): per category, the
 * shortest and the longest duration a client may set. Immutable; {@link #with} returns a copy.
 */
public final class RetentionBounds {
  private final Map<CategoryId, Bound> bounds;

  private RetentionBounds(Map<CategoryId, Bound> bounds) {
    this.bounds = Map.copyOf(bounds);
  }

  /**
   * The default bounds: call recordings and transcriptions between 1 day and 10 years. The
   * contract leaves them to the client's dashboard; the processor narrows them with {@link #with}.
   */
  public static RetentionBounds defaults() {
    return none()
        .with(CategoryId.CALL_RECORDING, Period.ofDays(1), Period.ofYears(10))
        .with(CategoryId.TRANSCRIPTION, Period.ofDays(1), Period.ofYears(10));
  }

  /** No category settable. */
  public static RetentionBounds none() {
    return new RetentionBounds(Map.of());
  }

  /**
   * A copy where clients may set {@code category}'s duration within [{@code min}, {@code max}].
   *
   * @throws IllegalArgumentException if min exceeds max or either is negative
   */
  public RetentionBounds with(CategoryId category, Period min, Period max) {
    Bound b = new Bound(min, max);
    Map<CategoryId, Bound> copy = new LinkedHashMap<>(bounds);
    copy.put(Objects.requireNonNull(category, "category"), b);
    return new RetentionBounds(copy);
  }

  /** The bound of the category, if clients may set it. */
  public Optional<Bound> bound(CategoryId category) {
    return Optional.ofNullable(bounds.get(category));
  }

  /** Every bound. */
  public Map<CategoryId, Bound> all() {
    return bounds;
  }

  /**
   * Checks a duration a client wants for a category.
   *
   * @throws IllegalArgumentException naming the bound if the category is not client-settable or
   *     the duration falls outside the bound
   */
  public void check(CategoryId category, Period duration) {
    Objects.requireNonNull(duration, "duration");
    Bound b = bounds.get(category);
    if (b == null) {
      throw new IllegalArgumentException("the processor lets no client set the duration of " + category);
    }
    if (Periods.exceeds(b.min(), duration)) {
      throw new IllegalArgumentException(category + " duration " + duration + " is below the minimum " + b.min());
    }
    if (Periods.exceeds(duration, b.max())) {
      throw new IllegalArgumentException(category + " duration " + duration + " is above the maximum " + b.max());
    }
  }

  /** The shortest and longest durations a client may set. */
  public record Bound(Period min, Period max) {
    public Bound {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.isNegative()) {
        throw new IllegalArgumentException("bounds must not be negative");
      }
      if (Periods.exceeds(min, max)) {
        throw new IllegalArgumentException("minimum " + min + " exceeds maximum " + max);
      }
    }
  }
}
