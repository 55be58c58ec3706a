package dev.custodian.breach;

import dev.custodian.spi.BreachNotification;
import dev.custodian.spi.NotificationContent;
import java.util.List;

/**
 * A notification lacks what its kind needs (R-BR-3): a final one every field of {@link
 * NotificationContent}, any one its nature. {@link #missingFields()} names each field at fault, in
 * the order of {@link NotificationContent#FIELDS}.
 */
public class IncompleteNotificationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> missingFields;

  public IncompleteNotificationException(BreachNotification.Kind kind, List<String> missingFields) {
    super("a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + " breach notification cannot go out (R-BR-3): missing or invalid "
        + String.join(", ", missingFields));
    this.missingFields = List.copyOf(missingFields);
  }

  /** The fields missing or invalid, by their names in {@link NotificationContent}. */
  public List<String> missingFields() {
    return missingFields;
  }
}
