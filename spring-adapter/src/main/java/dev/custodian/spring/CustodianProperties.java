package dev.custodian.spring;

// Over 400 lines on purpose: one nested record per property group, bound by Spring as one tree.

import dev.custodian.Custodian;
import dev.custodian.client.ClientRole;
import dev.custodian.client.InstructingRoles;
import dev.custodian.dsr.SubjectRequestService;
import dev.custodian.retention.SweepOptions;
import java.time.Duration;
import java.time.Period;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code custodian.*} settings. Every default comes from a core constant, so a host that sets
 * nothing gets the library's documented behaviour. Values are checked at start-up: a bad one stops
 * the application with a message naming the property (see {@link InvalidCustodianPropertyException}).
 *
 * <p>These are Spring binding holders, mutable as Boot needs them; the auto-configuration turns them
 * into the library's immutable option objects once, at start-up.
 */
@ConfigurationProperties(prefix = "custodian")
public class CustodianProperties {

  /** Whether Custodian is configured at all; false leaves no Custodian bean in the context. */
  private boolean enabled = true;

  /**
   * The secret behind the pseudonyms that stand for subjects in evidence (R-EVID-2): at least 32
   * bytes, kept stable for the life of the evidence log. Either plain text or {@code base64:}
   * followed by Base64. Required when the stores are in a database; without one, in-memory stores
   * get a random key that dies with the process.
   */
  private String pseudonymizationKey;

  /**
   * The time zone a client's calendar periods (legal clocks, business days) are counted in unless
   * the client has its own.
   */
  private String clientZone = Custodian.DEFAULT_CLIENT_ZONE.getId();

  /** Who may give instructions on a client's behalf (R-ACC-1). */
  private final InstructingRolesProperties instructingRoles = new InstructingRolesProperties();

  /** Subject requests: how soon each client must be told (R-DSR-2). */
  private final SubjectRequests subjectRequests = new SubjectRequests();

  /** Retention bounds and overrides per category (R-RET-3). */
  private final Retention retention = new Retention();

  /**
   * The host's own tables, per category id (for example {@code CALL_LOG}), as the JDBC adapter reads
   * and deletes them. Keys are category ids; {@code call-log} and {@code CALL_LOG} name the same one.
   */
  private final Map<String, TableMapping> hostData = new LinkedHashMap<>();

  /** Creation of the library's own tables. */
  private final Schema schema = new Schema();

  /** The scheduled sweeps (retention and overdue checks). */
  private final Sweep sweep = new Sweep();

  /** What the health indicator and metrics compute. */
  private final Health health = new Health();

  /** Changing the pseudonymisation key on purpose (R-EVID-2). */
  private final PseudonymizationKeyRotation pseudonymizationKeyRotation =
      new PseudonymizationKeyRotation();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPseudonymizationKey() {
    return pseudonymizationKey;
  }

  public void setPseudonymizationKey(String pseudonymizationKey) {
    this.pseudonymizationKey = pseudonymizationKey;
  }

  public String getClientZone() {
    return clientZone;
  }

  public void setClientZone(String clientZone) {
    this.clientZone = clientZone;
  }

  public InstructingRolesProperties getInstructingRoles() {
    return instructingRoles;
  }

  public SubjectRequests getSubjectRequests() {
    return subjectRequests;
  }

  public Retention getRetention() {
    return retention;
  }

  public Map<String, TableMapping> getHostData() {
    return hostData;
  }

  public Schema getSchema() {
    return schema;
  }

  public Sweep getSweep() {
    return sweep;
  }

  public Health getHealth() {
    return health;
  }

  public PseudonymizationKeyRotation getPseudonymizationKeyRotation() {
    return pseudonymizationKeyRotation;
  }

  /**
   * A deliberate change of {@code custodian.pseudonymization-key}: Custodian records the key's
   * fingerprint at its first start and refuses another key later, unless the key it ran with is
   * given here for one start.
   */
  public static class PseudonymizationKeyRotation {
    /**
     * The key Custodian ran with until now, in the same form as {@code
     * custodian.pseudonymization-key}; set for one start with the new key, then removed. The
     * rotation is recorded in evidence with fingerprints only.
     */
    private String previous;

    public String getPrevious() {
      return previous;
    }

    public void setPrevious(String previous) {
      this.previous = previous;
    }
  }

  /** Which client principals may instruct the processor (R-ACC-1). */
  public static class InstructingRolesProperties {
    /** The client roles whose holders may instruct. */
    private Set<ClientRole> roles = new LinkedHashSet<>(InstructingRoles.DEFAULT.roles());

    /** Whether the client's designated contact may instruct whatever its roles. */
    private boolean designatedContact = InstructingRoles.DEFAULT.designatedContact();

    public Set<ClientRole> getRoles() {
      return roles;
    }

    public void setRoles(Set<ClientRole> roles) {
      this.roles = roles == null ? EnumSet.noneOf(ClientRole.class) : roles;
    }

    public boolean isDesignatedContact() {
      return designatedContact;
    }

    public void setDesignatedContact(boolean designatedContact) {
      this.designatedContact = designatedContact;
    }
  }

  /** Deadlines of subject-request routing (R-DSR-2). */
  public static class SubjectRequests {
    /**
     * How long after receipt each concerned client must have been notified; past it the
     * notification is overdue and shows in health and metrics, and once the escalation delay has
     * also passed it is escalated to the processor's privacy contact at the next overdue check.
     */
    private Duration notificationDelay = SubjectRequestService.DEFAULT_NOTIFICATION_DEADLINE;

    /**
     * How long past its deadline an overdue client notification waits before it is escalated to
     * the processor's privacy contact (zero or positive). Zero, the default, escalates at the
     * first overdue check after the deadline.
     */
    private Duration escalationDelay = SubjectRequestService.DEFAULT_ESCALATION_DELAY;

    public Duration getNotificationDelay() {
      return notificationDelay;
    }

    public void setNotificationDelay(Duration notificationDelay) {
      this.notificationDelay = notificationDelay;
    }

    public Duration getEscalationDelay() {
      return escalationDelay;
    }

    public void setEscalationDelay(Duration escalationDelay) {
      this.escalationDelay = escalationDelay;
    }
  }

  /** Retention settings (R-RET-1, R-RET-3). */
  public static class Retention {
    /**
     * Per category id: the bounds the processor allows a client to choose within, and an override
     * of the shipped period. Legal minimums (R-RET-2) still win.
     */
    private final Map<String, CategoryRetention> categories = new LinkedHashMap<>();

    public Map<String, CategoryRetention> getCategories() {
      return categories;
    }
  }

  /** One category's retention settings. */
  public static class CategoryRetention {
    /** The shortest period a client may set for this category. */
    private Period min;

    /** The longest period a client may set for this category. */
    private Period max;

    /** The processor's own period for this category, replacing the shipped default. */
    private Period period;

    public Period getMin() {
      return min;
    }

    public void setMin(Period min) {
      this.min = min;
    }

    public Period getMax() {
      return max;
    }

    public void setMax(Period max) {
      this.max = max;
    }

    public Period getPeriod() {
      return period;
    }

    public void setPeriod(Period period) {
      this.period = period;
    }
  }

  /**
   * Where one category lives in the host's database: the JDBC adapter selects, streams, counts,
   * deletes and restricts with these columns only.
   */
  public static class TableMapping {
    /** The table (optionally schema-qualified). */
    private String table;

    /** The column holding the client id the record belongs to. */
    private String clientColumn;

    /** The record's key column, unique within the table. */
    private String idColumn;

    /** The record's clock-time column (the call, the message, the last activity). */
    private String timeColumn;

    /**
     * The columns that identify subjects, each with the identifier kind it holds: {@code phone},
     * {@code email}, {@code user} or {@code sso}.
     */
    private Map<String, String> subjectColumns = new LinkedHashMap<>();

    /**
     * A boolean column marking restricted records (kept, no longer processed, R-DSR-4); unset if the
     * category cannot be restricted.
     */
    private String restrictedColumn;

    /**
     * What a retention sweep may do to the table's partitions on PostgreSQL: {@code rows} (the
     * default: rows only, no partition emptied or dropped), {@code truncate} or {@code drop}.
     */
    private String partitions = "rows";

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public String getClientColumn() {
      return clientColumn;
    }

    public void setClientColumn(String clientColumn) {
      this.clientColumn = clientColumn;
    }

    public String getIdColumn() {
      return idColumn;
    }

    public void setIdColumn(String idColumn) {
      this.idColumn = idColumn;
    }

    public String getTimeColumn() {
      return timeColumn;
    }

    public void setTimeColumn(String timeColumn) {
      this.timeColumn = timeColumn;
    }

    public Map<String, String> getSubjectColumns() {
      return subjectColumns;
    }

    public void setSubjectColumns(Map<String, String> subjectColumns) {
      this.subjectColumns = subjectColumns == null ? new LinkedHashMap<>() : subjectColumns;
    }

    public String getRestrictedColumn() {
      return restrictedColumn;
    }

    public void setRestrictedColumn(String restrictedColumn) {
      this.restrictedColumn = restrictedColumn;
    }

    public String getPartitions() {
      return partitions;
    }

    public void setPartitions(String partitions) {
      this.partitions = partitions;
    }
  }

  /** When the library creates its own tables. */
  public enum SchemaInitialization {
    /** Never: the host runs the shipped DDL itself (for example with its migration tool). */
    NEVER,
    /** Only on an embedded database (H2 in memory or on file): convenient for tests and demos. */
    EMBEDDED,
    /** Always, with {@code CREATE ... IF NOT EXISTS}: safe to repeat. */
    ALWAYS
  }

  /** Schema settings. */
  public static class Schema {
    /** When to create the library's own tables. */
    private SchemaInitialization initialize = SchemaInitialization.EMBEDDED;

    public SchemaInitialization getInitialize() {
      return initialize;
    }

    public void setInitialize(SchemaInitialization initialize) {
      this.initialize = initialize;
    }
  }

  /** Scheduled sweeps, run on Spring's task scheduler. */
  public static class Sweep {
    /** Whether this node takes part in sweeps; nodes share the work through the work-queue lease. */
    private boolean enabled = true;

    /** When sweeps start: a Spring cron expression, in the sweep zone. */
    private String cron = "0 0 3 * * *";

    /** The zone the cron expression is read in. */
    private String zone = Custodian.DEFAULT_CLIENT_ZONE.getId();

    /** How many records one deletion batch removes before checkpointing. */
    private int batchSize = SweepOptions.DEFAULT_BATCH_SIZE;

    /**
     * How long a node holds a unit of sweep work before another node may take it over; renewed at
     * each checkpoint.
     */
    private Duration lease = SweepOptions.DEFAULT_LEASE;

    /**
     * How often the frequent jobs run: pending client notices are (re)delivered, overdue client
     * notifications and breach notices escalated, the evidence chain re-verified when due.
     */
    private Duration overdueCheckInterval = Duration.ofMinutes(5);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getCron() {
      return cron;
    }

    public void setCron(String cron) {
      this.cron = cron;
    }

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getOverdueCheckInterval() {
      return overdueCheckInterval;
    }

    public void setOverdueCheckInterval(Duration overdueCheckInterval) {
      this.overdueCheckInterval = overdueCheckInterval;
    }
  }

  /** Health and metrics settings. */
  public static class Health {
    /**
     * How long a verification of the whole evidence chain is reused before it is computed again;
     * verification reads every entry, so it is not repeated at every health probe.
     */
    private Duration evidenceVerificationInterval = Duration.ofHours(1);

    public Duration getEvidenceVerificationInterval() {
      return evidenceVerificationInterval;
    }

    public void setEvidenceVerificationInterval(Duration evidenceVerificationInterval) {
      this.evidenceVerificationInterval = evidenceVerificationInterval;
    }
  }
}
