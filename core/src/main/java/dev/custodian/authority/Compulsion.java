package dev.custodian.authority;

import dev.custodian.internal.NoContactDetails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * The legal basis that compels the processor to answer an authority without the client's
 * instruction, while the client may not be informed (R-AUTH-3).
 *
 * @param legalBasis the provision or order that compels the answer
 * @param documentReference where the order is kept (a requisition number, a file reference)
 */
public record Compulsion(
    @NotBlank @Size(max = 500) @NoContactDetails String legalBasis,
    @NotBlank @Size(max = 200) @NoContactDetails String documentReference) {

  public Compulsion {
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(documentReference, "documentReference");
  }
}
