package dev.custodian.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address, normalised to lower case and trimmed. The check is deliberately plain: a local
 * part of at most 64 printable characters without spaces, and a domain of dot-separated labels.
 */
public record EmailAddress(String value) implements SubjectIdentifier {
  private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  /**
   * An address already normalised; {@link #of} normalises one as written.
   *
   * @param value the address, in lower case and without surrounding spaces
   * @throws IllegalArgumentException if {@code value} is not a normalised e-mail address
   */
  @JsonCreator
  public EmailAddress(@JsonProperty("value") String value) {
    if (value == null) {
      throw new IllegalArgumentException("e-mail address is empty");
    }
    int at = value.lastIndexOf('@');
    if (at <= 0 || at != value.indexOf('@') || at == value.length() - 1) {
      throw new IllegalArgumentException("e-mail address must have one '@' between two parts");
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
        || local.contains("..")) {
      throw new IllegalArgumentException("e-mail address has an invalid part before '@'");
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("e-mail address has an invalid domain");
    }
    this.value = value;
  }

  /**
   * Trims and lower-cases, then validates.
   *
   * @param raw the address as written
   * @return the normalised address
   * @throws IllegalArgumentException if empty or not an e-mail address (the message never echoes
   *     it)
   */
  public static EmailAddress of(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("e-mail address is empty");
    }
    return new EmailAddress(raw.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public String kind() {
    return "email";
  }

  /** The first character of the local part and the domain: {@code j***@example.com}. */
  @Override
  public String masked() {
    int at = value.indexOf('@');
    return value.charAt(0) + "***" + value.substring(at);
  }

  @Override
  public String toString() {
    return masked();
  }
}
