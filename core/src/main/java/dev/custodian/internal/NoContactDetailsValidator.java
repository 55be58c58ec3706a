package dev.custodian.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import dev.custodian.subject.PersonalDataDetector;

/**
 * Checks {@link NoContactDetails} with the detector the evidence log uses, so text that passes here
 * is accepted there.
 */
public final class NoContactDetailsValidator
    implements ConstraintValidator<NoContactDetails, String> {

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || !PersonalDataDetector.standard().containsPersonalData(value);
  }
}
