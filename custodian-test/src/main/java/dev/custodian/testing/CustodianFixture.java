package dev.custodian.testing;

import dev.custodian.Custodian;
import dev.custodian.CustodianBuilder;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.memory.InMemoryArchiveSink;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.memory.InMemoryWorkQueue;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <strong>For tests only.</strong> A {@link Custodian} in one line: in-memory stores, a {@link
 * MutableClock} the test moves by hand, a fictional pseudonymisation key, and recording stand-ins
 * for the notifier, the responder, the archive sink, the key custody and the sub-processor
 * instruction sender, so that no duty reaches outside the test. State and evidence live as long as
 * the fixture and the key is public: never use it to run Custodian for real.
 *
 * <pre>{@code
 * CustodianFixture fixture = CustodianFixture.builder()
 *     .retentionSchedule(mySchedule)
 *     .records(aCallOfLastYear)
 *     .build();
 * fixture.clock().advance(Duration.ofDays(400));
 * fixture.custodian().retention().sweep();
 * }</pre>
 *
 * <p>Each fixture is independent of every other: a test may build one per test method.
 */
public final class CustodianFixture {
  /** Where the clock starts unless {@link Builder#startingAt} says otherwise: Monday 5 January 2026, 10:00 in Paris. */
  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private static final String KEY = "custodian-test fixture key: fictional, public, for tests only";

  private final Custodian custodian;
  private final MutableClock clock;
  private final RecordingNotifier notifier;
  private final RecordingResponder responder;
  private final InMemorySubprocessorInstructionSender subprocessorInstructions;

  private CustodianFixture(Custodian custodian, MutableClock clock, RecordingNotifier notifier,
      RecordingResponder responder, InMemorySubprocessorInstructionSender subprocessorInstructions) {
    this.custodian = custodian;
    this.clock = clock;
    this.notifier = notifier;
    this.responder = responder;
    this.subprocessorInstructions = subprocessorInstructions;
  }

  /**
   * A fixture with every default: Annex A's schedule, empty in-memory host data, the clock at
   * {@link #START}.
   */
  public static CustodianFixture inMemory() {
    return builder().build();
  }

  /** A builder starting from {@link #inMemory()}'s defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The fixture's pseudonymisation key (a copy): fictional and public, accepted by Custodian's
   * start-up checks, the same for every fixture so that pseudonyms are stable across tests.
   */
  public static byte[] pseudonymizationKey() {
    return KEY.getBytes(StandardCharsets.UTF_8);
  }

  /** The Custodian under test. */
  public Custodian custodian() {
    return custodian;
  }

  /** The clock every duty of {@link #custodian()} reads; move it to let time pass. */
  public MutableClock clock() {
    return clock;
  }

  /** The host data the Custodian works on: the one given to the builder, else in-memory host data. */
  public HostData hostData() {
    return custodian.hostData();
  }

  /** Receives the notices meant for clients (subject and authority requests, escalations). */
  public RecordingNotifier notifier() {
    return notifier;
  }

  /** Receives the answers meant for subjects once a client instructed them. */
  public RecordingResponder responder() {
    return responder;
  }

  /** Receives the instructions meant for sub-processors at a client's termination. */
  public InMemorySubprocessorInstructionSender subprocessorInstructions() {
    return subprocessorInstructions;
  }

  /** Options of a {@link CustodianFixture}; each has the default {@link #inMemory()} uses. */
  public static final class Builder {
    private Instant start = START;
    private HostData hostData;
    private final List<HostRecord> records = new ArrayList<>();
    private RetentionSchedule retentionSchedule;
    private Consumer<CustodianBuilder> configuration = b -> {};

    private Builder() {}

    /** Where the clock starts; default {@link #START}. */
    public Builder startingAt(Instant value) {
      this.start = Objects.requireNonNull(value, "start");
      return this;
    }

    /**
     * The host's own {@link HostData} instead of in-memory host data, for example an adapter over
     * an embedded database; {@link #records} may not be used with it.
     */
    public Builder hostData(HostData value) {
      this.hostData = Objects.requireNonNull(value, "hostData");
      return this;
    }

    /** Records the in-memory host data starts with, added to those given before. */
    public Builder records(HostRecord... values) {
      return records(Arrays.asList(values));
    }

    /** Records the in-memory host data starts with, added to those given before. */
    public Builder records(Collection<HostRecord> values) {
      values.forEach(r -> records.add(Objects.requireNonNull(r, "record")));
      return this;
    }

    /** The schedule the retention duty enforces; default {@code RetentionSchedule.annexA()}. */
    public Builder retentionSchedule(RetentionSchedule value) {
      this.retentionSchedule = Objects.requireNonNull(value, "retentionSchedule");
      return this;
    }

    /**
     * Any other option of {@link Custodian#builder()}, applied after the fixture's own, so it may
     * also replace them (a store, a notifier, the zones...). Replaces an earlier configuration.
     */
    public Builder configure(Consumer<CustodianBuilder> value) {
      this.configuration = Objects.requireNonNull(value, "configuration");
      return this;
    }

    /**
     * Builds the Custodian.
     *
     * @throws IllegalStateException if records are given together with the host's own host data
     */
    public CustodianFixture build() {
      if (hostData != null && !records.isEmpty()) {
        throw new IllegalStateException("records seed the in-memory host data; put them in the"
            + " host's own HostData instead");
      }
      MutableClock clock = new MutableClock(start);
      HostData data = hostData;
      if (data == null) {
        InMemoryHostData inMemory = new InMemoryHostData();
        records.forEach(inMemory::put);
        data = inMemory;
      }
      RecordingNotifier notifier = new RecordingNotifier();
      RecordingResponder responder = new RecordingResponder();
      InMemorySubprocessorInstructionSender instructions = new InMemorySubprocessorInstructionSender();
      CustodianBuilder custodian = Custodian.builder()
          .clock(clock)
          .pseudonymizationKey(pseudonymizationKey())
          .stateStore(new InMemoryStateStore())
          .evidenceStore(new InMemoryEvidenceStore())
          .hostData(data)
          .workQueue(new InMemoryWorkQueue(clock))
          .requestNotifier(notifier)
          .escalationChannel(notifier)
          .responder(responder)
          .archiveSink(new InMemoryArchiveSink())
          .keyCustody(new InMemoryKeyCustody())
          .subProcessorInstructionSender(instructions);
      if (retentionSchedule != null) {
        custodian.retentionSchedule(retentionSchedule);
      }
      configuration.accept(custodian);
      return new CustodianFixture(custodian.build(), clock, notifier, responder, instructions);
    }
  }
}
