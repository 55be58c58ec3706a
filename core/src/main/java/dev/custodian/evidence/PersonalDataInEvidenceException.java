package dev.custodian.evidence;

/**
 * Thrown when a duty tries to write something that looks like a phone number or an e-mail address
 * in clear into evidence (R-EVID-2). The message names the field, never its value.
 */
public final class PersonalDataInEvidenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  PersonalDataInEvidenceException(String field) {
    super("evidence field '" + field + "' looks like a phone number or e-mail address in clear;"
        + " pass it through a Pseudonymizer");
  }
}
