package dev.custodian.terms;

/** How a subject's request reached the processor (R-DSR-1). */
public enum RequestChannel {
  /** An e-mail. */
  EMAIL,
  /** A form on a web site or in an application. */
  WEB_FORM,
  /** A letter. */
  POSTAL_MAIL,
  /** A telephone call. */
  PHONE,
  /** Handed over in person. */
  IN_PERSON,
  /** Any other way. */
  OTHER
}
