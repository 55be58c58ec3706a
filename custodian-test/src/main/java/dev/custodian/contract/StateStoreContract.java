package dev.custodian.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.StaleStateException;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StateStore} must have. The in-memory store and each JDBC dialect
 * extend this class; a store passes only if all of it passes.
 */
public abstract class StateStoreContract {
  private static final ClientId A = ClientId.of("client-a");
  private static final ClientId B = ClientId.of("client-b");

  /** The store under test, from {@link #createStore()} before each test. */
  protected StateStore store;
  /** A kind unique to each test, so tests against a shared database never see each other. */
  protected String kind;

  /** A store to test; may be the same instance for every test. */
  protected abstract StateStore createStore();

  /** For subclasses, which supply the implementation under test. */
  protected StateStoreContract() {}

  @BeforeEach
  void setUpStore() {
    store = createStore();
    kind = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  @Test
  void insertCreatesVersionOneAndFindReturnsIt() {
    StoredState s = store.insert(kind, "r1", A, null, "{\"a\":1}");
    assertThat(s.version()).isEqualTo(1);
    assertThat(store.find(kind, "r1")).contains(new StoredState(kind, "r1", A, 1, null, "{\"a\":1}"));
    assertThat(store.find(kind, "missing")).isEmpty();
  }

  @Test
  void insertRefusesAnExistingId() {
    store.insert(kind, "r1", A, null, "{}");
    assertThatThrownBy(() -> store.insert(kind, "r1", A, null, "{}"))
        .isInstanceOf(DuplicateStateException.class);
  }

  @Test
  void updateWithTheRightVersionBumpsIt() {
    store.insert(kind, "r1", A, null, "{\"v\":1}");
    Instant due = Instant.parse("2026-03-01T10:15:30.123456Z");
    StoredState s = store.update(kind, "r1", 1, due, "{\"v\":2}");
    assertThat(s.version()).isEqualTo(2);
    StoredState read = store.find(kind, "r1").orElseThrow();
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.body()).isEqualTo("{\"v\":2}");
    assertThat(read.dueAt()).isEqualTo(due);
    assertThat(read.client()).isEqualTo(A);
  }

  @Test
  void updateWithAStaleVersionFailsAndChangesNothing() {
    store.insert(kind, "r1", A, null, "{\"v\":1}");
    store.update(kind, "r1", 1, null, "{\"v\":2}");
    assertThatThrownBy(() -> store.update(kind, "r1", 1, null, "{\"v\":3}"))
        .isInstanceOf(StaleStateException.class);
    assertThat(store.find(kind, "r1").orElseThrow().body()).isEqualTo("{\"v\":2}");
  }

  @Test
  void updateOfAMissingStateIsStale() {
    assertThatThrownBy(() -> store.update(kind, "nope", 1, null, "{}"))
        .isInstanceOf(StaleStateException.class);
  }

  @Test
  void listFiltersByClientAndOrdersById() {
    store.insert(kind, "b", A, null, "{}");
    store.insert(kind, "a", B, null, "{}");
    store.insert(kind, "c", A, null, "{}");
    store.insert(kind, "d", null, null, "{}");
    assertThat(store.list(kind, A)).extracting(StoredState::id).containsExactly("b", "c");
    assertThat(store.list(kind, null)).extracting(StoredState::id).containsExactly("a", "b", "c", "d");
    assertThat(store.list(kind + "x", null)).isEmpty();
  }

  @Test
  void listDueReturnsOnlyStatesDueByTheInstant() {
    Instant t = Instant.parse("2026-05-01T00:00:00Z");
    store.insert(kind, "early", A, t.minusSeconds(60), "{}");
    store.insert(kind, "exact", A, t, "{}");
    store.insert(kind, "late", A, t.plusSeconds(60), "{}");
    store.insert(kind, "never", A, null, "{}");
    assertThat(store.listDue(kind, t)).extracting(StoredState::id).containsExactly("early", "exact");
  }

  @Test
  void bodiesKeepUnicodeAndLength() {
    String body = "{\"text\":\"" + "é€漢".repeat(3000) + "\"}";
    store.insert(kind, "u", A, null, body);
    assertThat(store.find(kind, "u").orElseThrow().body()).isEqualTo(body);
  }

  @Test
  void concurrentUpdatesFromOneVersionHaveExactlyOneWinner() throws Exception {
    store.insert(kind, "race", A, null, "{\"v\":0}");
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int n = i;
      results.add(pool.submit(() -> {
        start.await();
        try {
          store.update(kind, "race", 1, null, "{\"v\":" + n + "}");
          return true;
        } catch (StaleStateException e) {
          return false;
        }
      }));
    }
    start.countDown();
    int wins = 0;
    for (Future<Boolean> f : results) {
      wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(wins).isEqualTo(1);
    assertThat(store.find(kind, "race").orElseThrow().version()).isEqualTo(2);
  }
}
