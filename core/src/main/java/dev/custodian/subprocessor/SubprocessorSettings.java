package dev.custodian.subprocessor;

import dev.custodian.client.InstructingRoles;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.SubprocessorNoticeSender;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How the {@link SubprocessorRegistry} is set up: the processor's zone (in which days are counted),
 * the notice periods, the transfer rules, who may object for a client, the initial registry and the
 * host's notice sender. Immutable; start from {@link #defaults()} and use the {@code with...}
 * methods.
 *
 * @param sender may be null: then announcing a change fails, saying a sender is needed
 */
public record SubprocessorSettings(
    ZoneId zone,
    NoticePeriods periods,
    TransferRules transferRules,
    InstructingRoles objectingRoles,
    List<Subprocessor> initialSubProcessors,
    SubprocessorNoticeSender sender) {

  public SubprocessorSettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(periods, "periods");
    Objects.requireNonNull(transferRules, "transferRules");
    Objects.requireNonNull(objectingRoles, "objectingRoles");
    initialSubProcessors = List.copyOf(initialSubProcessors);
  }

  /**
   * Europe/Paris, ten French business days, the default transfer rules, the default instructing
   * roles, the contract's Annex B as initial registry, and no sender.
   */
  public static SubprocessorSettings defaults() {
    return new SubprocessorSettings(ZoneId.of("Europe/Paris"), NoticePeriods.france(),
        TransferRules.DEFAULT, InstructingRoles.DEFAULT, AnnexB.subProcessors(), null);
  }

  public SubprocessorSettings withZone(ZoneId value) {
    return new SubprocessorSettings(value, periods, transferRules, objectingRoles,
        initialSubProcessors, sender);
  }

  public SubprocessorSettings withPeriods(NoticePeriods value) {
    return new SubprocessorSettings(zone, value, transferRules, objectingRoles,
        initialSubProcessors, sender);
  }

  public SubprocessorSettings withTransferRules(TransferRules value) {
    return new SubprocessorSettings(zone, periods, value, objectingRoles, initialSubProcessors,
        sender);
  }

  public SubprocessorSettings withObjectingRoles(InstructingRoles value) {
    return new SubprocessorSettings(zone, periods, transferRules, value, initialSubProcessors,
        sender);
  }

  /** The registry used when the store holds none yet; an empty list starts an empty registry. */
  public SubprocessorSettings withInitialSubProcessors(List<Subprocessor> value) {
    return new SubprocessorSettings(zone, periods, transferRules, objectingRoles, value, sender);
  }

  public SubprocessorSettings withSender(SubprocessorNoticeSender value) {
    return new SubprocessorSettings(zone, periods, transferRules, objectingRoles,
        initialSubProcessors, value);
  }
}
