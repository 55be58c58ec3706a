package dev.custodian.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the Jakarta Validation constraints of a duty's input records at the service boundary and
 * turns violations into one {@link IllegalArgumentException} naming each property and rule, never
 * the rejected value (it may be personal data). Records still refuse nulls in their constructors;
 * this adds the rules a constructor should not carry (sizes, blanks, contact details in free text).
 *
 * <p>Uses the Jakarta Validation provider found on the class path (Hibernate Validator in core's
 * runtime dependencies), built once.
 */
public final class Constraints {
  private static volatile Validator validator;

  private Constraints() {}

  /**
   * Returns {@code input} if it satisfies its constraints.
   *
   * @throws IllegalArgumentException naming every violated property and rule
   */
  public static <T> T check(T input) {
    Objects.requireNonNull(input, "input");
    Set<ConstraintViolation<T>> violations = validator().validate(input);
    if (!violations.isEmpty()) {
      Set<String> lines = new TreeSet<>();
      for (ConstraintViolation<T> v : violations) {
        lines.add(v.getPropertyPath() + " " + v.getMessage());
      }
      throw new IllegalArgumentException(
          "invalid " + input.getClass().getSimpleName() + ": " + String.join("; ", lines));
    }
    return input;
  }

  /**
   * Checks a reason given for a state change (an extension, a pause, a flag): 1 to 1000 characters,
   * no contact details in clear.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static String reason(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a reason is required");
    }
    return check(new Reason(text)).text();
  }

  private static Validator validator() {
    Validator v = validator;
    if (v == null) {
      synchronized (Constraints.class) {
        if (validator == null) {
          ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
          validator = factory.getValidator();
        }
        v = validator;
      }
    }
    return v;
  }

  /** A free-text reason, validated like any input. */
  record Reason(@NotBlank @Size(max = 1000) @NoContactDetails String text) {}
}
