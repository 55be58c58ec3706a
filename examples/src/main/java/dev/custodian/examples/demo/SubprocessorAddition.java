package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.OPERATOR;
import static dev.custodian.examples.demo.Narrator.day;

import dev.custodian.Custodian;
import dev.custodian.subprocessor.NoticeTooShortException;
import dev.custodian.spi.Subprocessor;
import dev.custodian.subprocessor.SubprocessorChange;
import dev.custodian.spi.TransferMechanism;
import java.time.LocalDate;

/**
 * Step 7: adding a sub-processor a week away is refused; the earliest effective date after the
 * notice period is accepted, and every client is notified with its objection deadline (R-SUB-2, R-SUB-3).
 */
final class SubprocessorAddition {
  private final Narrator narrator;
  private final Custodian custodian;
  private final DemoOperator operator;

  SubprocessorAddition(Narrator narrator, Scene scene) {
    this.narrator = narrator;
    this.custodian = scene.custodian;
    this.operator = scene.operator;
  }

  void run() {
    var registry = custodian.subprocessors();
    LocalDate today = registry.today();
    LocalDate earliest = registry.earliestEffectiveDate();
    Subprocessor newcomer = new Subprocessor("voxtra", "VOXTRA (fictional)",
        "Transcription des appels et messages vocaux", "FR", TransferMechanism.NONE_INSIDE_EEA, null,
        "Data processing agreement SP-2026-07");
    narrator.say("   Today is " + day(today) + "; the operator wants to add a transcription"
        + " sub-processor.");
    try {
      registry.announceAddition(OPERATOR, newcomer, today.plusDays(7));
      narrator.check(false, "a change a week away must be refused");
    } catch (NoticeTooShortException e) {
      narrator.say("   Effective in a week? Refused:");
      narrator.say("     " + e.getMessage());
      narrator.check(e.earliestAllowed().equals(earliest), "the refusal names the earliest date");
    }
    SubprocessorChange change = registry.announceAddition(OPERATOR, newcomer, earliest);
    narrator.say("   Earliest effective date: " + day(earliest) + " (10 French business days of"
        + " notice, R-SUB-2).");
    narrator.say("   Announced: notices sent to " + operator.subprocessorNotices().size()
        + " clients; each may object until " + day(registry.periods().objectionDeadline(today))
        + " (R-SUB-3).");
    narrator.check(change.effectiveOn().equals(earliest), "the change takes effect on the earliest date");
    narrator.check(operator.subprocessorNotices().size() == DemoData.CLIENTS.size(), "every client is notified");
    narrator.check(registry.periods().noticeIsEarlyEnough(today, earliest)
        && !registry.periods().noticeIsEarlyEnough(today, earliest.minusDays(1)),
        "the earliest date is the first one allowed");
  }
}
