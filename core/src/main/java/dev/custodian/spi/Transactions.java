package dev.custodian.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Units of work that span several stores: a sweep batch's deletion of the host's rows, its evidence
 * entries and the sweep's checkpoint commit together when the stores live in one database
 * (R-EVID-1, R-RET-6), so a crash leaves either all of them or none.
 *
 * <p>A caller may rely on: when {@link #atomic()} is true, every store that takes part (see {@link
 * Participant}) does its work inside {@link #inOneTransaction} on one transaction that commits once,
 * at the end, or rolls back entirely if {@code work} throws; {@code work} may then be run again
 * from the start after a transient failure (a deadlock or serialization loss), so it must have no
 * effect outside the stores. When {@link #atomic()} is false ({@link #none()}), {@code work} simply
 * runs once and each store commits on its own.
 */
public interface Transactions {

  /**
   * Runs {@code work} as one unit and returns its result. Nested calls join the outer unit.
   *
   * @throws RuntimeException whatever {@code work} throws (after rolling back, when atomic)
   */
  <T> T inOneTransaction(Supplier<T> work);

  /**
   * Runs {@code reads} so that they all see one consistent state of the participating stores, where
   * the stores can (the JDBC adapter: one REPEATABLE READ transaction, a single snapshot on
   * PostgreSQL, MariaDB and H2), for counts that must agree with each other while other nodes
   * delete. The default is {@link #inOneTransaction}. Nested in a unit already under way, it joins
   * that unit as it is.
   */
  default <T> T inOneSnapshot(Supplier<T> reads) {
    return inOneTransaction(reads);
  }

  /** True if the participating stores' effects inside {@link #inOneTransaction} commit together. */
  boolean atomic();

  /** No shared transaction: each store commits on its own; work runs once, as given. */
  static Transactions none() {
    return None.INSTANCE;
  }

  /**
   * The stores' common transactions if every one of them is a {@link Participant} and they all
   * name equal {@link Transactions} (for the JDBC adapter: the same {@code DataSource}); otherwise
   * {@link #none()}.
   */
  static Transactions shared(Object... stores) {
    Transactions common = null;
    for (Object store : Arrays.asList(stores)) {
      if (!(store instanceof Participant p) || p.transactions() == null) {
        return none();
      }
      if (common == null) {
        common = p.transactions();
      } else if (!common.equals(p.transactions())) {
        return none();
      }
    }
    return common == null ? none() : common;
  }

  /**
   * A store that can take part in a shared unit of work: it names the {@link Transactions} whose
   * units its own reads and writes join. Two stores whose transactions are {@code equals} share
   * them.
   */
  interface Participant {
    /** The transactions this store's work joins. */
    Transactions transactions();
  }

  /** The non-atomic default. */
  enum None implements Transactions {
    INSTANCE;

    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
      return Objects.requireNonNull(work, "work").get();
    }

    @Override
    public boolean atomic() {
      return false;
    }
  }
}
