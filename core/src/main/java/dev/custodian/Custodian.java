package dev.custodian;

import dev.custodian.client.InstructingRoles;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.spi.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.memory.InMemoryEvidenceStore;
import dev.custodian.spi.memory.InMemoryHostData;
import dev.custodian.spi.memory.InMemoryStateStore;
import dev.custodian.subject.Pseudonymizer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's one entry point: built once by {@link #builder()}, it hands out the duty services.
 * Every service shares the same clock, stores and evidence log. Thread-safe once built.
 *
 * <pre>{@code
 * Custodian custodian = Custodian.builder()
 *     .clock(Clock.systemUTC())
 *     .stateStore(jdbcStateStore)
 *     .evidenceStore(jdbcEvidenceStore)
 *     .hostData(mappedHostData)
 *     .pseudonymizationKey(secret32Bytes)
 *     .build();
 * }</pre>
 */
public final class Custodian {
  private static final Logger LOG = LoggerFactory.getLogger(Custodian.class);

  /** The zone a client's calendar periods are counted in unless the host says otherwise. */
  public static final ZoneId DEFAULT_CLIENT_ZONE = ZoneId.of("Europe/Paris");

  private final Clock clock;
  private final StateStore stateStore;
  private final EvidenceStore evidenceStore;
  private final HostData hostData;
  private final Pseudonymizer pseudonymizer;
  private final ZoneId defaultClientZone;
  private final InstructingRoles instructingRoles;
  private final EvidenceLog evidence;

  // ---- duty services: dsr, instruction, authority (foundation) ----

  // ---- duty services: retention, hold ----
  private final dev.custodian.hold.HoldService holds;
  private final dev.custodian.hold.DeletionGate deletionGate;
  private final dev.custodian.retention.RetentionService retention;

  // ---- duty services: termination ----

  // ---- duty services: subprocessor, breach, audit ----

  private Custodian(Builder b) {
    this.clock = b.clock;
    this.stateStore = b.stateStore;
    this.evidenceStore = b.evidenceStore;
    this.hostData = b.hostData;
    this.pseudonymizer = new Pseudonymizer(b.pseudonymizationKey);
    this.defaultClientZone = b.defaultClientZone;
    this.instructingRoles = b.instructingRoles;
    this.evidence = new EvidenceLog(evidenceStore, clock);

    // ---- wiring: dsr, instruction, authority (foundation) ----

    // ---- wiring: retention, hold ----
    this.holds = new dev.custodian.hold.HoldService(stateStore, evidence, pseudonymizer, clock);
    this.deletionGate = new dev.custodian.hold.DeletionGate(hostData, holds, evidence);
    this.retention = new dev.custodian.retention.RetentionService(b.retentionSchedule,
        new dev.custodian.retention.ClientEvents(stateStore, evidence, pseudonymizer, clock));

    // ---- wiring: termination ----

    // ---- wiring: subprocessor, breach, audit ----
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The clock every duty reads time from. */
  public Clock clock() {
    return clock;
  }

  /** The evidence log (R-EVID-1). */
  public EvidenceLog evidence() {
    return evidence;
  }

  /** The keyed hash that stands for subject identifiers in evidence (R-EVID-2). */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /** The host's data, as configured. */
  public HostData hostData() {
    return hostData;
  }

  /** The store of the library's own state, as configured. */
  public StateStore stateStore() {
    return stateStore;
  }

  /** The zone used for a client's calendar periods when it has none of its own. */
  public ZoneId defaultClientZone() {
    return defaultClientZone;
  }

  /** Which client principals may instruct (R-ACC-1). */
  public InstructingRoles instructingRoles() {
    return instructingRoles;
  }

  // ---- accessors: dsr, instruction, authority (foundation) ----

  // ---- accessors: retention, hold ----

  /** The retention duty: schedule, client events, classifier, plans and sweeps (R-RET-1..6). */
  public dev.custodian.retention.RetentionService retention() {
    return retention;
  }

  /** Legal holds (R-HOLD-1, R-HOLD-2). */
  public dev.custodian.hold.HoldService holds() {
    return holds;
  }

  /** The one door every deletion of the host's data goes through; it spares held records. */
  public dev.custodian.hold.DeletionGate deletionGate() {
    return deletionGate;
  }

  // ---- accessors: termination ----

  // ---- accessors: subprocessor, breach, audit ----

  /** Builds a {@link Custodian}. Only the pseudonymisation key is required. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private StateStore stateStore;
    private EvidenceStore evidenceStore;
    private HostData hostData;
    private byte[] pseudonymizationKey;
    private ZoneId defaultClientZone = DEFAULT_CLIENT_ZONE;
    private InstructingRoles instructingRoles = InstructingRoles.DEFAULT;

    // ---- builder options: dsr, instruction, authority (foundation) ----

    // ---- builder options: retention, hold ----
    private dev.custodian.retention.RetentionSchedule retentionSchedule =
        dev.custodian.retention.RetentionSchedule.annexA();

    /** The retention schedule; default {@code RetentionSchedule.annexA()}. */
    public Builder retentionSchedule(dev.custodian.retention.RetentionSchedule value) {
      this.retentionSchedule = Objects.requireNonNull(value, "retentionSchedule");
      return this;
    }

    // ---- builder options: termination ----

    // ---- builder options: subprocessor, breach, audit ----

    private Builder() {}

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder stateStore(StateStore value) {
      this.stateStore = Objects.requireNonNull(value, "stateStore");
      return this;
    }

    public Builder evidenceStore(EvidenceStore value) {
      this.evidenceStore = Objects.requireNonNull(value, "evidenceStore");
      return this;
    }

    public Builder hostData(HostData value) {
      this.hostData = Objects.requireNonNull(value, "hostData");
      return this;
    }

    /** The secret behind pseudonyms in evidence; at least 32 bytes; keep it stable. */
    public Builder pseudonymizationKey(byte[] value) {
      this.pseudonymizationKey = Objects.requireNonNull(value, "pseudonymizationKey").clone();
      return this;
    }

    public Builder defaultClientZone(ZoneId value) {
      this.defaultClientZone = Objects.requireNonNull(value, "defaultClientZone");
      return this;
    }

    public Builder instructingRoles(InstructingRoles value) {
      this.instructingRoles = Objects.requireNonNull(value, "instructingRoles");
      return this;
    }

    /**
     * @throws IllegalStateException if the pseudonymisation key is missing
     */
    public Custodian build() {
      if (pseudonymizationKey == null) {
        throw new IllegalStateException("pseudonymizationKey is required (at least 32 bytes)");
      }
      if (stateStore == null || evidenceStore == null || hostData == null) {
        LOG.warn("Custodian uses in-memory stores: state and evidence are lost on restart;"
            + " not for production");
        stateStore = stateStore == null ? new InMemoryStateStore() : stateStore;
        evidenceStore = evidenceStore == null ? new InMemoryEvidenceStore() : evidenceStore;
        hostData = hostData == null ? new InMemoryHostData() : hostData;
      }
      return new Custodian(this);
    }
  }
}
