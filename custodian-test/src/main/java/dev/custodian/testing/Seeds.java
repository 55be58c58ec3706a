package dev.custodian.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Seeded random cases for property tests on JUnit Jupiter alone.
 *
 * <p>One seed per JVM run: {@code -Dcustodian.seed=N} replays a run, otherwise a fresh seed is
 * drawn. The seed is printed when first used and named in every failure message, together with the
 * case's own seed. Each case draws from a {@link Random} seeded from the run's seed, the property's
 * name and the case's index, so a case does not depend on how many values the cases before it drew.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> someInvariant() {
 *   return Seeds.cases("someInvariant", 1000, g -> { int n = g.intBetween(0, 80); ... });
 * }
 * }</pre>
 *
 * Part of the test kit ({@code custodian-test}): for tests only.
 */
public final class Seeds {
  /** The system property that replays a run. */
  public static final String PROPERTY = "custodian.seed";

  private static final long RUN_SEED = runSeed();

  private Seeds() {}

  private static long runSeed() {
    String given = System.getProperty(PROPERTY);
    long seed = given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    System.out.println("[custodian] property tests use seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")");
    return seed;
  }

  /** This run's seed. */
  public static long seed() {
    return RUN_SEED;
  }

  /** The seed of case {@code index} of {@code property} in this run. */
  public static long caseSeed(String property, int index) {
    long h = RUN_SEED ^ (property.hashCode() * 0x9E3779B97F4A7C15L);
    h += index * 0xBF58476D1CE4E5B9L;
    // splitmix64 finaliser: neighbouring indices give unrelated streams.
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  /**
   * {@code count} dynamic tests, each running {@code body} with its own generator. A failing case's
   * message names the run's seed and the case.
   */
  public static Stream<DynamicTest> cases(String property, int count, Consumer<Gen> body) {
    return IntStream.range(0, count).mapToObj(i -> DynamicTest.dynamicTest(property + " #" + i,
        () -> run(property, i, body)));
  }

  /** Runs one case of {@code property}; a failure names the seeds that replay it. */
  public static void run(String property, int index, Consumer<Gen> body) {
    long caseSeed = caseSeed(property, index);
    Gen g = new Gen(caseSeed);
    try {
      body.accept(g);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionFailedError(property + " failed on case #" + index + " (case seed " + caseSeed
          + ", drew " + g.drawn() + "); replay with -D" + PROPERTY + "=" + RUN_SEED + ": " + e.getMessage(), e);
    }
  }

  /** A generator of random values from one case's seed; edge values come up more often than chance. */
  public static final class Gen {
    private final Random random;
    private final List<Object> drawn = new ArrayList<>();

    Gen(long seed) {
      this.random = new Random(seed);
    }

    /** What this case drew, in order, for the failure message (capped). */
    String drawn() {
      return drawn.size() <= 40 ? drawn.toString() : drawn.subList(0, 40) + "...";
    }

    private <T> T note(T value) {
      drawn.add(value);
      return value;
    }

    /** The underlying random, for draws the helpers below do not cover. */
    public Random random() {
      return random;
    }

    /** An int in [min, max], both ends included; an end about one time in twenty. */
    public int intBetween(int min, int max) {
      return (int) longBetween(min, max);
    }

    /** A long in [min, max], both ends included; an end about one time in twenty. */
    public long longBetween(long min, long max) {
      if (min > max) {
        throw new IllegalArgumentException("min > max");
      }
      int edge = random.nextInt(40);
      if (edge == 0) {
        return note(min);
      }
      if (edge == 1) {
        return note(max);
      }
      if (max - min == Long.MAX_VALUE || max - min < 0) {
        long v;
        do {
          v = random.nextLong();
        } while (v < min || v > max);
        return note(v);
      }
      return note(min + (long) (random.nextDouble() * (max - min + 1)));
    }

    /** Any long; zero and the extremes more often than chance. */
    public long anyLong() {
      return switch (random.nextInt(40)) {
        case 0 -> note(0L);
        case 1 -> note(Long.MIN_VALUE);
        case 2 -> note(Long.MAX_VALUE);
        default -> note(random.nextLong());
      };
    }

    /** True or false, evenly. */
    public boolean bool() {
      return note(random.nextBoolean());
    }

    /** {@code null} with the given probability, else a value from {@code value}. */
    public <T> T nullOr(double probability, Supplier<T> value) {
      return random.nextDouble() < probability ? note(null) : value.get();
    }

    /** One of {@code values}, evenly. */
    @SafeVarargs
    public final <T> T pick(T... values) {
      return note(values[random.nextInt(values.length)]);
    }

    /** One of {@code values}, evenly. */
    public <T> T pick(List<T> values) {
      return note(values.get(random.nextInt(values.size())));
    }

    /** One constant of {@code type}, evenly. */
    public <E extends Enum<E>> E pick(Class<E> type) {
      return pick(List.of(type.getEnumConstants()));
    }

    /** One of the choices, picked by weight, then its value. */
    @SafeVarargs
    public final <T> T weighted(Choice<? extends T>... choices) {
      int total = 0;
      for (Choice<? extends T> c : choices) {
        total += c.weight();
      }
      int r = random.nextInt(total);
      for (Choice<? extends T> c : choices) {
        r -= c.weight();
        if (r < 0) {
          return c.value().get();
        }
      }
      throw new IllegalStateException("unreachable");
    }

    /** A list of {@code min} to {@code max} values (shorter lists a little more often). */
    public <T> List<T> list(int min, int max, Supplier<T> element) {
      int size = intBetween(min, max);
      List<T> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(element.get());
      }
      return out;
    }

    /** A set of at most {@code max} distinct values of {@code from}. */
    public <T> Set<T> set(int max, Collection<T> from) {
      List<T> pool = new ArrayList<>(from);
      int size = intBetween(0, Math.min(max, pool.size()));
      Set<T> out = new LinkedHashSet<>();
      while (out.size() < size) {
        out.add(pool.get(random.nextInt(pool.size())));
      }
      return note(Collections.unmodifiableSet(out));
    }

    /** A set of at most {@code max} values drawn by {@code element} (duplicates collapse). */
    public <T> Set<T> setOf(int max, Supplier<T> element) {
      int size = intBetween(0, max);
      Set<T> out = new LinkedHashSet<>();
      for (int i = 0; i < size; i++) {
        out.add(element.get());
      }
      return Collections.unmodifiableSet(out);
    }

    /** {@code length} letters a-z or A-Z. */
    public String alpha(int length) {
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        int c = random.nextInt(52);
        b.append((char) (c < 26 ? 'a' + c : 'A' + c - 26));
      }
      return note(b.toString());
    }
  }

  /** A weighted choice for {@link Gen#weighted}. */
  public record Choice<T>(int weight, Supplier<T> value) {}

  /** A choice of {@code weight} whose value comes from {@code value}. */
  public static <T> Choice<T> choice(int weight, Supplier<T> value) {
    return new Choice<>(weight, value);
  }
}
