package dev.custodian.spi;

/**
 * What covers the transfer of personal data to a sub-processor's servers (R-SUB-4, DPA 8.2, GDPR
 * chapter V).
 */
public enum TransferMechanism {
  /** The servers are inside the EEA: there is no transfer to a third country. */
  NONE_INSIDE_EEA("no transfer: servers inside the EEA"),
  /** The country has an adequacy decision of the European Commission (GDPR 45). */
  ADEQUACY_DECISION("adequacy decision of the European Commission (GDPR 45)"),
  /**
   * Standard contractual clauses, Commission Implementing Decision (EU) 2021/914 (GDPR 46(2)(c));
   * the contract's "CCT".
   */
  STANDARD_CONTRACTUAL_CLAUSES(
      "standard contractual clauses, Commission Implementing Decision (EU) 2021/914 (GDPR 46(2)(c))"),
  /**
   * The company is established outside the EEA but the data are kept inside it under a documented
   * data-localisation option; the documentation must say which option and what it covers.
   */
  DATA_LOCALISATION("documented data-localisation option: data kept inside the EEA");

  private final String description;

  TransferMechanism(String description) {
    this.description = description;
  }

  /** A one-line description with its legal reference, for reports and the compliance pack. */
  public String description() {
    return description;
  }
}
