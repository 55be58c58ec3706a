package dev.custodian.terms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data category of the retention schedule, by stable id. The constants are the categories of the
 * contract's Annex A; a host may define its own ids (upper case, digits and underscores).
 */
public record CategoryId(String value) implements Comparable<CategoryId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** General company information of the client: name, address, headcount. */
  public static final CategoryId COMPANY_INFO = new CategoryId("COMPANY_INFO");
  /** Call logs: every piece of information about incoming and outgoing calls. */
  public static final CategoryId CALL_LOG = new CategoryId("CALL_LOG");
  /** Fax logs: every piece of information about incoming and outgoing faxes. */
  public static final CategoryId FAX_LOG = new CategoryId("FAX_LOG");
  /** Call recordings, kept for the duration the client sets. */
  public static final CategoryId CALL_RECORDING = new CategoryId("CALL_RECORDING");
  /** SMS logs. */
  public static final CategoryId SMS_LOG = new CategoryId("SMS_LOG");
  /** SMS contents. */
  public static final CategoryId SMS_CONTENT = new CategoryId("SMS_CONTENT");
  /** MMS logs. */
  public static final CategoryId MMS_LOG = new CategoryId("MMS_LOG");
  /** MMS contents. */
  public static final CategoryId MMS_CONTENT = new CategoryId("MMS_CONTENT");
  /** Logs of the calls to the client's webhooks. */
  public static final CategoryId WEBHOOK_LOG = new CategoryId("WEBHOOK_LOG");
  /** Faxes themselves. */
  public static final CategoryId FAX = new CategoryId("FAX");
  /** Transactional e-mails holding client information; never stored (R-RET-4). */
  public static final CategoryId TRANSACTIONAL_EMAIL = new CategoryId("TRANSACTIONAL_EMAIL");
  /** The operator's own CRM contacts: its customers and prospects. */
  public static final CategoryId CRM_CONTACT = new CategoryId("CRM_CONTACT");
  /** Client contacts created manually by the client. */
  public static final CategoryId CONTACT_MANUAL = new CategoryId("CONTACT_MANUAL");
  /** Client contacts synchronised from the client's CRM. */
  public static final CategoryId CONTACT_CRM_SYNC = new CategoryId("CONTACT_CRM_SYNC");
  /** Client contacts received by webhook. */
  public static final CategoryId CONTACT_WEBHOOK = new CategoryId("CONTACT_WEBHOOK");
  /** Transcriptions of calls and voicemails, kept for the duration the client sets. */
  public static final CategoryId TRANSCRIPTION = new CategoryId("TRANSCRIPTION");
  /** User ids from single sign-on (Okta, Azure AD), when SSO is integrated. */
  public static final CategoryId SSO_USER_ID = new CategoryId("SSO_USER_ID");

  /** The categories of Annex A, in the contract's order (call and fax logs split in two). */
  public static final List<CategoryId> ANNEX_A =
      List.of(COMPANY_INFO, CALL_LOG, FAX_LOG, CALL_RECORDING, SMS_LOG, SMS_CONTENT, MMS_LOG,
          MMS_CONTENT, WEBHOOK_LOG, FAX, TRANSACTIONAL_EMAIL, CRM_CONTACT, CONTACT_MANUAL,
          CONTACT_CRM_SYNC, CONTACT_WEBHOOK, TRANSCRIPTION, SSO_USER_ID);

  /**
   * A category id; the Annex A ones are the constants above.
   *
   * @param value upper-case letters, digits and '_', starting with a letter; at most 64
   * @throws IllegalArgumentException if the value has another shape
   */
  @JsonCreator
  public CategoryId {
    Objects.requireNonNull(value, "category id");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "category id must be upper-case letters, digits and '_', starting with a letter");
    }
  }

  /**
   * Shorthand for {@code new CategoryId(value)}.
   *
   * @param value the id
   * @return the category id
   */
  public static CategoryId of(String value) {
    return new CategoryId(value);
  }

  /** {@return the id as given}, also its JSON form */
  @JsonValue
  @Override
  public String value() {
    return value;
  }

  // Explicit: the classifier's hot path looks categories up by these.
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof CategoryId c && value.equals(c.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(CategoryId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
