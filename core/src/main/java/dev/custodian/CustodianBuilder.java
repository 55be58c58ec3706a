package dev.custodian;

import dev.custodian.audit.ProcessorIdentity;
import dev.custodian.client.InstructingRoles;
import dev.custodian.dsr.SubjectRequestService;
import dev.custodian.evidence.EvidenceAnchor;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.retention.RetentionBounds;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.retention.SweepOptions;
import dev.custodian.retention.UnscheduledCategoryException;
import dev.custodian.spi.EscalationChannel;
import dev.custodian.spi.HostData;
import dev.custodian.spi.Rectifier;
import dev.custodian.spi.RequestNotifier;
import dev.custodian.spi.Responder;
import dev.custodian.spi.StateStore;
import dev.custodian.subprocessor.BusinessCalendar;
import dev.custodian.subprocessor.TransferRules;
import dev.custodian.termination.TerminationOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Builds a {@link Custodian}; obtained from {@link Custodian#builder()}. Only the pseudonymisation
 * key is required: every other option has a default, named by a constant below where it is a value.
 * Every option refuses {@code null} with a {@link NullPointerException}. Stand-ins kept in memory
 * (stores, notifiers, key custody) are for tests and demonstrations and are logged as such.
 *
 * <p>{@link #build()} reads the options and changes none of them: building twice gives two
 * independent instances with the same configuration (in-memory defaults are not shared). Not
 * thread-safe; the built {@link Custodian} is.
 */
public final class CustodianBuilder extends CustodianDutyOptions {
  /** The clock used unless {@link #clock} says otherwise: the system clock, in UTC. */
  public static final Clock DEFAULT_CLOCK = Clock.systemUTC();

  /** The zone a client's calendar periods are counted in unless the host or client says so. */
  public static final ZoneId DEFAULT_CLIENT_ZONE = ZoneId.of("Europe/Paris");

  /** The processor's zone (business days, deadlines shown, audit hours): Europe/Paris. */
  public static final ZoneId DEFAULT_PROCESSOR_ZONE = ZoneId.of("Europe/Paris");

  /** Who may instruct unless configured: administrators and the designated contact (R-ACC-1). */
  public static final InstructingRoles DEFAULT_INSTRUCTING_ROLES = InstructingRoles.DEFAULT;

  /** How long after receipt a client must be told of a subject request: 24 hours (R-DSR-2). */
  public static final Duration DEFAULT_NOTIFICATION_DEADLINE =
      SubjectRequestService.DEFAULT_NOTIFICATION_DEADLINE;

  /** How long an overdue client notification waits before escalation: zero (R-DSR-2). */
  public static final Duration DEFAULT_NOTIFICATION_ESCALATION_DELAY =
      SubjectRequestService.DEFAULT_ESCALATION_DELAY;

  /** The retention schedule enforced unless replaced: the contract's Annex A (R-RET-1). */
  public static final RetentionSchedule DEFAULT_RETENTION_SCHEDULE = RetentionSchedule.annexA();

  /** Bounds on client-set durations: recordings and transcriptions, 1 day to 10 years (R-RET-3). */
  public static final RetentionBounds DEFAULT_RETENTION_BOUNDS = RetentionBounds.defaults();

  /** The termination duty's windows, delays, batch size and leases (R-TERM-2..8). */
  public static final TerminationOptions DEFAULT_TERMINATION_OPTIONS = TerminationOptions.DEFAULTS;

  /** The business days of notice periods and audit hours: metropolitan France (R-SUB-2). */
  public static final BusinessCalendar DEFAULT_BUSINESS_CALENDAR = BusinessCalendar.france();

  /** The transfer lists the registry checks against: the EEA and adequacy decisions (R-SUB-4). */
  public static final TransferRules DEFAULT_TRANSFER_RULES = TransferRules.DEFAULT;

  /** The processor's identity unless given: shown as "not configured" in the record (30(2)). */
  public static final ProcessorIdentity DEFAULT_PROCESSOR_IDENTITY =
      ProcessorIdentity.NOT_CONFIGURED;

  CustodianBuilder() {}

  // ---- foundation: time, stores, keys ----

  /**
   * The clock every duty reads time from; default {@link #DEFAULT_CLOCK}. Refuses null.
   *
   * @param value the clock, for example a fixed one in tests
   * @return this builder
   */
  public CustodianBuilder clock(Clock value) {
    o.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /**
   * Where Custodian keeps its own state (cases, holds, settings, the key's fingerprint). Default:
   * in memory, lost on restart, with a warning at build. Refuses null.
   *
   * @param value the host's store, such as the JDBC adapter's
   * @return this builder
   */
  public CustodianBuilder stateStore(StateStore value) {
    o.stateStore = Objects.requireNonNull(value, "stateStore");
    return this;
  }

  /**
   * Where the evidence log is written. Default: in memory, lost on restart. Refuses null.
   *
   * @param value the host's store, such as the JDBC adapter's
   * @return this builder
   */
  public CustodianBuilder evidenceStore(EvidenceStore value) {
    o.evidenceStore = Objects.requireNonNull(value, "evidenceStore");
    return this;
  }

  /**
   * The host's personal data, which the duties find, export and delete. Default: an empty
   * in-memory stand-in. Refuses null; {@link #build()} refuses host data holding a category the
   * retention schedule lacks.
   *
   * @param value the host's data, such as the JDBC adapter's mapped tables
   * @return this builder
   */
  public CustodianBuilder hostData(HostData value) {
    o.hostData = Objects.requireNonNull(value, "hostData");
    return this;
  }

  /**
   * The secret behind pseudonyms in evidence; at least 32 random bytes; keep it stable. Required:
   * no default. The bytes are copied. A key that reads as an unresolved placeholder ({@code
   * ${CUSTODIAN_KEY}}, {@code %...%}, {@code changeme}) or has fewer than 8 distinct bytes is
   * refused by {@link #build()}, and so is a key other than the one recorded at the first start
   * (see {@link #rotatePseudonymizationKey}). Refuses null.
   *
   * @param value the key, at least 32 random bytes; copied
   * @return this builder
   */
  public CustodianBuilder pseudonymizationKey(byte[] value) {
    o.pseudonymizationKey = Objects.requireNonNull(value, "pseudonymizationKey").clone();
    return this;
  }

  /**
   * Rotates the pseudonymisation key on purpose: give the new key to {@link #pseudonymizationKey}
   * and the key Custodian ran with until now here. At {@link #build()} the recorded fingerprint of
   * {@code previousKey} is replaced by the new key's and {@code pseudonymization.key.rotated}
   * evidence is written (fingerprints only). Pseudonyms written before and after then differ for
   * the same subject. Once the new key is recorded, the previous one is ignored with a warning:
   * remove it from the configuration. Default: no rotation. Refuses null.
   *
   * @param previousKey the key recorded until now; copied
   * @return this builder
   */
  public CustodianBuilder rotatePseudonymizationKey(byte[] previousKey) {
    o.previousPseudonymizationKey =
        Objects.requireNonNull(previousKey, "previousKey").clone();
    return this;
  }

  /**
   * Neither records nor compares the key's fingerprint at build: only for read-only tools that
   * write no state and no evidence (such as a dry-run report over the host's database). Default:
   * the fingerprint is recorded at the first start and compared at every later one.
   *
   * @return this builder
   */
  public CustodianBuilder withoutKeyFingerprint() {
    o.keyFingerprint = false;
    return this;
  }

  /**
   * The secret that keys the evidence chain (HMAC-SHA256), from the host's secret store, never kept
   * beside the log; keep it stable. Default: derived from the pseudonymisation key (see {@link
   * EvidenceKey#derivedFrom}). Refuses null and keys shorter than 32 bytes
   * ({@link IllegalArgumentException}).
   *
   * @param value the key, at least 32 bytes of secret material; copied
   * @return this builder
   */
  public CustodianBuilder evidenceKey(byte[] value) {
    o.evidenceKey = EvidenceKey.of(value);
    o.evidenceKeyFingerprint = EffectiveConfiguration.fingerprint(value);
    return this;
  }

  /**
   * Where the evidence chain's head is also published after each append, so that a cut or
   * rewritten log shows at verification. Default: nowhere beyond the store's recorded head.
   * Refuses null.
   *
   * @param value where to publish the head
   * @return this builder
   */
  public CustodianBuilder evidenceAnchor(EvidenceAnchor value) {
    o.evidenceAnchor = Objects.requireNonNull(value, "evidenceAnchor");
    return this;
  }

  /**
   * The zone of a client's calendar periods when it sets none; default {@link
   * #DEFAULT_CLIENT_ZONE}. Refuses null.
   *
   * @param value the zone
   * @return this builder
   */
  public CustodianBuilder defaultClientZone(ZoneId value) {
    o.defaultClientZone = Objects.requireNonNull(value, "defaultClientZone");
    return this;
  }

  /**
   * Which client principals may instruct (R-ACC-1); default {@link #DEFAULT_INSTRUCTING_ROLES}.
   * Refuses null.
   *
   * @param value the roles that may instruct
   * @return this builder
   */
  public CustodianBuilder instructingRoles(InstructingRoles value) {
    o.instructingRoles = Objects.requireNonNull(value, "instructingRoles");
    return this;
  }

  // ---- subject and authority requests, instructions ----

  /**
   * How clients are told of subject and authority requests, held instructions and quotes. Default:
   * kept in memory only, with a warning at build. Refuses null.
   *
   * @param value the host's notifier
   * @return this builder
   */
  public CustodianBuilder requestNotifier(RequestNotifier value) {
    o.requestNotifier = Objects.requireNonNull(value, "requestNotifier");
    return this;
  }

  /**
   * How the processor's privacy contact is alerted (unmatched requests, overdue notices). Default:
   * kept in memory only, with a warning at build. Refuses null.
   *
   * @param value the host's channel
   * @return this builder
   */
  public CustodianBuilder escalationChannel(EscalationChannel value) {
    o.escalationChannel = Objects.requireNonNull(value, "escalationChannel");
    return this;
  }

  /**
   * The host's channel for answering subjects and authorities, called only through the gates.
   * Default: answers are kept in memory only, with a warning at build. Refuses null.
   *
   * @param value the host's responder
   * @return this builder
   */
  public CustodianBuilder responder(Responder value) {
    o.responder = Objects.requireNonNull(value, "responder");
    return this;
  }

  /**
   * How the host corrects a record on an instructed rectification. Default: the in-memory host
   * data's own; with other host data, rectifications fail until one is given. Refuses null.
   *
   * @param value the host's rectifier
   * @return this builder
   */
  public CustodianBuilder rectifier(Rectifier value) {
    o.rectifier = Objects.requireNonNull(value, "rectifier");
    return this;
  }

  /**
   * How long after receipt a client must be notified of a subject request; default {@link
   * #DEFAULT_NOTIFICATION_DEADLINE}. Refuses null, zero and negative durations.
   *
   * @param value a positive duration
   * @return this builder
   */
  public CustodianBuilder notificationDeadline(Duration value) {
    Objects.requireNonNull(value, "notificationDeadline");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the notification deadline must be positive");
    }
    o.notificationDeadline = value;
    return this;
  }

  /**
   * How long past its deadline an unsent client notification waits before it is escalated to the
   * processor's privacy contact (R-DSR-2); default {@link #DEFAULT_NOTIFICATION_ESCALATION_DELAY}:
   * escalated at the first check after the deadline. The notification shows as overdue from the
   * deadline on, whatever the delay. Refuses null and negative durations.
   *
   * @param value zero or a positive duration
   * @return this builder
   */
  public CustodianBuilder notificationEscalationDelay(Duration value) {
    Objects.requireNonNull(value, "notificationEscalationDelay");
    if (value.isNegative()) {
      throw new IllegalArgumentException(
          "the notification escalation delay must be zero or positive");
    }
    o.notificationEscalationDelay = value;
    return this;
  }

  /**
   * Builds a {@link Custodian} from these options, which it leaves as they are, and logs the
   * effective configuration once at INFO (fingerprints of keys, never the keys). Defaults kept in
   * memory are created afresh for each build.
   *
   * @return a new instance, its start-up checks passed
   * @throws IllegalStateException if the pseudonymisation key is missing or looks like a
   *     placeholder
   * @throws UnscheduledCategoryException if the host's data has a category the retention schedule
   *     lacks
   * @throws PseudonymizationKeyChangedException if the key is not the one recorded at the first
   *     start and no rotation from it was asked for
   */
  public Custodian build() {
    return new CustodianAssembly(o).custodian();
  }
}
