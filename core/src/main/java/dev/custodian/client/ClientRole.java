package dev.custodian.client;

/** The four roles a client's user may hold in the service (R-ACC-1, DPA Annex C 9). */
public enum ClientRole {
  USER,
  ADMINISTRATOR,
  SUPER_ADMINISTRATOR,
  SUPERVISOR
}
