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

  public static final CategoryId COMPANY_INFO = new CategoryId("COMPANY_INFO");
  public static final CategoryId CALL_LOG = new CategoryId("CALL_LOG");
  public static final CategoryId FAX_LOG = new CategoryId("FAX_LOG");
  public static final CategoryId CALL_RECORDING = new CategoryId("CALL_RECORDING");
  public static final CategoryId SMS_LOG = new CategoryId("SMS_LOG");
  public static final CategoryId SMS_CONTENT = new CategoryId("SMS_CONTENT");
  public static final CategoryId MMS_LOG = new CategoryId("MMS_LOG");
  public static final CategoryId MMS_CONTENT = new CategoryId("MMS_CONTENT");
  public static final CategoryId WEBHOOK_LOG = new CategoryId("WEBHOOK_LOG");
  public static final CategoryId FAX = new CategoryId("FAX");
  public static final CategoryId TRANSACTIONAL_EMAIL = new CategoryId("TRANSACTIONAL_EMAIL");
  public static final CategoryId CRM_CONTACT = new CategoryId("CRM_CONTACT");
  public static final CategoryId CONTACT_MANUAL = new CategoryId("CONTACT_MANUAL");
  public static final CategoryId CONTACT_CRM_SYNC = new CategoryId("CONTACT_CRM_SYNC");
  public static final CategoryId CONTACT_WEBHOOK = new CategoryId("CONTACT_WEBHOOK");
  public static final CategoryId TRANSCRIPTION = new CategoryId("TRANSCRIPTION");
  public static final CategoryId SSO_USER_ID = new CategoryId("SSO_USER_ID");

  /** The categories of Annex A, in the contract's order (call and fax logs split in two). */
  public static final List<CategoryId> ANNEX_A =
      List.of(COMPANY_INFO, CALL_LOG, FAX_LOG, CALL_RECORDING, SMS_LOG, SMS_CONTENT, MMS_LOG,
          MMS_CONTENT, WEBHOOK_LOG, FAX, TRANSACTIONAL_EMAIL, CRM_CONTACT, CONTACT_MANUAL,
          CONTACT_CRM_SYNC, CONTACT_WEBHOOK, TRANSCRIPTION, SSO_USER_ID);

  @JsonCreator
  public CategoryId {
    Objects.requireNonNull(value, "category id");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "category id must be upper-case letters, digits and '_', starting with a letter");
    }
  }

  public static CategoryId of(String value) {
    return new CategoryId(value);
  }

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
