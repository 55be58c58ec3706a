package dev.custodian.subprocessor;

import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.TransferMechanism;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which countries are inside the EEA and which have an adequacy decision, and therefore which
 * {@link TransferMechanism} a sub-processor's server country needs (R-SUB-4). Countries are ISO
 * 3166-1 alpha-2 codes ({@code FR}, {@code US}, {@code GB}).
 *
 * <p>{@link #DEFAULT} holds the EEA (27 member states, Iceland, Liechtenstein, Norway) and the
 * countries with a general adequacy decision as the library was written. Adequacy decisions change:
 * a host passes its own list with {@link #withAdequateCountries}. The United States is not in the
 * default list because its decision (EU-US Data Privacy Framework) covers only certified
 * organisations, not the country; Canada's covers commercial organisations under PIPEDA.
 */
public record TransferRules(Set<String> eeaCountries, Set<String> adequateCountries) {

  /** EU member states plus Iceland, Liechtenstein and Norway. */
  public static final Set<String> EEA =
      Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
          "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
          "IS", "LI", "NO");

  /**
   * Countries with a general adequacy decision: Andorra, Argentina, Canada, Faroe Islands,
   * Guernsey, Israel, Isle of Man, Japan, Jersey, New Zealand, Republic of Korea, Switzerland,
   * United Kingdom, Uruguay.
   */
  public static final Set<String> ADEQUATE =
      Set.of("AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY");

  public static final TransferRules DEFAULT = new TransferRules(EEA, ADEQUATE);

  public TransferRules {
    eeaCountries = normalise(eeaCountries);
    adequateCountries = normalise(adequateCountries);
  }

  /** A copy with another list of adequate countries. */
  public TransferRules withAdequateCountries(Set<String> value) {
    return new TransferRules(eeaCountries, value);
  }

  public boolean insideEea(String country) {
    return eeaCountries.contains(country(country));
  }

  public boolean adequate(String country) {
    return adequateCountries.contains(country(country));
  }

  /**
   * Why {@code mechanism} does not cover servers in {@code country}, or empty if it does (R-SUB-4).
   * A data-localisation option needs its documentation.
   */
  public Optional<String> problem(String country, TransferMechanism mechanism, String documentation) {
    String c = country(country);
    Objects.requireNonNull(mechanism, "mechanism");
    boolean eea = insideEea(c);
    return switch (mechanism) {
      case NONE_INSIDE_EEA -> eea ? Optional.empty()
          : Optional.of("servers in " + c + " are outside the EEA: a transfer mechanism is needed"
              + (adequate(c) ? " (the country has an adequacy decision: say so)"
                  : " (standard contractual clauses, decision 2021/914, or a documented"
                      + " data-localisation option)"));
      case ADEQUACY_DECISION -> eea || adequate(c) ? Optional.empty()
          : Optional.of(c + " has no adequacy decision: standard contractual clauses (decision"
              + " 2021/914) or a documented data-localisation option are needed");
      case STANDARD_CONTRACTUAL_CLAUSES -> Optional.empty();
      case DATA_LOCALISATION -> documentation == null || documentation.isBlank()
          ? Optional.of("a data-localisation option must be documented (which option, what it keeps"
              + " inside the EEA)")
          : Optional.empty();
    };
  }

  /** Checks and upper-cases an ISO 3166-1 alpha-2 code. */
  static String country(String code) {
    return Subprocessor.country(code);
  }

  private static Set<String> normalise(Set<String> codes) {
    Objects.requireNonNull(codes, "countries");
    return codes.stream().map(TransferRules::country).collect(Collectors.toUnmodifiableSet());
  }
}
