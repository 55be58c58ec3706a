package dev.custodian.terms;

/** How a subject's request reached the processor (R-DSR-1). */
public enum RequestChannel {
  EMAIL,
  WEB_FORM,
  POSTAL_MAIL,
  PHONE,
  IN_PERSON,
  OTHER
}
