package dev.custodian.dsr;

import dev.custodian.retention.CategoryId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an instructed erasure did (R-DSR-4): records deleted, and records spared because a legal
 * hold covers them (R-HOLD-2), per category.
 */
public record ErasureReport(
    String caseId,
    String instructionId,
    Map<CategoryId, Long> deleted,
    Map<CategoryId, Long> held) {

  public ErasureReport {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(instructionId, "instructionId");
    deleted = Collections.unmodifiableMap(new TreeMap<>(deleted));
    held = Collections.unmodifiableMap(new TreeMap<>(held));
  }

  public long totalDeleted() {
    return deleted.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalHeld() {
    return held.values().stream().mapToLong(Long::longValue).sum();
  }
}
