package dev.custodian.testing;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupCount;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostPartition;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Host data that forwards every call to {@link #delegate()}: a test wrapper (a crash point, a
 * rendezvous, a counter) overrides only the calls it is about.
 */
public interface ForwardingHostData extends HostData {

  /** The host data every call goes to unless overridden. */
  HostData delegate();

  @Override
  default Set<CategoryId> categories() {
    return delegate().categories();
  }

  @Override
  default Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers) {
    return delegate().clientsHolding(identifiers);
  }

  @Override
  default List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers) {
    return delegate().findSubject(client, identifiers);
  }

  @Override
  default Set<ClientId> clients(CategoryId category) {
    return delegate().clients(category);
  }

  @Override
  default void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink) {
    delegate().stream(client, category, sink);
  }

  @Override
  default long count(RecordSelection selection) {
    return delegate().count(selection);
  }

  @Override
  default DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
    return delegate().deleteBatch(selection, afterKey, limit);
  }

  @Override
  default GroupDeletion deleteGroupBatch(GroupSelection selection, String afterKey, int limit) {
    return delegate().deleteGroupBatch(selection, afterKey, limit);
  }

  @Override
  default Map<ClientId, GroupCount> countGroup(GroupSelection selection) {
    return delegate().countGroup(selection);
  }

  @Override
  default Optional<Instant> earliest(GroupSelection selection) {
    return delegate().earliest(selection);
  }

  @Override
  default long restrict(RecordSelection selection) {
    return delegate().restrict(selection);
  }

  @Override
  default List<HostPartition> partitions(GroupSelection selection) {
    return delegate().partitions(selection);
  }

  @Override
  default Optional<GroupDeletion> emptyPartition(GroupSelection selection, String partition) {
    return delegate().emptyPartition(selection, partition);
  }
}
