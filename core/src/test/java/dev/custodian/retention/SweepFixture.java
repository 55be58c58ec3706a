package dev.custodian.retention;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.WorkQueue;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.InMemoryWorkQueue;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import dev.custodian.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/** Shared stores and host data standing for one deployment, with as many nodes as a test builds. */
final class SweepFixture {
  static final ClientId ACME = ClientId.of("acme");
  static final ClientId GLOBEX = ClientId.of("globex");
  static final ProcessorPrincipal OPERATOR = ProcessorPrincipal.of("op-1", ProcessorRole.OPERATOR);
  static final List<SubjectIdentifier> PEOPLE = List.of(PhoneNumber.of("+33 1 99 00 00 01"),
      PhoneNumber.of("+33 1 99 00 00 02"), PhoneNumber.of("+33 6 39 98 00 03"), PhoneNumber.of("+33 6 39 98 00 04"));
  static final List<CategoryId> CATEGORIES = List.of(CategoryId.CALL_LOG, CategoryId.SMS_CONTENT,
      CategoryId.WEBHOOK_LOG, CategoryId.CALL_RECORDING, CategoryId.CONTACT_MANUAL);

  final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T10:00:00Z"));
  final StateStore state = new InMemoryStateStore();
  final EvidenceStore evidenceStore = new InMemoryEvidenceStore();
  final InMemoryHostData data = new InMemoryHostData();
  final WorkQueue queue = new InMemoryWorkQueue(clock);
  final Map<String, HostRecord> all = new TreeMap<>();
  static final Duration LEASE = Duration.ofMinutes(5);

  /** A node: a fresh Custodian over the shared stores; {@code host} may wrap the data. */
  Custodian node(HostData host, int batchSize) {
    return Custodian.builder().clock(clock).stateStore(state).evidenceStore(evidenceStore)
        .hostData(host).workQueue(queue).pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .sweepOptions(SweepOptions.defaults().withBatchSize(batchSize).withLease(LEASE)).build();
  }

  Custodian node(int batchSize) {
    return node(data, batchSize);
  }

  /** {@code n} records per client and category, times spread over the last three years. */
  void populate(int n, long seed) {
    Random random = new Random(seed);
    for (ClientId client : List.of(ACME, GLOBEX)) {
      for (CategoryId category : CATEGORIES) {
        for (int i = 0; i < n; i++) {
          Instant t = clock.instant().minusSeconds((long) (random.nextDouble() * 3 * 365 * 86_400));
          SubjectIdentifier who = PEOPLE.get(random.nextInt(PEOPLE.size()));
          String id = String.format("%s-%s-%05d", client, category, i);
          put(new HostRecord(category, client, id, t, Set.of(who), Map.of()));
        }
      }
    }
  }

  void put(HostRecord r) {
    data.put(r);
    all.put(r.category() + "/" + r.id(), r);
  }

  /** Records still present. */
  List<HostRecord> present() {
    List<HostRecord> out = new ArrayList<>();
    all.values().forEach(r -> {
      if (data.contains(r.category(), r.id())) {
        out.add(r);
      }
    });
    return out;
  }

  /** The sum of "deleted" over the sweep-batch evidence entries. */
  long evidencedDeletions() {
    long sum = 0;
    for (EvidenceEntry e : evidenceStore.readAll(1, Integer.MAX_VALUE)) {
      if (e.action().equals(Sweeper.BATCH_ACTION)) {
        sum += Long.parseLong(e.details().get("deleted"));
      }
    }
    return sum;
  }

  /** Places a hold on every record of ACME concerning the first person. */
  void holdFirstPerson() {
    node(1).holds().place(OPERATOR, ACME, Set.of(PEOPLE.get(0)), Set.of(), null, null, "authority request 2025-9");
  }
}
