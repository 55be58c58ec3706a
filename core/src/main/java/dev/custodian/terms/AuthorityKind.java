package dev.custodian.terms;

/** The authorities whose disclosure requests the contract covers (DPA 9; R-AUTH-1). */
public enum AuthorityKind {
  /** Police or judicial authorities ("forces de l'ordre"). */
  LAW_ENFORCEMENT,
  /** A public body in charge of security ("organisme public chargé de la sécurité"). */
  PUBLIC_SECURITY_BODY,
  /** A data-protection supervisory authority, such as the CNIL. */
  SUPERVISORY_AUTHORITY
}
