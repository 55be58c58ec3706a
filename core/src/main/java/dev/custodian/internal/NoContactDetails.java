package dev.custodian.internal;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated text must not hold a phone number or an e-mail address in clear (R-EVID-2). Put on
 * free text that ends up in evidence (reasons, legal bases, document references), so a bad input is
 * refused at the door instead of half-way through a duty step. Null is valid.
 */
@Documented
@Constraint(validatedBy = NoContactDetailsValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoContactDetails {
  String message() default "must not contain a phone number or e-mail address in clear"
      + " (it would reach the evidence log)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
