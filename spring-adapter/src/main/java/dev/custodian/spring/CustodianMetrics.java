package dev.custodian.spring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Micrometer gauges for what {@link CustodianHealthIndicator} reports, read at each scrape:
 * <ul>
 *   <li>{@code custodian.evidence.chain.intact}: 1 while the evidence chain verifies, else 0;
 *   <li>{@code custodian.evidence.entries}: entries checked by the last verification;
 *   <li>{@code custodian.subject.notifications.overdue}: client notifications past their deadline
 *       (R-DSR-2);
 *   <li>{@code custodian.breach.notices.overdue}: breach notices past their 72 hours (R-BR-1);
 *   <li>{@code custodian.sweep.backlog}: sweep units not yet done (R-RET-6).
 * </ul>
 */
public class CustodianMetrics implements MeterBinder {
  private final CustodianMonitor monitor;

  public CustodianMetrics(CustodianMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("custodian.evidence.chain.intact", monitor,
            m -> m.snapshot().evidenceChain().valid() ? 1 : 0)
        .description("1 while the evidence chain verifies, 0 once an entry is broken")
        .register(registry);
    Gauge.builder("custodian.evidence.entries", monitor,
            m -> m.snapshot().evidenceChain().entriesChecked())
        .description("Evidence entries checked by the last verification")
        .register(registry);
    Gauge.builder("custodian.subject.notifications.overdue", monitor,
            m -> m.snapshot().overdueClientNotifications())
        .description("Client notifications of subject requests past their deadline (R-DSR-2)")
        .register(registry);
    Gauge.builder("custodian.breach.notices.overdue", monitor,
            m -> m.snapshot().overdueBreachNotices())
        .description("Breach notices to clients past their 72-hour deadline (R-BR-1)")
        .register(registry);
    Gauge.builder("custodian.sweep.backlog", monitor, m -> m.snapshot().sweepBacklog())
        .description("Units of sweep work not yet done (R-RET-6)")
        .register(registry);
  }
}
