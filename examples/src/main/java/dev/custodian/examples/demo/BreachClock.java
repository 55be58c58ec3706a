package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.SECURITY;
import static dev.custodian.examples.demo.Narrator.WHEN;
import static dev.custodian.examples.demo.Narrator.when;

import dev.custodian.Custodian;
import dev.custodian.spi.BreachNotification;
import dev.custodian.spi.Incident;
import dev.custodian.breach.IncompleteNotificationException;
import dev.custodian.spi.NotificationContent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * Step 8: a breach's 72-hour clock runs from awareness; an incomplete final notification is
 * refused; an initial notification stops the clock (R-BR-1 to R-BR-3).
 */
final class BreachClock {
  private final Narrator narrator;
  private final Custodian custodian;
  private final DemoClock clock;
  private final DemoOperator operator;

  BreachClock(Narrator narrator, Scene scene) {
    this.narrator = narrator;
    this.custodian = scene.custodian;
    this.clock = scene.clock;
    this.operator = scene.operator;
  }

  void run() {
    Instant aware = clock.instant().minus(Duration.ofHours(30));
    Incident incident = custodian.breaches().recordAwareness(SECURITY, DemoData.CABINET, aware,
        "Voicemail export copied to a misconfigured storage bucket");
    ZonedDateTime deadline = custodian.breaches().deadline(incident.id());
    Duration left = Duration.between(clock.instant(), deadline.toInstant());
    narrator.say("   The security team became aware of an incident on cabinet-sud's data at "
        + when(aware) + ".");
    narrator.say("   Breach clock: notify the client by " + deadline.format(WHEN) + ", "
        + left.toHours() + " hours left of 72 (R-BR-1).");
    narrator.check(Duration.between(aware, deadline.toInstant()).equals(Duration.ofHours(72)),
        "the clock runs 72 hours from awareness");
    narrator.check(!incident.overdueAt(clock.instant()), "not overdue yet");
    narrator.check(incident.overdueAt(deadline.toInstant().plusSeconds(1)), "overdue past 72 hours");
    NotificationContent known = NotificationContent.initial(
        "Confidentiality: voicemail exports readable by anyone holding their link");
    try {
      custodian.breaches().notifyClient(SECURITY, incident.id(), BreachNotification.Kind.FINAL, known);
      narrator.check(false, "an incomplete final notification must be refused");
    } catch (IncompleteNotificationException e) {
      narrator.say("   A final notification with only the nature is refused; missing: "
          + e.missingFields() + " (R-BR-3).");
      narrator.check(e.missingFields().contains("dpoContact"), "the missing fields are named");
    }
    custodian.breaches().notifyClient(SECURITY, incident.id(), BreachNotification.Kind.INITIAL, known);
    Incident after = custodian.breaches().find(SECURITY, incident.id());
    narrator.say("   An initial notification goes out now, " + left.toHours()
        + " hours early; follow-ups will complete it (R-BR-2).");
    narrator.check(!after.clockRunning(), "the initial notification stops the clock");
    narrator.check(operator.breachNotifications().size() == 1, "the client received one notification");
  }
}
