package dev.custodian.spring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer gauges for what {@link CustodianHealthIndicator} reports, each read at each scrape:
 * <ul>
 *   <li>{@code custodian.evidence.chain.intact}: 1 while the evidence chain verifies, else 0;
 *   <li>{@code custodian.evidence.entries.checked}: entries checked by the kept verification;
 *   <li>{@code custodian.evidence.chain.length}: entries in the chain now, checked or not yet;
 *   <li>{@code custodian.evidence.last.verified}: when the kept verification started, in seconds
 *       since the epoch on the library's clock;
 *   <li>{@code custodian.evidence.verification.age}: how long ago it started, in seconds;
 *   <li>{@code custodian.subject.notifications.overdue}: client notifications past their deadline
 *       (R-DSR-2);
 *   <li>{@code custodian.breach.notices.overdue}: breach notices past their 72 hours (R-BR-1);
 *   <li>{@code custodian.sweep.backlog}: sweep units not yet done (R-RET-6).
 * </ul>
 *
 * <p>The first two verify the chain again when it is due (see {@link CustodianMonitor}); the two
 * time gauges only read the kept verification, so while verifications fail its age keeps growing
 * (alert on it) instead of being renewed. Before the first verification they have no value (NaN).
 */
public class CustodianMetrics implements MeterBinder {
  private final CustodianMonitor monitor;

  public CustodianMetrics(CustodianMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("custodian.evidence.chain.intact", monitor,
            m -> m.evidenceChain().valid() ? 1 : 0)
        .description("1 while the evidence chain verifies, 0 once an entry is broken")
        .register(registry);
    Gauge.builder("custodian.evidence.entries.checked", monitor,
            m -> m.evidenceChain().entriesChecked())
        .description("Evidence entries checked by the kept verification of the chain")
        .register(registry);
    Gauge.builder("custodian.evidence.chain.length", monitor, CustodianMonitor::chainLength)
        .description("Evidence entries in the chain now, checked or not yet")
        .register(registry);
    TimeGauge.builder("custodian.evidence.last.verified", monitor, TimeUnit.MILLISECONDS,
            m -> m.lastEvidenceVerification()
                .map(v -> (double) v.verifiedAt().toEpochMilli()).orElse(Double.NaN))
        .description("When the kept verification of the evidence chain started (since the epoch)")
        .register(registry);
    TimeGauge.builder("custodian.evidence.verification.age", monitor, TimeUnit.MILLISECONDS,
            m -> m.lastEvidenceVerification()
                .map(v -> (double) v.age(m.now()).toMillis()).orElse(Double.NaN))
        .description("How long ago the kept verification of the evidence chain started")
        .register(registry);
    Gauge.builder("custodian.subject.notifications.overdue", monitor,
            CustodianMonitor::overdueClientNotifications)
        .description("Client notifications of subject requests past their deadline (R-DSR-2)")
        .register(registry);
    Gauge.builder("custodian.breach.notices.overdue", monitor,
            CustodianMonitor::overdueBreachNotices)
        .description("Breach notices to clients past their 72-hour deadline (R-BR-1)")
        .register(registry);
    Gauge.builder("custodian.sweep.backlog", monitor, CustodianMonitor::sweepBacklog)
        .description("Units of sweep work not yet done (R-RET-6)")
        .register(registry);
  }
}
