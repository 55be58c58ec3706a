package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An identifier issued by a single sign-on provider (Okta, Azure AD). 1 to 256 characters, trimmed. */
public record SsoId(String value) implements SubjectIdentifier {

  /**
   * An id already trimmed; {@link #of} trims one as written.
   *
   * @param value the id, 1 to 256 characters
   * @throws IllegalArgumentException if empty, too long or holding control characters
   */
  @JsonCreator
  public SsoId(@JsonProperty("value") String value) {
    this.value = OpaqueIds.check("sso", value);
  }

  /**
   * Trims, then validates.
   *
   * @param raw the single sign-on id as written
   * @return the single sign-on id
   * @throws IllegalArgumentException if empty, too long or holding control characters
   */
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
    return OpaqueIds.mask(value);
  }

  @Override
  public String toString() {
    return masked();
  }
}
