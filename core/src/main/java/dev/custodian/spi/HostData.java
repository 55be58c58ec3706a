package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.retention.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host's own data (calls, messages, recordings, contacts...), as the library reaches it. The
 * JDBC adapter implements this from declarative table mappings; {@code InMemoryHostData} serves
 * tests and the demo.
 *
 * <p>The library never deletes through this interface directly: every deletion goes through the
 * hold-aware deletion gate of the {@code hold} package, which fills in {@link
 * RecordSelection#excluding()}.
 */
public interface HostData {

  /** The categories this host has data in. */
  Set<CategoryId> categories();

  /** The clients holding at least one record about any of {@code identifiers} (R-DSR-2). */
  Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers);

  /** Every record of {@code client} about any of {@code identifiers}, in all categories (R-DSR-4). */
  List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers);

  /** The clients that have records in {@code category}. */
  Set<ClientId> clients(CategoryId category);

  /**
   * Streams every record of {@code client} in {@code category} to {@code sink}, in key order, in
   * constant memory whatever the volume (R-TERM-3).
   */
  void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink);

  /** How many records {@code selection} selects. */
  long count(RecordSelection selection);

  /**
   * Deletes at most {@code limit} selected records with keys after {@code afterKey} (null: from the
   * start), and commits them before returning. Safe to call again with the returned key after a
   * crash: records already deleted are simply gone.
   */
  DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit);

  /**
   * Marks the selected records restricted: kept, but no longer processed by the host (R-DSR-4).
   * Returns how many were marked.
   */
  long restrict(RecordSelection selection);
}
