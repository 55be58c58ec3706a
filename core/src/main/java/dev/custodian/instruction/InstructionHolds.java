package dev.custodian.instruction;

import static dev.custodian.instruction.InstructionActions.HELD;
import static dev.custodian.instruction.InstructionActions.HELD_CLIENT_INFORMED;
import static dev.custodian.instruction.InstructionActions.HOLD_RELEASED;

import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.instruction.Instruction.Status;
import dev.custodian.instruction.Instruction.UnlawfulFlag;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.ClientNotice;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.StaleStateException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds instructions the processor considers unlawful and tells the client (DPA 3.2, R-ASSIST-2):
 * the hold is stored before the client is told, a failed notice stays pending and is retried, and
 * a hold is released once the concern is resolved. Who may do so is checked by {@link
 * InstructionService}.
 */
final class InstructionHolds {
  // Logs under the service's name, as it did before the service was split.
  private static final Logger LOG = LoggerFactory.getLogger(InstructionService.class);

  private final Repository<Instruction> instructions;
  private final EvidenceLog evidence;
  private final RequestNotifier notifier;
  private final Clock clock;

  InstructionHolds(Repository<Instruction> instructions, EvidenceLog evidence,
      RequestNotifier notifier, Clock clock) {
    this.instructions = instructions;
    this.evidence = evidence;
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = clock;
  }

  /** When a held instruction's notice to the client became due, or null if none is pending. */
  static Instant pendingNoticeSince(Instruction i) {
    return i.status() == Status.HELD && i.flag().clientInformedAt() == null
        ? i.flag().flaggedAt() : null;
  }

  Instruction hold(ProcessorPrincipal by, Versioned<Instruction> v, String why) {
    if (v.value().status() == Status.HELD) {
      throw new IllegalStateException("instruction " + v.value().id() + " is already held");
    }
    Instruction held = v.value().withFlag(Status.HELD,
        new UnlawfulFlag(by.id(), clock.instant(), why, null, null, null, null));
    EvidenceRecord evidenceRecord =
        EvidenceRecord.of(HELD, by.id()).withClient(held.client())
        .withBasis(held.id()).withDetail("reason", why);
    Versioned<Instruction> saved = instructions.update(held.id(), v, held);
    evidence.append(evidenceRecord);
    LOG.info("instruction {} held as unlawful", held.id());
    return informClient(saved);
  }

  Instruction release(ProcessorPrincipal by, Versioned<Instruction> v, String why) {
    if (v.value().status() != Status.HELD) {
      throw new IllegalStateException("instruction " + v.value().id() + " is not held");
    }
    Instruction released = v.value().withFlag(Status.ACTIVE,
        v.value().flag().released(by.id(), clock.instant(), why));
    EvidenceRecord evidenceRecord = EvidenceRecord.of(HOLD_RELEASED, by.id())
        .withClient(released.client()).withBasis(released.id()).withDetail("reason", why);
    instructions.update(released.id(), v, released);
    evidence.append(evidenceRecord);
    return released;
  }

  /** Sends the held-instruction notices that have not gone out yet; returns how many went out. */
  int informPending() {
    int sent = 0;
    for (Versioned<Instruction> v : instructions.listDue(clock.instant())) {
      try {
        if (informClient(v).flag().clientInformedAt() != null) {
          sent++;
        }
      } catch (StaleStateException another) {
        LOG.debug("instruction {} changed concurrently; left to the other node", v.value().id());
      }
    }
    return sent;
  }

  private Instruction informClient(Versioned<Instruction> v) {
    Instruction i = v.value();
    try {
      notifier.tellClient(new ClientNotice.InstructionHeld(i.client(), i.id(), i.target(),
          i.action(), i.flag().reason()));
    } catch (RuntimeException e) {
      LOG.warn("could not tell client {} that instruction {} is held; will retry: {}", i.client(),
          i.id(), e.getClass().getSimpleName());
      return i;
    }
    Instruction informed = i.withFlag(i.status(), i.flag().informed(clock.instant()));
    EvidenceRecord evidenceRecord = EvidenceRecord.of(HELD_CLIENT_INFORMED, "system")
        .withClient(i.client()).withBasis(i.id());
    instructions.update(i.id(), v, informed);
    evidence.append(evidenceRecord);
    return informed;
  }
}
