package dev.custodian.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupCount;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.RecordSelection.Exclusion;
import dev.custodian.subject.EmailAddress;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.subject.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HostData} must have, checked against {@link
 * RecordSelection#matches}, the reference semantics: find a subject in every category (R-DSR-2,
 * R-DSR-4) without crossing clients (R-DSR-6, R-ACC-2), stream a client's category, count, delete
 * in bounded resumable batches that spare exclusions (R-RET-6, R-HOLD-2), restrict.
 *
 * <p>The fixture has two categories: {@link CategoryId#CALL_LOG} records (phone subjects: a caller
 * and an optional callee) and {@link CategoryId#CONTACT_MANUAL} records (an e-mail and an optional
 * user id). Ids are decimal numbers, unique per category; times are whole seconds.
 */
public abstract class HostDataContract {
  /** The fixture's first client: calls and contacts. */
  protected static final ClientId A = ClientId.of("client-a");
  /** The fixture's second client: calls and contacts. */
  protected static final ClientId B = ClientId.of("client-b");
  /** The fixture's third client: contacts only. */
  protected static final ClientId C = ClientId.of("client-c");
  /** The fixture's category with phone subjects. */
  protected static final CategoryId CALLS = CategoryId.CALL_LOG;
  /** The fixture's category with e-mail and user-id subjects. */
  protected static final CategoryId CONTACTS = CategoryId.CONTACT_MANUAL;
  /** The time of the fixture's first record; later ones follow by whole seconds. */
  protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static final PhoneNumber P1 = PhoneNumber.of("+33 1 99 00 01 01");
  static final PhoneNumber P2 = PhoneNumber.of("+33 1 99 00 01 02");
  static final PhoneNumber P3 = PhoneNumber.of("+33 6 39 98 01 03");
  static final PhoneNumber P4 = PhoneNumber.of("+33 6 39 98 01 04");
  static final EmailAddress E1 = EmailAddress.of("anne@example.com");
  static final EmailAddress E2 = EmailAddress.of("bruno@example.com");
  static final UserId U1 = UserId.of("user-0001");

  /** The host data under test, created from {@link #fixture} before each test. */
  protected HostData host;
  /** The records the store was created with. */
  protected List<HostRecord> fixture;

  /**
   * A host-data store holding exactly {@code records} (and nothing else in these two categories),
   * with none restricted. Called before every test.
   */
  protected abstract HostData createHostData(List<HostRecord> records);

  /** True if the record is still stored. */
  protected abstract boolean contains(CategoryId category, String id);

  /** True if the record is marked restricted. */
  protected abstract boolean isRestricted(CategoryId category, String id);

  /** For subclasses, which supply the implementation under test. */
  protected HostDataContract() {}

  @BeforeEach
  void setUpHostData() {
    fixture = records();
    host = createHostData(fixture);
  }

  /** The fixture: 60 calls of client A, 20 of B, and contacts of A, B and C. */
  static List<HostRecord> records() {
    List<HostRecord> out = new ArrayList<>();
    PhoneNumber[] callers = {P1, P2, P3};
    for (int i = 0; i < 60; i++) {
      Set<SubjectIdentifier> s = new LinkedHashSet<>();
      s.add(callers[i % 3]);
      if (i % 4 == 0) {
        s.add(P4);
      }
      out.add(call(A, 1000 + i, T0.plusSeconds(3600L * i), s));
    }
    for (int i = 0; i < 20; i++) {
      out.add(call(B, 2000 + i, T0.plusSeconds(1800L * i), Set.of(P1)));
    }
    out.add(contact(A, 1, T0.plusSeconds(10), Set.of(E1, U1)));
    out.add(contact(A, 2, T0.plusSeconds(20), Set.of(E2)));
    out.add(contact(B, 3, T0.plusSeconds(30), Set.of(E2)));
    out.add(contact(C, 4, T0.plusSeconds(40), Set.of(E1)));
    out.add(contact(C, 5, T0.plusSeconds(50), Set.of(U1)));
    return out;
  }

  private static HostRecord call(ClientId client, long id, Instant time, Set<SubjectIdentifier> s) {
    return new HostRecord(CALLS, client, Long.toString(id), time, s, Map.of());
  }

  private static HostRecord contact(ClientId client, long id, Instant time, Set<SubjectIdentifier> s) {
    return new HostRecord(CONTACTS, client, Long.toString(id), time, s, Map.of());
  }

  private List<HostRecord> expected(RecordSelection selection) {
    return fixture.stream().filter(selection::matches).toList();
  }

  private static Set<String> ids(List<HostRecord> records) {
    return records.stream().map(r -> r.category() + "/" + r.id()).collect(Collectors.toSet());
  }

  @Test
  void categoriesAreThoseTheHostHas() {
    assertThat(host.categories()).contains(CALLS, CONTACTS);
  }

  @Test
  void clientsHoldingFindsEveryClientWithTheSubject_R_DSR_2() {
    assertThat(host.clientsHolding(List.of(P1))).containsExactlyInAnyOrder(A, B);
    assertThat(host.clientsHolding(List.of(E1))).containsExactlyInAnyOrder(A, C);
    assertThat(host.clientsHolding(List.of(P3, E2))).containsExactlyInAnyOrder(A, B);
    assertThat(host.clientsHolding(List.of(U1))).containsExactlyInAnyOrder(A, C);
    assertThat(host.clientsHolding(List.of(PhoneNumber.of("+33 1 99 00 99 99")))).isEmpty();
    assertThat(host.clientsHolding(List.of())).isEmpty();
  }

  @Test
  void findSubjectReturnsOnlyThatClientsRecordsInEveryCategory_R_DSR_4_R_DSR_6() {
    List<SubjectIdentifier> who = List.of(P1, E1);
    List<HostRecord> found = host.findSubject(A, who);
    List<HostRecord> expected = fixture.stream()
        .filter(r -> r.client().equals(A) && r.subjects().stream().anyMatch(who::contains))
        .toList();
    assertThat(ids(found)).isEqualTo(ids(expected)).hasSize(expected.size());
    assertThat(found).hasSize(expected.size());
    Map<String, HostRecord> byId = fixture.stream()
        .collect(Collectors.toMap(r -> r.category() + "/" + r.id(), Function.identity()));
    for (HostRecord r : found) {
      HostRecord want = byId.get(r.category() + "/" + r.id());
      assertThat(r.client()).isEqualTo(A);
      assertThat(r.time()).isEqualTo(want.time());
      assertThat(r.subjects()).isEqualTo(want.subjects());
    }
    assertThat(host.findSubject(B, List.of(E1))).isEmpty();
    assertThat(host.findSubject(C, List.of(P1))).isEmpty();
    assertThat(host.findSubject(A, List.of())).isEmpty();
  }

  @Test
  void clientsOfACategoryAreThoseWithRecordsInIt() {
    assertThat(host.clients(CALLS)).containsExactlyInAnyOrder(A, B);
    assertThat(host.clients(CONTACTS)).containsExactlyInAnyOrder(A, B, C);
    assertThat(host.clients(CategoryId.of("NOT_HELD_HERE"))).isEmpty();
  }

  @Test
  void streamDeliversEachRecordOfTheClientOnce_R_TERM_3() {
    List<HostRecord> seen = new ArrayList<>();
    host.stream(A, CALLS, seen::add);
    List<HostRecord> expected = expected(RecordSelection.all(A, CALLS));
    assertThat(seen).hasSize(60);
    assertThat(ids(seen)).isEqualTo(ids(expected));
    Map<String, HostRecord> byId = expected.stream()
        .collect(Collectors.toMap(HostRecord::id, Function.identity()));
    for (HostRecord r : seen) {
      assertThat(r.client()).isEqualTo(A);
      assertThat(r.category()).isEqualTo(CALLS);
      assertThat(r.time()).isEqualTo(byId.get(r.id()).time());
      assertThat(r.subjects()).isEqualTo(byId.get(r.id()).subjects());
    }
    List<HostRecord> none = new ArrayList<>();
    host.stream(C, CALLS, none::add);
    host.stream(A, CategoryId.of("NOT_HELD_HERE"), none::add);
    assertThat(none).isEmpty();
  }

  /** Selections whose counts must agree with the reference semantics. */
  static List<RecordSelection> selections() {
    Instant t10 = T0.plusSeconds(3600L * 10);
    Instant t40 = T0.plusSeconds(3600L * 40);
    List<RecordSelection> out = new ArrayList<>();
    for (ClientId client : List.of(A, B, C)) {
      for (CategoryId category : List.of(CALLS, CONTACTS)) {
        RecordSelection all = RecordSelection.all(client, category);
        out.add(all);
        out.add(all.withWindow(t10, t40));
        out.add(all.withWindow(t10, null));
        out.add(all.withWindow(null, t40));
        out.add(all.withWindow(T0.plusSeconds(20), T0.plusSeconds(41)));
        out.add(all.withSubjects(Set.of(P4)));
        out.add(all.withSubjects(Set.of(P1, P3)));
        out.add(all.withSubjects(Set.of(E1, U1)));
        out.add(all.withSubjects(Set.of(E2)));
        out.add(all.withExcluding(List.of(new Exclusion(Set.of(P2), null, null))));
        out.add(all.withExcluding(List.of(new Exclusion(Set.of(P4, E1), null, null))));
        out.add(all.withExcluding(List.of(new Exclusion(Set.of(), t10, t40))));
        out.add(all.withExcluding(List.of(new Exclusion(Set.of(P1), t10, null),
            new Exclusion(Set.of(P3), null, t40))));
        out.add(all.withExcluding(List.of(Exclusion.everything())));
        out.add(all.withExcluding(List.of(new Exclusion(Set.of(P2, P3, E2, U1), t10, null))));
        out.add(all.withWindow(null, t40).withSubjects(Set.of(P1, P4))
            .withExcluding(List.of(new Exclusion(Set.of(P4), t10, null))));
      }
    }
    return out;
  }

  @Test
  void countAgreesWithTheReferenceSemantics() {
    for (RecordSelection s : selections()) {
      assertThat(host.count(s)).as("count of %s", s).isEqualTo(expected(s).size());
    }
    assertThat(host.count(RecordSelection.all(A, CategoryId.of("NOT_HELD_HERE")))).isZero();
  }

  @Test
  void deleteBatchDeletesInBoundedBatchesAndSparesHeldRecords_R_RET_6_R_HOLD_2() {
    RecordSelection sweep = RecordSelection.all(A, CALLS)
        .withWindow(null, T0.plusSeconds(3600L * 40))
        .withExcluding(List.of(new Exclusion(Set.of(P2), null, null),
            new Exclusion(Set.of(P3, P4), T0.plusSeconds(3600L * 30), null)));
    List<HostRecord> doomed = expected(sweep);
    assertThat(doomed).hasSizeGreaterThan(20);

    long total = 0;
    int calls = 0;
    String key = null;
    DeletionBatch batch;
    do {
      batch = host.deleteBatch(sweep, key, 7);
      assertThat(batch.deleted()).isBetween(0L, 7L);
      total += batch.deleted();
      key = batch.nextKey();
      calls++;
      assertThat(calls).as("batches needed").isLessThan(20);
    } while (!batch.exhausted());

    assertThat(total).isEqualTo(doomed.size());
    assertThat(host.count(sweep)).isZero();
    for (HostRecord r : fixture) {
      assertThat(contains(r.category(), r.id()))
          .as("%s %s %s", r.category(), r.id(), doomed.contains(r) ? "deleted" : "kept")
          .isEqualTo(!doomed.contains(r));
    }
  }

  @Test
  void deleteBatchResumesFromItsKeyAfterARestart_R_RET_6() {
    RecordSelection sweep = RecordSelection.all(A, CALLS).withWindow(null, T0.plusSeconds(3600L * 30));
    long expected = expected(sweep).size();
    DeletionBatch first = host.deleteBatch(sweep, null, 5);
    assertThat(first.deleted()).isEqualTo(5);
    assertThat(first.exhausted()).isFalse();

    HostData restarted = host;
    DeletionBatch rest = restarted.deleteBatch(sweep, first.nextKey(), 1000);
    assertThat(first.deleted() + rest.deleted()).isEqualTo(expected);
    assertThat(rest.exhausted()).isTrue();
    DeletionBatch again = restarted.deleteBatch(sweep, rest.nextKey(), 1000);
    assertThat(again.deleted()).isZero();
    assertThat(again.exhausted()).isTrue();
    assertThat(host.count(RecordSelection.all(A, CALLS))).isEqualTo(60 - expected);
  }

  @Test
  void aBatchExactlyAsLargeAsWhatRemainsIsExhausted() {
    RecordSelection sweep = RecordSelection.all(B, CALLS);
    DeletionBatch batch = host.deleteBatch(sweep, null, 20);
    assertThat(batch.deleted()).isEqualTo(20);
    assertThat(batch.exhausted()).isTrue();
  }

  @Test
  void deleteBatchOfNothingIsExhausted() {
    DeletionBatch batch = host.deleteBatch(
        RecordSelection.all(C, CALLS), null, 10);
    assertThat(batch.deleted()).isZero();
    assertThat(batch.exhausted()).isTrue();
    DeletionBatch unmapped = host.deleteBatch(
        RecordSelection.all(A, CategoryId.of("NOT_HELD_HERE")), null, 10);
    assertThat(unmapped.deleted()).isZero();
    assertThat(unmapped.exhausted()).isTrue();
  }

  @Test
  void deletingOneClientsRecordsNeverTouchesAnother_R_ACC_2() {
    DeletionBatch batch = host.deleteBatch(RecordSelection.all(A, CALLS), null, 1000);
    assertThat(batch.deleted()).isEqualTo(60);
    assertThat(host.count(RecordSelection.all(B, CALLS))).isEqualTo(20);
    assertThat(host.count(RecordSelection.all(A, CONTACTS))).isEqualTo(2);
    fixture.stream().filter(r -> !r.client().equals(A) || !r.category().equals(CALLS))
        .forEach(r -> assertThat(contains(r.category(), r.id())).isTrue());
  }

  @Test
  void deleteBatchRefusesANonPositiveLimit() {
    assertThatThrownBy(() -> host.deleteBatch(RecordSelection.all(A, CALLS), null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void restrictMarksTheSelectedRecordsOnceAndKeepsThem_R_DSR_4() {
    RecordSelection s = RecordSelection.all(A, CALLS).withSubjects(Set.of(P3));
    List<HostRecord> chosen = expected(s);
    assertThat(host.restrict(s)).isEqualTo(chosen.size());
    for (HostRecord r : fixture) {
      assertThat(isRestricted(r.category(), r.id())).as("%s %s", r.category(), r.id())
          .isEqualTo(chosen.contains(r));
      assertThat(contains(r.category(), r.id())).isTrue();
    }
    assertThat(host.restrict(s)).isZero();
    assertThat(host.restrict(RecordSelection.all(A, CONTACTS).withSubjects(Set.of(E1)))).isEqualTo(1);
    assertThat(isRestricted(CONTACTS, "1")).isTrue();
    assertThat(isRestricted(CONTACTS, "4")).isFalse();
  }

  // ---- group deletion (several clients of one category at once) ----

  private static GroupSelection group(Instant from, Instant before, Map<ClientId, List<Exclusion>> clients) {
    return new GroupSelection(CALLS, from, before, clients);
  }

  private List<HostRecord> expected(GroupSelection selection) {
    return fixture.stream().filter(selection::matches).toList();
  }

  /** Deletes the whole group in batches of {@code limit}; the per-client totals. */
  private Map<ClientId, Long> sweepGroup(GroupSelection selection, String key, int limit) {
    Map<ClientId, Long> totals = new TreeMap<>();
    GroupDeletion batch;
    int calls = 0;
    do {
      batch = host.deleteGroupBatch(selection, key, limit);
      assertThat(batch.total()).isBetween(0L, (long) limit);
      batch.deleted().forEach((c, n) -> totals.merge(c, n, Long::sum));
      key = batch.nextKey();
      calls++;
      assertThat(calls).as("batches needed").isLessThan(100);
    } while (!batch.exhausted());
    return totals;
  }

  private static Map<ClientId, Long> perClient(List<HostRecord> records) {
    return records.stream().collect(Collectors.groupingBy(HostRecord::client, TreeMap::new,
        Collectors.counting()));
  }

  @Test
  void deleteGroupBatchDeletesSeveralClientsInBoundedBatchesSparingEachOnesSlices_R_RET_6_R_HOLD_2() {
    GroupSelection sweep = group(null, T0.plusSeconds(3600L * 40), Map.of(
        A, List.of(new Exclusion(Set.of(P2), null, null),
            new Exclusion(Set.of(P3, P4), T0.plusSeconds(3600L * 30), null)),
        B, List.of(new Exclusion(Set.of(P1), T0.plusSeconds(3600L * 2), T0.plusSeconds(3600L * 4))),
        C, List.of()));
    List<HostRecord> doomed = expected(sweep);
    assertThat(perClient(doomed)).containsOnlyKeys(A, B);

    assertThat(sweepGroup(sweep, null, 7)).isEqualTo(perClient(doomed));

    for (HostRecord r : fixture) {
      assertThat(contains(r.category(), r.id()))
          .as("%s %s %s", r.category(), r.id(), doomed.contains(r) ? "deleted" : "kept")
          .isEqualTo(!doomed.contains(r));
    }
  }

  @Test
  void deleteGroupBatchKeepsToItsWindowAndClients_R_ACC_2() {
    GroupSelection sweep = group(T0.plusSeconds(3600L * 3), T0.plusSeconds(3600L * 20),
        Map.of(A, List.of(), B, List.of()));
    List<HostRecord> doomed = expected(sweep);
    assertThat(sweepGroup(sweep, null, 4)).isEqualTo(perClient(doomed));
    for (HostRecord r : fixture) {
      assertThat(contains(r.category(), r.id())).as("%s %s", r.category(), r.id())
          .isEqualTo(!doomed.contains(r));
    }
  }

  @Test
  void deleteGroupBatchResumesFromItsKeyAfterARestart_R_RET_6() {
    GroupSelection sweep = group(null, T0.plusSeconds(3600L * 30), Map.of(A, List.of(), B, List.of()));
    long expected = expected(sweep).size();
    GroupDeletion first = host.deleteGroupBatch(sweep, null, 5);
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.exhausted()).isFalse();

    Map<ClientId, Long> rest = sweepGroup(sweep, first.nextKey(), 1000);
    assertThat(first.total() + rest.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(expected);
    assertThat(host.count(RecordSelection.all(A, CALLS).withWindow(null, T0.plusSeconds(3600L * 30))))
        .isZero();
    assertThat(host.count(RecordSelection.all(B, CALLS))).isZero();
  }

  @Test
  void aSliceSparedBetweenGroupBatchesIsSparedFromThenOn_R_HOLD_2() {
    GroupSelection sweep = group(null, T0.plusSeconds(3600L * 60), Map.of(A, List.of(), B, List.of()));
    GroupDeletion first = host.deleteGroupBatch(sweep, null, 3);
    Set<String> goneFirst = fixture.stream().filter(r -> !contains(r.category(), r.id()))
        .map(HostRecord::id).collect(Collectors.toSet());
    assertThat(goneFirst).hasSize(3);

    // A hold on P1 for client A arrives after the first batch: the walk goes on from its key.
    GroupSelection held = sweep.withExcluding(Map.of(A, List.of(new Exclusion(Set.of(P1), null, null)),
        B, List.of()));
    sweepGroup(held, first.nextKey(), 6);

    for (HostRecord r : fixture) {
      if (!r.category().equals(CALLS) || goneFirst.contains(r.id())) {
        continue;
      }
      boolean spared = r.client().equals(A) && r.subjects().contains(P1);
      assertThat(contains(r.category(), r.id())).as("%s %s", r.client(), r.id()).isEqualTo(spared);
    }
  }

  @Test
  void deleteGroupBatchOfNothingIsExhausted() {
    GroupDeletion batch = host.deleteGroupBatch(group(null, T0, Map.of(A, List.of(), C, List.of())), null, 10);
    assertThat(batch.total()).isZero();
    assertThat(batch.exhausted()).isTrue();
    GroupDeletion unmapped = host.deleteGroupBatch(new GroupSelection(CategoryId.of("NOT_HELD_HERE"),
        null, T0.plusSeconds(3600L * 60), Map.of(A, List.of())), null, 10);
    assertThat(unmapped.total()).isZero();
    assertThat(unmapped.exhausted()).isTrue();
    assertThat(host.count(RecordSelection.all(A, CALLS))).isEqualTo(60);
  }

  @Test
  void deleteGroupBatchRefusesANonPositiveLimitAndAForeignKey() {
    GroupSelection sweep = group(null, T0.plusSeconds(3600L * 60), Map.of(A, List.of(), B, List.of()));
    assertThatThrownBy(() -> host.deleteGroupBatch(sweep, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.deleteGroupBatch(sweep, "not a key", 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nextKey");
    assertThat(host.count(RecordSelection.all(A, CALLS))).isEqualTo(60);
  }

  @Test
  void countGroupCountsEachClientsWindowAndWhatItsSlicesLeave() {
    List<GroupSelection> groups = List.of(
        group(null, T0.plusSeconds(3600L * 40), Map.of(
            A, List.of(new Exclusion(Set.of(P2), null, null),
                new Exclusion(Set.of(P3, P4), T0.plusSeconds(3600L * 30), null)),
            B, List.of(new Exclusion(Set.of(P1), T0.plusSeconds(3600L * 2), T0.plusSeconds(3600L * 4))),
            C, List.of())),
        group(T0.plusSeconds(3600L * 3), T0.plusSeconds(3600L * 20), Map.of(A, List.of(), B, List.of())),
        group(null, T0.plusSeconds(3600L * 60), Map.of(A, List.of(new Exclusion(Set.of(P1), null, null)),
            B, List.of(new Exclusion(Set.of(P1), null, null)))),
        group(null, T0, Map.of(A, List.of(), B, List.of())));
    for (GroupSelection g : groups) {
      Map<ClientId, GroupCount> counted = host.countGroup(g);
      for (ClientId client : g.clients().keySet()) {
        RecordSelection own = g.of(client);
        long matched = expected(own.withExcluding(List.of())).size();
        long selected = expected(own).size();
        GroupCount n = counted.getOrDefault(client, new GroupCount(0, 0));
        assertThat(n).as("%s in %s", client, g).isEqualTo(new GroupCount(matched, selected));
      }
      assertThat(g.clients().keySet()).containsAll(counted.keySet());
    }
    assertThat(host.countGroup(new GroupSelection(CategoryId.of("NOT_HELD_HERE"), null,
        T0.plusSeconds(3600L * 60), Map.of(A, List.of())))).isEmpty();
  }

  @Test
  void earliestIsTheFirstSelectedTimeOrUnknown() {
    GroupSelection sweep = group(T0.plusSeconds(3600L * 12), T0.plusSeconds(3600L * 60),
        Map.of(A, List.of(new Exclusion(Set.of(), null, null)), B, List.of()));
    Optional<Instant> earliest = host.earliest(sweep);
    earliest.ifPresent(t -> assertThat(t).isEqualTo(T0.plusSeconds(3600L * 12)));
    assertThat(host.earliest(group(null, T0, Map.of(A, List.of(), B, List.of())))).isEmpty();
    assertThat(host.earliest(group(null, T0.plusSeconds(3600L * 60), Map.of(C, List.of())))).isEmpty();
  }

  @Test
  void aGroupWhoseRowsShareOneInstantStillGoesInBoundedBatches_R_RET_6() {
    List<HostRecord> same = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      same.add(call(i % 2 == 0 ? A : B, 5000 + i, T0.plusSeconds(7), Set.of(i % 3 == 0 ? P2 : P1)));
    }
    fixture = same;
    host = createHostData(same);
    GroupSelection sweep = group(null, T0.plusSeconds(3600),
        Map.of(A, List.of(new Exclusion(Set.of(P2), null, null)), B, List.of()));
    List<HostRecord> doomed = expected(sweep);
    assertThat(doomed).hasSizeGreaterThan(20);

    assertThat(sweepGroup(sweep, null, 4)).isEqualTo(perClient(doomed));
    for (HostRecord r : same) {
      assertThat(contains(r.category(), r.id())).as(r.id()).isEqualTo(!doomed.contains(r));
    }
  }
}
