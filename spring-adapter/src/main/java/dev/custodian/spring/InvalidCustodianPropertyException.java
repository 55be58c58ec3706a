package dev.custodian.spring;

import java.util.Objects;

/**
 * A {@code custodian.*} setting that cannot be used. Thrown at start-up, so the application stops
 * instead of running with a duty misconfigured; {@link #property()} names the setting in the form
 * the host writes it (for example {@code custodian.sweep.batch-size}). The message never repeats a
 * secret's value.
 */
public class InvalidCustodianPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String reason;
  private final String action;

  public InvalidCustodianPropertyException(String property, String reason) {
    this(property, reason, (Throwable) null);
  }

  public InvalidCustodianPropertyException(String property, String reason, Throwable cause) {
    this(property, reason, null, cause);
  }

  /**
   * @param action what to do about it, when the setting's generic advice does not fit; may be
   *     null
   */
  public InvalidCustodianPropertyException(String property, String reason, String action,
      Throwable cause) {
    super("Invalid setting '" + property + "': " + reason, cause);
    this.property = Objects.requireNonNull(property, "property");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.action = action;
  }

  /** What to do about it, if the failure says more than the setting's generic advice. */
  public java.util.Optional<String> action() {
    return java.util.Optional.ofNullable(action);
  }

  /** The setting's full name, for example {@code custodian.client-zone}. */
  public String property() {
    return property;
  }

  /** Why the value was refused. */
  public String reason() {
    return reason;
  }
}
