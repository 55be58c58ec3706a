package dev.custodian.subprocessor;

/**
 * A sub-processor's server country needs a transfer mechanism the entry does not have (R-SUB-4):
 * outside the EEA without an adequacy decision and without standard contractual clauses or a
 * documented data-localisation option.
 */
public class TransferNotCoveredException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String subProcessor;
  private final String country;

  public TransferNotCoveredException(String subProcessor, String country, String problem) {
    super("sub-processor " + subProcessor + " refused (R-SUB-4): " + problem);
    this.subProcessor = subProcessor;
    this.country = country;
  }

  public String subProcessor() {
    return subProcessor;
  }

  public String country() {
    return country;
  }
}
