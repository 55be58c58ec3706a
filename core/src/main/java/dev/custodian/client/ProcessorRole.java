package dev.custodian.client;

/** Roles on the processor's (the operator's) side. */
public enum ProcessorRole {
  /** Receives escalations: unmatched subject requests, overdue notices (R-DSR-7). */
  PRIVACY_CONTACT,
  /** Approves a response compelled by law when the client may not be informed (R-AUTH-3). */
  DESIGNATED_OFFICER,
  /** Approves audit plans (R-AUD-2). */
  SECURITY_TEAM,
  /** Runs the service: intake, holds, sweeps, terminations. */
  OPERATOR
}
