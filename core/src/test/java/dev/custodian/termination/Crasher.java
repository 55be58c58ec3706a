package dev.custodian.termination;

/**
 * Counts the side-effect points of a run and "crashes" the process at the n-th one, by throwing an
 * {@link Error} no production code catches. A point sits just before each side effect, and in
 * the middle of each stream. Crashing just after a side effect needs no point of its own: it
 * leaves the same durable state as crashing just before the next one.
 */
final class Crasher {
  private final int crashAt;
  private final String crashWhere;
  private int points;
  private boolean fired;
  private boolean paused;

  Crasher(int crashAt) {
    this.crashAt = crashAt;
    this.crashWhere = null;
  }

  /** Crashes at the first point whose name starts with {@code where}. */
  Crasher(String where) {
    this.crashAt = Integer.MAX_VALUE;
    this.crashWhere = where;
  }

  static Crasher never() {
    return new Crasher(Integer.MAX_VALUE);
  }

  /** One side-effect point: crashes if it is the chosen one. */
  void point(String where) {
    if (paused || fired) {
      return;
    }
    points++;
    if (points == crashAt || (crashWhere != null && where.startsWith(crashWhere))) {
      fired = true;
      throw new SimulatedCrash(where + " (point " + points + ")");
    }
  }

  boolean fired() {
    return fired;
  }

  int points() {
    return points;
  }

  /** Runs test-driver work that is not under test without counting points. */
  void paused(Runnable r) {
    boolean was = paused;
    paused = true;
    try {
      r.run();
    } finally {
      paused = was;
    }
  }

  /** The simulated crash: an Error, so no {@code catch (RuntimeException)} swallows it. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
      super("simulated crash at " + where);
    }
  }
}
