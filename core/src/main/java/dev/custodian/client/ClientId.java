package dev.custodian.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One customer account of the operator: a tenant. Every piece of personal data belongs to exactly
 * one client (REQUIREMENTS "Words"; R-ACC-2).
 *
 * <p>The value is the host's own account key: 1 to 64 characters among letters, digits, {@code -},
 * {@code _} and {@code .}. It is not personal data and may appear in logs and evidence.
 */
public record ClientId(String value) implements Comparable<ClientId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * A client's id as the host knows it.
   *
   * @param value 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit
   * @throws IllegalArgumentException if the value is null, empty or has characters outside the
   *     allowed set
   */
  @JsonCreator
  public ClientId {
    Objects.requireNonNull(value, "client id");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "client id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  /**
   * Shorthand for {@code new ClientId(value)}.
   *
   * @param value the id
   * @return the client id
   */
  public static ClientId of(String value) {
    return new ClientId(value);
  }

  /** {@return the id as given}, also its JSON form */
  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(ClientId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
