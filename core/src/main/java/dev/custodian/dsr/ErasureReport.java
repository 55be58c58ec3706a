package dev.custodian.dsr;

import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an instructed erasure did (R-DSR-4), per category: records deleted; records spared because
 * a legal hold covers them (R-HOLD-2); records the law still requires keeping (traffic data, CPCE
 * L.34-1), whose deletion is deferred and recorded with the retention duty, which deletes them when
 * their legal period ends (R-RET-2).
 *
 * @param deferredUntil per deferred category, until when the newest record is kept
 */
public record ErasureReport(
    String caseId,
    String instructionId,
    Map<CategoryId, Long> deleted,
    Map<CategoryId, Long> held,
    Map<CategoryId, Long> deferred,
    Map<CategoryId, Instant> deferredUntil) {

  public ErasureReport {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(instructionId, "instructionId");
    deleted = Collections.unmodifiableMap(new TreeMap<>(deleted));
    held = Collections.unmodifiableMap(new TreeMap<>(held));
    deferred = Collections.unmodifiableMap(new TreeMap<>(deferred));
    deferredUntil = Collections.unmodifiableMap(new TreeMap<>(deferredUntil));
  }

  public long totalDeleted() {
    return deleted.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalHeld() {
    return held.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalDeferred() {
    return deferred.values().stream().mapToLong(Long::longValue).sum();
  }
}
