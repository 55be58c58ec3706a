package dev.custodian.dsr;

import dev.custodian.terms.CategoryId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rectification of one record of the subject (R-DSR-4).
 *
 * @param fields field name to corrected value; the values are personal data: only the field names
 *     reach the evidence log
 */
public record Correction(
    @NotNull CategoryId category,
    @NotBlank @Size(max = 256) String recordId,
    @NotEmpty Map<@NotBlank String, @NotNull String> fields) {

  public Correction {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(recordId, "recordId");
    fields = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
  }

  @Override
  public String toString() {
    return "Correction[" + category + "/" + recordId + " fields=" + fields.keySet() + "]";
  }
}
