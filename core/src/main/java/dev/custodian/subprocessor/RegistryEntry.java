package dev.custodian.subprocessor;

import dev.custodian.spi.Subprocessor;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A sub-processor as the registry holds it, with the dates it is engaged between.
 *
 * @param effectiveFrom the first day it is engaged; null for an entry of the initial registry
 * @param effectiveUntil the day its removal takes effect (no longer engaged from that day); null
 *     if no removal is announced
 * @param additionChange the change that announced it, null for an initial entry
 * @param removalChange the change that announced its removal, or null
 */
public record RegistryEntry(
    Subprocessor subProcessor,
    LocalDate effectiveFrom,
    LocalDate effectiveUntil,
    String additionChange,
    String removalChange) {

  public RegistryEntry {
    Objects.requireNonNull(subProcessor, "subProcessor");
    if (effectiveFrom != null && effectiveUntil != null && !effectiveFrom.isBefore(effectiveUntil)) {
      throw new IllegalArgumentException("a sub-processor's removal must take effect after its addition");
    }
  }

  /** True if the sub-processor is engaged on {@code date}. */
  public boolean inForceOn(LocalDate date) {
    return (effectiveFrom == null || !date.isBefore(effectiveFrom))
        && (effectiveUntil == null || date.isBefore(effectiveUntil));
  }

  RegistryEntry removedFrom(LocalDate date, String changeId) {
    return new RegistryEntry(subProcessor, effectiveFrom, date, additionChange, changeId);
  }
}
