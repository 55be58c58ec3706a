package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An identifier issued by a single sign-on provider (Okta, Azure AD). 1 to 256 characters, trimmed. */
public record SsoId(String value) implements SubjectIdentifier {

  /** @throws IllegalArgumentException if empty, too long or holding control characters */
  @JsonCreator
  public SsoId(@JsonProperty("value") String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("sso id is empty");
    }
    if (value.length() > 256 || !value.equals(value.strip())
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "sso id must be 1 to 256 characters without surrounding spaces or control characters");
    }
    this.value = value;
  }

  public static SsoId of(String raw) {
    return new SsoId(raw == null ? null : raw.strip());
  }

  @Override
  public String kind() {
    return "sso";
  }

  /** The first two characters and the length: {@code ab***(12)}. */
  @Override
  public String masked() {
    return value.substring(0, Math.min(2, value.length())) + "***(" + value.length() + ")";
  }

  @Override
  public String toString() {
    return masked();
  }
}
