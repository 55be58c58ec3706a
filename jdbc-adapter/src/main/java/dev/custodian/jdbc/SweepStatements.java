package dev.custodian.jdbc;

import dev.custodian.client.ClientId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.RecordSelection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements a sweep deletes with, as one database runs them best: {@link ReturningSweep}
 * (PostgreSQL: one {@code DELETE ... RETURNING} statement) or {@link KeyListSweep} (elsewhere:
 * read the keys, then delete by key). Each method runs inside the caller's transaction on {@code
 * c}, which it neither commits nor rolls back.
 */
sealed interface SweepStatements permits ReturningSweep, KeyListSweep {

  /**
   * One batch of a single client's sweep: the next {@code limit} rows {@code selection} selects in
   * (time, id) order after {@code after} (null: from the start; {@code afterKey} is its encoded
   * form, handed back when nothing is left).
   */
  DeletionBatch deleteBatch(Connection c, BoundTable t, RecordSelection selection, RowKey after,
      String afterKey, int limit) throws SQLException;

  /**
   * Deletes what {@code window} selects after {@code from}, unless that is more than {@code limit}
   * rows: then either nothing is deleted and the tally's count is null, or {@link
   * GroupWalk.WindowTooWide} is thrown to undo the transaction.
   */
  Tally deleteWindow(Connection c, BoundTable t, GroupSelection window, RowKey from, int limit)
      throws SQLException;

  /**
   * The earliest record time the group selects at or after its {@code from} and before its {@code
   * before}, ignoring spared slices; by default one seek of the {@code (client, time)} index per
   * client.
   */
  default Optional<Instant> earliest(Connection c, BoundTable t, GroupSelection selection)
      throws SQLException {
    return GroupWalk.earliest(c, t, selection);
  }

  /** Deletes {@code client}'s rows of {@code keys} (their ids); how many it deleted. */
  long deleteByKeys(Connection c, BoundTable t, ClientId client, List<RowKey> keys)
      throws SQLException;

  /** Deletes each client's rows by key; the count per client. */
  default Map<ClientId, Long> deleteByClient(Connection c, BoundTable t,
      Map<ClientId, List<RowKey>> byClient) throws SQLException {
    Map<ClientId, Long> deleted = new LinkedHashMap<>();
    for (Map.Entry<ClientId, List<RowKey>> e : byClient.entrySet()) {
      deleted.put(e.getKey(), deleteByKeys(c, t, e.getKey(), e.getValue()));
    }
    return deleted;
  }

  /**
   * What deleting a window did: the rows it selected and the count per client, or a null count
   * (and nothing deleted) when it selected more than a batch.
   */
  record Tally(long rows, Map<ClientId, Long> deleted) {}
}
