package dev.custodian.spi;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the library keeps its own state: every request, instruction, hold, event, plan, sweep
 * progress, termination case, notice and incident, each as a JSON document under a kind and an id.
 *
 * <p>Contract (checked by {@code StateStoreContract} in the test kit, {@code custodian-test}):
 * <ul>
 *   <li>{@link #insert} creates version 1 and refuses an existing kind and id.
 *   <li>{@link #update} succeeds only if the stored version equals {@code expectedVersion}, and
 *       then stores version + 1; otherwise it throws {@link StaleStateException} and changes
 *       nothing. Two concurrent updates from the same version: exactly one wins.
 *   <li>Nothing is ever deleted: the library marks states closed instead.
 *   <li>Lists are ordered by id.
 * </ul>
 * Kinds and ids are short strings (at most 64 and 128 characters) chosen by the library.
 */
public interface StateStore {

  Optional<StoredState> find(String kind, String id);

  /** All states of {@code kind}; of one client if {@code client} is non-null. Ordered by id. */
  List<StoredState> list(String kind, ClientId client);

  /** States of {@code kind} whose {@code dueAt} is non-null and not after {@code until}. */
  List<StoredState> listDue(String kind, Instant until);

  /** Stores version 1. @throws DuplicateStateException if kind and id exist */
  StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body);

  /** Stores {@code expectedVersion + 1}. @throws StaleStateException on a version mismatch */
  StoredState update(String kind, String id, long expectedVersion, Instant dueAt, String body);
}
