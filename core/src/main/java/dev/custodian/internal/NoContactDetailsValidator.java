package dev.custodian.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

/**
 * Checks {@link NoContactDetails}. The patterns are those the evidence log refuses, so text that
 * passes here is accepted there.
 */
public final class NoContactDetailsValidator
    implements ConstraintValidator<NoContactDetails, String> {
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+\\s?[1-9](?:[\\s.\\-]?\\d){6,14}");

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || !(EMAIL.matcher(value).find() || PHONE.matcher(value).find());
  }
}
