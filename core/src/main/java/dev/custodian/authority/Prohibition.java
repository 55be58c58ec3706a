package dev.custodian.authority;

import dev.custodian.internal.NoContactDetails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The law's prohibition to inform the client of an authority's request (DPA 9, R-AUTH-1).
 *
 * @param legalBasis the provision or order that forbids informing the client
 * @param reviewOn the day, in the client's zone, on which the processor reviews whether the
 *     prohibition still holds
 */
public record Prohibition(
    @NotBlank @Size(max = 500) @NoContactDetails String legalBasis, @NotNull LocalDate reviewOn) {

  public Prohibition {
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(reviewOn, "reviewOn");
  }
}
