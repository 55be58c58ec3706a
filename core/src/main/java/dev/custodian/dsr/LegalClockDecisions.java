package dev.custodian.dsr;

import static dev.custodian.dsr.SubjectRequestActions.CLOCK_EXTENDED;
import static dev.custodian.dsr.SubjectRequestActions.CLOCK_PAUSED;
import static dev.custodian.dsr.SubjectRequestActions.CLOCK_RESUMED;

import dev.custodian.client.Principal;
import dev.custodian.dsr.SubjectCase.State;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Constraints;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The decisions on a client's legal clock (R-DSR-8, GDPR 12(3)): extend it, pause it, resume it,
 * each with a reason and recorded. The case comes in already checked: visible to the caller, who
 * may handle its client's requests ({@link SubjectRequestService} checks that).
 */
final class LegalClockDecisions {
  private final Repository<SubjectCase> cases;
  private final EvidenceLog evidence;
  private final Clock clock;

  LegalClockDecisions(Repository<SubjectCase> cases, EvidenceLog evidence, Clock clock) {
    this.cases = cases;
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  SubjectCase extend(Principal by, Versioned<SubjectCase> v, int months, String reason) {
    SubjectCase c = v.value();
    requireActive(c, "extend its clock");
    String why = Constraints.reason(reason);
    if (months < 1 || months > LegalClock.MAX_EXTENSION_MONTHS) {
      throw new IllegalArgumentException("an extension is one or two months");
    }
    if (c.clock().extensionMonths() + months > LegalClock.MAX_EXTENSION_MONTHS) {
      throw new IllegalStateException("subject case " + c.id() + " is already extended by "
          + c.clock().extensionMonths() + " month(s); two months at most in all");
    }
    Instant now = clock.instant();
    if (!now.isBefore(c.clock().firstMonthEnds())) {
      throw new IllegalStateException("subject case " + c.id()
          + ": an extension must be decided within the first month");
    }
    SubjectCase extended = c.withClock(c.clock().extended(
        new LegalClock.Extension(months, why, by.id(), now)));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(CLOCK_EXTENDED, by.id()).withClient(c.client())
        .withBasis("R-DSR-8").withDetail("case", c.id()).withDetail("months", months)
        .withDetail("reason", why).withDetail("due_date", extended.clock().dueDate());
    cases.update(c.id(), v, extended);
    evidence.append(evidenceRecord);
    return extended;
  }

  SubjectCase pause(Principal by, Versioned<SubjectCase> v, String reason) {
    SubjectCase c = v.value();
    requireActive(c, "pause its clock");
    String why = Constraints.reason(reason);
    if (c.clock().paused()) {
      throw new IllegalStateException("subject case " + c.id() + "'s clock is already paused");
    }
    SubjectCase paused = c.withClock(c.clock().pausedAt(
        new LegalClock.Pause(clock.instant(), null, why, by.id(), null, null)));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(CLOCK_PAUSED, by.id()).withClient(c.client())
        .withBasis("R-DSR-8").withDetail("case", c.id()).withDetail("reason", why);
    cases.update(c.id(), v, paused);
    evidence.append(evidenceRecord);
    return paused;
  }

  SubjectCase resume(Principal by, Versioned<SubjectCase> v, String reason) {
    SubjectCase c = v.value();
    String why = Constraints.reason(reason);
    if (!c.clock().paused()) {
      throw new IllegalStateException("subject case " + c.id() + "'s clock is not paused");
    }
    SubjectCase resumed = c.withClock(c.clock().resumedAt(clock.instant(), why, by.id()));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(CLOCK_RESUMED, by.id()).withClient(c.client())
        .withBasis("R-DSR-8").withDetail("case", c.id()).withDetail("reason", why)
        .withDetail("due_date", resumed.clock().dueDate());
    cases.update(c.id(), v, resumed);
    evidence.append(evidenceRecord);
    return resumed;
  }

  private static void requireActive(SubjectCase c, String what) {
    if (c.state() == State.RESPONDED || c.state() == State.CLOSED
        || c.state() == State.RESPONDING) {
      throw new IllegalStateException("subject case " + c.id() + " is " + c.state()
          + "; cannot " + what);
    }
  }
}
