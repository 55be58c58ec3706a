package dev.custodian.spring;

import dev.custodian.Custodian;
import dev.custodian.PseudonymizationKeyChangedException;
import dev.custodian.spi.BreachNotificationSender;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.UnscheduledCategoryException;
import dev.custodian.spi.SubprocessorNoticeSender;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.spi.WorkQueue;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemoryWorkQueue;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.TaskScheduler;

/**
 * Configures a {@link Custodian} from {@code custodian.*} settings. With a {@code DataSource} and
 * {@code custodian-jdbc} on the classpath, the library's state, evidence and work queue go to the
 * database and the host's tables are reached through {@code custodian.host-data} mappings; without
 * them, in-memory stores are used and a warning says they are not for production.
 *
 * <p>Every bean backs off when the host defines its own of the same type; {@link
 * CustodianBuilderCustomizer} beans adjust the builder; {@code custodian.enabled=false} turns all
 * of it off.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration"
    })
@ConditionalOnBooleanProperty(name = "custodian.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustodianProperties.class)
@Import(CustodianAutoConfiguration.InMemoryStores.class)
public class CustodianAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CustodianAutoConfiguration.class);

  /** The settings, checked: a bad value fails start-up here, naming its property. */
  @Bean
  @ConditionalOnMissingBean
  CustodianSettings custodianSettings(CustodianProperties properties) {
    return CustodianSettings.of(properties);
  }

  /** The system clock in UTC, unless the host has a {@link Clock} bean of its own. */
  @Bean
  @ConditionalOnMissingBean
  Clock custodianClock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  Custodian custodian(
      CustodianSettings settings,
      Clock clock,
      StateStore stateStore,
      EvidenceStore evidenceStore,
      HostData hostData,
      WorkQueue workQueue,
      RequestNotifier requestNotifier,
      EscalationChannel escalationChannel,
      ObjectProvider<Responder> responder,
      ObjectProvider<Rectifier> rectifier,
      ObjectProvider<BreachNotificationSender> breachSender,
      ObjectProvider<SubprocessorNoticeSender> subprocessorSender,
      ObjectProvider<ArchiveSink> archiveSink,
      ObjectProvider<KeyCustody> keyCustody,
      ObjectProvider<SubprocessorInstructionSender> subProcessorInstructions,
      ObjectProvider<TerminationNotifier> terminationNotifier,
      ObjectProvider<CustodianBuilderCustomizer> customizers) {
    CustodianProperties.Sweep sweep = settings.properties().getSweep();
    RetentionSchedule schedule =
        ScheduleOverrides.apply(RetentionSchedule.annexA(), settings.retention());
    byte[] key = settings.pseudonymizationKey().orElseGet(() -> ephemeralKey(stateStore));
    Custodian.Builder builder =
        Custodian.builder()
            .clock(clock)
            .stateStore(stateStore)
            .evidenceStore(evidenceStore)
            .hostData(hostData)
            .pseudonymizationKey(key)
            .defaultClientZone(settings.clientZone())
            .instructingRoles(settings.instructingRoles())
            .retentionSchedule(schedule)
            .retentionBounds(ScheduleOverrides.bounds(schedule, settings.retention()))
            .workQueue(workQueue)
            .sweepOptions(SweepOptions.defaults()
                .withBatchSize(sweep.getBatchSize()).withLease(sweep.getLease()))
            .notificationDeadline(
                settings.properties().getSubjectRequests().getNotificationDelay())
            .notificationEscalationDelay(
                settings.properties().getSubjectRequests().getEscalationDelay())
            .requestNotifier(requestNotifier)
            .escalationChannel(escalationChannel);
    // The host's own channel to subjects; the library calls it only through its response gates.
    responder.ifUnique(builder::responder);
    rectifier.ifUnique(builder::rectifier);
    breachSender.ifUnique(builder::breachNotificationSender);
    subprocessorSender.ifUnique(builder::subprocessorNoticeSender);
    archiveSink.ifUnique(builder::archiveSink);
    keyCustody.ifUnique(builder::keyCustody);
    subProcessorInstructions.ifUnique(builder::subProcessorInstructionSender);
    terminationNotifier.ifUnique(builder::terminationNotifier);
    settings.previousPseudonymizationKey().ifPresent(builder::rotatePseudonymizationKey);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return checkedBuild(builder);
  }

  /**
   * Builds, turning the start-up checks that hinge on a setting (an unscheduled category, a key
   * other than the recorded one) into a failure naming that setting.
   */
  private static Custodian checkedBuild(Custodian.Builder builder) {
    try {
      return builder.build();
    } catch (UnscheduledCategoryException e) {
      throw new InvalidCustodianPropertyException(
          CustodianSettings.PREFIX + "host-data." + e.unknown().get(0),
          e.unknown() + " " + (e.unknown().size() == 1 ? "is not a category" : "are not categories")
              + " of the retention schedule, so those records would never be swept; valid"
              + " categories: " + e.valid(),
          "Map the table to one of the schedule's categories " + e.valid() + " under"
              + " 'custodian.host-data.<CATEGORY>', or add the category to the schedule with a"
              + " CustodianBuilderCustomizer (RetentionSchedule.annexA().toBuilder().category(...)).",
          e);
    } catch (PseudonymizationKeyChangedException e) {
      throw new InvalidCustodianPropertyException(
          CustodianSettings.PREFIX + "pseudonymization-key", e.getMessage(),
          "Restore the key Custodian was started with; or, to change it on purpose, start once"
              + " with the new key in 'custodian.pseudonymization-key' and the previous one in"
              + " 'custodian.pseudonymization-key-rotation.previous', then remove the latter.",
          e);
    }
  }

  /** Client notices as Spring application events, unless the host has its own notifier. */
  @Bean
  @ConditionalOnMissingBean
  RequestNotifier custodianRequestNotifier(ApplicationEventPublisher publisher) {
    return new ApplicationEventRequestNotifier(publisher);
  }

  /** Escalations as Spring application events, unless the host has its own channel. */
  @Bean
  @ConditionalOnMissingBean
  EscalationChannel custodianEscalationChannel(ApplicationEventPublisher publisher) {
    return new ApplicationEventEscalationChannel(publisher);
  }

  @Bean
  @ConditionalOnMissingBean
  CustodianMonitor custodianMonitor(Custodian custodian, CustodianSettings settings) {
    return new CustodianMonitor(
        custodian, settings.properties().getHealth().getEvidenceVerificationInterval());
  }

  /**
   * The periodic jobs, unless {@code custodian.sweep.enabled=false} (for example on nodes that
   * serve requests only).
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "custodian.sweep.enabled", matchIfMissing = true)
  CustodianScheduler custodianScheduler(
      CustodianSettings settings,
      Custodian custodian,
      CustodianMonitor monitor,
      WorkQueue workQueue,
      ObjectProvider<TaskScheduler> schedulers) {
    CustodianProperties.Sweep sweep = settings.properties().getSweep();
    List<CustodianScheduler.Job> nightly = new ArrayList<>();
    List<CustodianScheduler.Job> frequent = new ArrayList<>();
    // Each job is safe on several nodes: every state change is an optimistic versioned update,
    // so two nodes racing on one notice or escalation see one win and the other re-read.
    nightly.add(new CustodianScheduler.Job("retention-sweep",
        new RetentionSweepJob(custodian, workQueue, settings.sweepZone(), sweep.getLease())));
    frequent.add(new CustodianScheduler.Job("client-notices", () -> {
      custodian.subjectRequests().notifyPending();
      custodian.instructions().informPending();
      custodian.authorityRequests().informPending();
      custodian.assistance().sendPendingQuotes();
      custodian.breaches().deliverPending();
      custodian.subprocessors().deliverPending();
    }));
    frequent.add(new CustodianScheduler.Job("overdue-escalations", () -> {
      custodian.subjectRequests().escalateOverdue();
      custodian.authorityRequests().escalateDueReviews();
      custodian.breaches().escalateOverdue();
    }));
    // Termination steps that fell due: return archives, deletions, reminders (R-TERM-1..8).
    frequent.add(new CustodianScheduler.Job("terminations",
        () -> custodian.terminations().runDue()));
    // Joins sweeps another node started, and finishes one a crash interrupted (R-RET-6).
    frequent.add(new CustodianScheduler.Job("retention-resume",
        () -> custodian.retention().resumeUnfinished()));
    // Reuses a recent verification; recomputes once it is older than the health interval, or
    // sooner when entries were appended (see CustodianMonitor).
    frequent.add(new CustodianScheduler.Job("evidence-verification", monitor::evidenceChain));
    return new CustodianScheduler(schedulers.getIfUnique(), sweep.getCron(), settings.sweepZone(),
        sweep.getOverdueCheckInterval(), nightly, frequent);
  }

  /**
   * Without a durable store a random key is acceptable: the evidence it pseudonymises dies with the
   * process anyway. With one, a key that changed at each restart would break correlation, so it is
   * required.
   */
  private static byte[] ephemeralKey(StateStore stateStore) {
    if (!(stateStore instanceof InMemoryStateStore)) {
      throw CustodianSettings.invalid("pseudonymization-key",
          "is required when Custodian keeps its state in a database: set at least "
              + CustodianSettings.MIN_KEY_BYTES + " bytes of secret, kept stable across restarts");
    }
    LOG.warn("custodian.pseudonymization-key is not set: using a random key for this process only");
    byte[] key = new byte[CustodianSettings.MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /**
   * Fills in, one by one, whatever store neither the host nor {@link
   * CustodianJdbcAutoConfiguration} (which runs before this one) provided.
   */
  @Configuration(proxyBeanMethods = false)
  static class InMemoryStores {

    @Bean
    @ConditionalOnMissingBean
    StateStore custodianStateStore() {
      warnNotForProduction("state");
      return new InMemoryStateStore();
    }

    @Bean
    @ConditionalOnMissingBean
    EvidenceStore custodianEvidenceStore() {
      warnNotForProduction("evidence");
      return new InMemoryEvidenceStore();
    }

    @Bean
    @ConditionalOnMissingBean
    HostData custodianHostData() {
      warnNotForProduction("host data");
      return new InMemoryHostData();
    }

    @Bean
    @ConditionalOnMissingBean
    WorkQueue custodianWorkQueue(Clock clock) {
      return new InMemoryWorkQueue(clock);
    }

    private static void warnNotForProduction(String what) {
      LOG.warn("Custodian keeps its {} in memory: it is lost on restart and not shared between"
          + " nodes; not for production (add a DataSource and custodian-jdbc)", what);
    }
  }
}
