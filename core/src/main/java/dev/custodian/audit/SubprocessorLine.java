package dev.custodian.audit;

import dev.custodian.subprocessor.RegistryEntry;
import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.TransferMechanism;
import java.time.LocalDate;

/**
 * A sub-processor as the compliance pack lists it (R-SUB-1, R-ASSIST-1): what it does, where, what
 * covers the transfer and which agreement binds it, in words a data-protection officer reads.
 *
 * @param transferCoverage the mechanism in words, with its legal reference
 * @param engagedFrom null if engaged from the start of the registry
 * @param engagedUntil the day its announced removal takes effect, or null
 */
public record SubprocessorLine(
    String id,
    String name,
    String activities,
    String country,
    String countryName,
    TransferMechanism mechanism,
    String transferCoverage,
    String mechanismDetails,
    String agreement,
    LocalDate engagedFrom,
    LocalDate engagedUntil) {

  static SubprocessorLine of(RegistryEntry e) {
    Subprocessor sp = e.subProcessor();
    return new SubprocessorLine(sp.id(), sp.name(), sp.activities(), sp.country(),
        sp.countryName(), sp.mechanism(), sp.mechanism().description(), sp.mechanismDetails(),
        sp.agreement(), e.effectiveFrom(), e.effectiveUntil());
  }
}
