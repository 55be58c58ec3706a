package dev.custodian.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * A company the processor engages to process clients' data (DPA 4, Annex B; R-SUB-1, R-SUB-5).
 *
 * @param id a stable key: lower-case letters, digits and {@code -} (for example {@code scaleway})
 * @param name the company's name, as the contract lists it
 * @param activities what it does with the data
 * @param country where its servers are: ISO 3166-1 alpha-2 code
 * @param mechanism what covers a transfer to that country (R-SUB-4)
 * @param mechanismDetails the contract's wording or documentation of the mechanism; required for
 *     {@link TransferMechanism#DATA_LOCALISATION}; may be null otherwise
 * @param agreement reference to the written data-protection agreement with it (R-SUB-5, DPA 4.1)
 */
public record Subprocessor(
    String id,
    String name,
    String activities,
    String country,
    TransferMechanism mechanism,
    String mechanismDetails,
    String agreement) {

  public Subprocessor {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException(
          "sub-processor id must be 1 to 64 lower-case letters, digits or '-'");
    }
    requireText(name, "name");
    requireText(activities, "activities");
    country = country(country);
    Objects.requireNonNull(mechanism, "mechanism");
    requireText(agreement, "agreement (reference to the written data-protection agreement, R-SUB-5)");
  }

  /** The country's English name, for reports. */
  public String countryName() {
    return new Locale("", country).getDisplayCountry(Locale.ENGLISH);
  }

  public Subprocessor withMechanism(TransferMechanism value, String details) {
    return new Subprocessor(id, name, activities, country, value, details, agreement);
  }

  public Subprocessor withAgreement(String value) {
    return new Subprocessor(id, name, activities, country, mechanism, mechanismDetails, value);
  }

  public Subprocessor withCountry(String value) {
    return new Subprocessor(id, name, activities, value, mechanism, mechanismDetails, agreement);
  }

  /**
   * Checks and upper-cases an ISO 3166-1 alpha-2 code.
   *
   * @throws IllegalArgumentException if {@code code} is not two letters
   */
  public static String country(String code) {
    Objects.requireNonNull(code, "country");
    String c = code.trim().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code, got '" + code + "'");
    }
    return c;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("sub-processor " + field + " is required");
    }
  }
}
