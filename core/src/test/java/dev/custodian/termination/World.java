package dev.custodian.termination;

import dev.custodian.testing.MutableClock;
import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.hold.Hold;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.TerminationNotifier;
import dev.custodian.memory.InMemoryArchiveSink;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.memory.InMemoryWorkQueue;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The stores and SPIs of one test "installation": a fresh {@link #custodian()} over the same
 * stores stands for a restarted process. Every SPI goes through the {@link Crasher}.
 */
final class World {
  /** The fictional pseudonymisation key of every test custodian; its evidence key derives from it. */
  static final byte[] KEY =
      "a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final Instant T = Instant.parse("2026-03-02T00:00:00Z");
  static final ClientId ACME = ClientId.of("acme");
  static final ClientId GLOBEX = ClientId.of("globex");
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  static final ClientPrincipal ADMIN = ClientPrincipal.of("admin-acme", ACME, ClientRole.ADMINISTRATOR);
  static final SubjectIdentifier HELD = PhoneNumber.of("+33 1 99 00 00 01");
  static final SubjectIdentifier FREE = PhoneNumber.of("+33 6 39 98 00 02");
  static final Set<CategoryId> HELD_CATEGORIES =
      Set.of(CategoryId.CALL_RECORDING, CategoryId.CALL_LOG, CategoryId.SMS_CONTENT);
  static final Set<String> SUB_PROCESSORS = Set.of("Twilio", "AWS");
  static final Duration LEASE = Duration.ofMinutes(1);
  /** How long before the termination date each of a category's three records was made. */
  static final List<Duration> AGES =
      List.of(Duration.ofDays(300), Duration.ofDays(100), Duration.ofDays(10));

  final MutableClock clock = new MutableClock(T.minus(Duration.ofDays(1)));
  final InMemoryHostData host = new InMemoryHostData();
  final InMemoryStateStore state = new InMemoryStateStore();
  final InMemoryStateStore ledgerState = new InMemoryStateStore();
  final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
  final InMemoryArchiveSink sink = new InMemoryArchiveSink();
  final InMemoryKeyCustody keys = new InMemoryKeyCustody();
  final InMemorySubprocessorInstructionSender sender = new InMemorySubprocessorInstructionSender();
  /** Shared by every instance, as the database's work queue is: it holds the cases' leases. */
  final InMemoryWorkQueue queue = new InMemoryWorkQueue(clock);
  final Crasher crasher;
  /** The categories {@link #populate()} fills: by default every Annex A category that can hold data. */
  Set<CategoryId> populated = CategoryId.ANNEX_A.stream()
      .filter(c -> !c.equals(CategoryId.TRANSACTIONAL_EMAIL)).collect(Collectors.toSet());
  Consumer<RecordSelection> guard = s -> {};
  TerminationNotifier notifier = TerminationNotifier.NONE;
  TerminationOptions options = TerminationOptions.DEFAULTS.withLease(LEASE).withDeletionBatchSize(2)
      .withArchiveCheckInterval(Duration.ofDays(60));

  World() {
    this(Crasher.never());
  }

  World(Crasher crasher) {
    this.crasher = crasher;
  }

  /** A new library instance over the same stores: what a restart gives. */
  Custodian custodian() {
    return Custodian.builder()
        .clock(clock)
        .stateStore(new Crashing.State(state, crasher))
        .erasureLedgerStore(new Crashing.State(ledgerState, crasher))
        .evidenceStore(new Crashing.Evidence(evidence, crasher))
        .hostData(new Crashing.Host(host, crasher, s -> guard.accept(s)))
        .archiveSink(new Crashing.Sink(sink, crasher))
        .keyCustody(new Crashing.Keys(keys, crasher))
        .subProcessorInstructionSender(new Crashing.Sender(sender, crasher))
        .terminationNotifier(notifier)
        .subProcessorsOf(c -> c.equals(ACME) ? SUB_PROCESSORS : Set.of())
        .terminationOptions(options)
        .workQueue(queue)
        .pseudonymizationKey(KEY)
        .build();
  }

  /**
   * Three records of ACME in each {@link #populated} category, the first about the {@link #HELD}
   * subject; one record of GLOBEX in each.
   */
  void populate() {
    for (CategoryId c : populated) {
      for (int i = 0; i < AGES.size(); i++) {
        host.put(record(c, ACME, "acme-" + c + "-" + (i + 1), T.minus(AGES.get(i)),
            i == 0 ? HELD : FREE));
      }
      host.put(record(c, GLOBEX, "globex-" + c + "-1", T.minus(Duration.ofDays(5)), FREE));
    }
  }

  /** Places the legal hold on the {@link #HELD} subject in {@link #HELD_CATEGORIES}. */
  Hold placeHold(Custodian custodian) {
    return custodian.holds().place(OPERATOR, ACME, Set.of(HELD), HELD_CATEGORIES, null, null,
        "investigating judge's order 2026-117");
  }

  static HostRecord record(CategoryId c, ClientId client, String id, Instant time,
      SubjectIdentifier subject) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("note", "record " + id);
    fields.put("duration", 42);
    return new HostRecord(c, client, id, time, Set.of(subject), fields);
  }

  /** Ids of ACME's records still present in a category. */
  List<String> remaining(CategoryId c) {
    List<String> out = new ArrayList<>();
    host.stream(ACME, c, r -> out.add(r.id()));
    return out;
  }
}
