package dev.custodian.audit;

import java.util.List;
import java.util.Objects;

/**
 * One line of the retention schedule as the compliance pack shows it (R-ASSIST-1): plain text, so
 * any schedule can be rendered. {@link #annexA()} is the contract's Annex A; a host with its own
 * schedule passes its rows instead.
 *
 * @param countedFrom what the period runs from; "-" when it does not apply
 * @param atTermination what happens at the end of the contract; "-" when it does not apply
 */
public record RetentionRow(
    String category, String retention, String countedFrom, String atTermination) {

  public RetentionRow {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(retention, "retention");
    countedFrom = countedFrom == null || countedFrom.isBlank() ? "-" : countedFrom;
    atTermination = atTermination == null || atTermination.isBlank() ? "-" : atTermination;
  }

  /** The contract's Annex A telephony schedule (REQUIREMENTS, RET table). */
  public static List<RetentionRow> annexA() {
    return ANNEX_A;
  }

  private static final List<RetentionRow> ANNEX_A = List.of(
      new RetentionRow("company information (name, address, headcount)",
          "contract duration, then 1 year", "contract end",
          "kept 1 year (authority requisitions), then deleted"),
      new RetentionRow("call and fax logs",
          "1 year (legal minimum and contractual maximum)", "the call",
          "kept to the end of the 12 months, then deleted"),
      new RetentionRow("call recordings", "as set by the client", "the recording",
          "returned or deleted"),
      new RetentionRow("SMS logs", "1 year (legal)", "the message", "kept to the end of the 12 months"),
      new RetentionRow("SMS contents", "at most 1 year", "the message", "deleted"),
      new RetentionRow("MMS logs", "1 year (legal)", "the message", "kept to the end of the 12 months"),
      new RetentionRow("MMS contents", "at most 1 year", "the message", "deleted"),
      new RetentionRow("webhook call logs", "1 month", "the call", "deleted"),
      new RetentionRow("faxes", "contract duration, then 1 year", "contract end",
          "kept 1 year, then deleted"),
      new RetentionRow("transactional e-mails", "never stored", "-", "-"),
      new RetentionRow("CRM contact (the operator's own customers and prospects)", "3 years",
          "last active exchange", "-"),
      new RetentionRow("client contacts created manually", "until the client deletes them", "-",
          "deleted"),
      new RetentionRow("client contacts synchronised from a CRM",
          "until the client turns synchronisation off: then none is kept", "-", "deleted"),
      new RetentionRow("client contacts received by webhook", "until the client deletes them", "-",
          "deleted, or returned on request"),
      new RetentionRow("transcriptions of calls and voicemails",
          "as set by the client's administrator", "the transcription", "returned or deleted"),
      new RetentionRow("SSO user id (Okta, Azure)", "contract duration", "-", "deleted"));
}
