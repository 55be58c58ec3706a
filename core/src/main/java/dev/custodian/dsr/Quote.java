package dev.custodian.dsr;

import dev.custodian.internal.NoContactDetails;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A quote (devis) for assistance that needs significant resources, at the processor's
 * professional-services rates (DPA 9, R-DSR-5).
 *
 * @param amount the price, at least 0.01, with at most two decimals
 * @param description what the work covers; no contact details
 * @param validUntil the last day, in the client's zone, on which it may be accepted
 */
public record Quote(
    @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
    @NotNull Currency currency,
    @NotBlank @Size(max = 2000) @NoContactDetails String description,
    @NotNull LocalDate validUntil) {

  public Quote {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(validUntil, "validUntil");
  }
}
