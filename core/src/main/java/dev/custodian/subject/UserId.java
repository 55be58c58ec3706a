package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A user id in the host's service (an end user's account key). 1 to 256 characters, trimmed. */
public record UserId(String value) implements SubjectIdentifier {

  /**
   * An id already trimmed; {@link #of} trims one as written.
   *
   * @param value the id, 1 to 256 characters
   * @throws IllegalArgumentException if empty, too long or holding control characters
   */
  @JsonCreator
  public UserId(@JsonProperty("value") String value) {
    this.value = OpaqueIds.check("user", value);
  }

  /**
   * Trims, then validates.
   *
   * @param raw the user id as written
   * @return the user id
   * @throws IllegalArgumentException if empty, too long or holding control characters
   */
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
    return OpaqueIds.mask(value);
  }

  @Override
  public String toString() {
    return masked();
  }
}
