package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A user id in the host's service (an end user's account key). 1 to 256 characters, trimmed. */
public record UserId(String value) implements SubjectIdentifier {

  /** @throws IllegalArgumentException if empty, too long or holding control characters */
  @JsonCreator
  public UserId(@JsonProperty("value") String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("user id is empty");
    }
    if (value.length() > 256 || !value.equals(value.strip())
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "user id must be 1 to 256 characters without surrounding spaces or control characters");
    }
    this.value = value;
  }

  public static UserId of(String raw) {
    return new UserId(raw == null ? null : raw.strip());
  }

  @Override
  public String kind() {
    return "user";
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
