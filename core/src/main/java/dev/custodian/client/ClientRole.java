package dev.custodian.client;

/** The four roles a client's user may hold in the service (R-ACC-1, DPA Annex C 9). */
public enum ClientRole {
  /** A user of the client's telephony service. */
  USER,
  /** An administrator of the client's account; instructs by default (R-ACC-1). */
  ADMINISTRATOR,
  /** A super administrator of the client's account; instructs by default (R-ACC-1). */
  SUPER_ADMINISTRATOR,
  /** A supervisor of other users of the client's account. */
  SUPERVISOR
}
