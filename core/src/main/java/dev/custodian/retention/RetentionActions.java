package dev.custodian.retention;

/**
 * The evidence actions the retention duty appends (R-RET-1 to R-RET-6). Hosts reading the evidence
 * log may match on these values; they never change once released (old logs must still verify).
 */
public final class RetentionActions {
  /** A sweep's plan was stored, before any deletion; basis: the plan's id. */
  public static final String SWEEP_PLANNED = "retention.sweep.planned";
  /** One committed deletion batch: per client, how many expired records went and which holds were spared. */
  public static final String SWEEP_BATCH = "retention.sweep.batch";
  /** Records a rule restricts instead of deleting were marked restricted. */
  public static final String SWEEP_RESTRICTED = "retention.sweep.restricted";
  /** One plan unit (client and category) was swept to the end: its total, written once. */
  public static final String SWEEP_UNIT = "retention.sweep.unit";
  /** One sweep group (clients sharing a cutoff) was swept to the end: per client totals, written once. */
  public static final String SWEEP_GROUP = "retention.sweep.group";
  /**
   * One whole partition was emptied in one transaction (PostgreSQL partition sweeps): per client
   * counts, held rows kept, written once.
   */
  public static final String SWEEP_PARTITION = "retention.sweep.partition";
  /** The whole plan was carried out: its summary, written once. */
  public static final String SWEEP_FINISHED = "retention.sweep.finished";
  /** A client changed a client-set retention duration; old and new values in the details. */
  public static final String SETTING_CHANGED = "retention.setting.changed";
  /** A client changed the zone its calendar periods are counted in. */
  public static final String SETTING_ZONE = "retention.setting.zone";
  /** A record of a category the schedule says is never stored was refused. */
  public static final String STORE_REFUSED = "retention.store.refused";
  /** A deletion a client asked for was deferred by a legal floor. */
  public static final String DELETION_DEFERRED = "retention.deletion.deferred";
  /** A client event that starts a retention clock (contract end, deletion request...) was recorded. */
  public static final String EVENT_RECORDED = "retention.event.recorded";
  /** A client event was withdrawn. */
  public static final String EVENT_WITHDRAWN = "retention.event.withdrawn";

  private RetentionActions() {}
}
