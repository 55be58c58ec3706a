package dev.custodian.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.GroupDeletion;
import dev.custodian.spi.GroupSelection;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.subject.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Holds (R-HOLD-1, R-HOLD-2) and the deletion gate every deletion goes through. */
class HoldAndGateTest {
  static final ClientId ACME = ClientId.of("acme");
  static final PhoneNumber WITNESS = PhoneNumber.of("+33 6 39 98 11 22");
  static final ProcessorPrincipal OFFICER = ProcessorPrincipal.of("dpo-1", ProcessorRole.DESIGNATED_OFFICER);
  final Instant now = Instant.parse("2025-06-01T00:00:00Z");
  final InMemoryHostData data = new InMemoryHostData();
  final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
  final Custodian custodian = Custodian.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
      .pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).hostData(data).evidenceStore(evidence)
      .stateStore(new dev.custodian.memory.InMemoryStateStore()).build();

  HoldAndGateTest() {
    for (int i = 0; i < 10; i++) {
      data.put(new HostRecord(CategoryId.CALL_LOG, ACME, "c" + i, now.minusSeconds(86_400L * (i + 1)),
          Set.of(i % 2 == 0 ? WITNESS : PhoneNumber.of("+33 1 99 00 00 0" + i)), Map.of()));
    }
  }

  @Test
  void onlyOperatorsOrTheDesignatedOfficerPlaceHolds() {
    ProcessorPrincipal security = ProcessorPrincipal.of("sec-1", ProcessorRole.SECURITY_TEAM);
    assertThatThrownBy(() -> custodian.holds().place(security, ACME, Set.of(), Set.of(), null, null, "x"))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> custodian.holds().place(OFFICER, ACME, Set.of(), Set.of(), null, null, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legal basis");
  }

  @Test
  void theGateSparesHeldRecordsAndRecordsEachBatch_R_HOLD_2() {
    Hold hold = custodian.holds().place(OFFICER, ACME, Set.of(WITNESS), Set.of(CategoryId.CALL_LOG), null, null,
        "CPP art. 60-1 requisition");
    RecordSelection all = RecordSelection.all(ACME, CategoryId.CALL_LOG);
    DeletionGate gate = custodian.deletionGate();
    assertThat(gate.countHeld(all)).isEqualTo(5);
    DeletionBatch batch = gate.deleteBatch(all, null, 100, "system", "test.delete", "rule X");
    assertThat(batch.deleted()).isEqualTo(5);
    assertThat(data.size()).isEqualTo(5);
    assertThat(data.findSubject(ACME, Set.of(WITNESS))).hasSize(5);
    EvidenceEntry e = evidence.readAll(1, 100).stream().filter(x -> x.action().equals("test.delete")).findFirst().orElseThrow();
    assertThat(e.details()).containsEntry("deleted", "5").containsEntry("category", "CALL_LOG");
    assertThat(e.basis()).isEqualTo("rule X");
    assertThat(e.details()).containsEntry("holdsSpared", "[" + hold.id() + "]");

    Hold released = custodian.holds().release(OFFICER, hold.id(), "proceedings closed");
    assertThat(released.active()).isFalse();
    assertThat(custodian.holds().all(OFFICER, ACME)).hasSize(1);
    assertThat(gate.deleteBatch(all, null, 100, "system", "test.delete", "rule X").deleted()).isEqualTo(5);
    assertThatThrownBy(() -> custodian.holds().release(OFFICER, hold.id(), "again")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void holdEvidenceNamesSubjectsOnlyByPseudonym_R_EVID_2() {
    custodian.holds().place(OFFICER, ACME, Set.of(WITNESS), Set.of(), null, null, "court order 7");
    String all = evidence.readAll(1, 100).toString();
    assertThat(all).doesNotContain("39 98 11 22").doesNotContain("+33639981122");
  }

  @Test
  void aTimeBoundedHoldCoversOnlyItsWindow() {
    Instant from = now.minusSeconds(86_400L * 4);
    custodian.holds().place(OFFICER, ACME, Set.of(), Set.of(), from, now.minusSeconds(86_400L), "window");
    RecordSelection all = RecordSelection.all(ACME, CategoryId.CALL_LOG);
    // c0 is 1 day old (outside: 'before' is exclusive), c1..c3 are 2..4 days old (inside).
    assertThat(custodian.deletionGate().countHeld(all)).isEqualTo(3);
  }

  @Test
  void theGateRefusesADeletionWithoutBasisOrWithAnEmptyBatch() {
    RecordSelection all = RecordSelection.all(ACME, CategoryId.CALL_LOG);
    assertThatThrownBy(() -> custodian.deletionGate().deleteBatch(all, null, 10, "system", "test.delete", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basis");
    assertThatThrownBy(() -> custodian.deletionGate().deleteBatch(all, null, 0, "system", "test.delete", "rule"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(data.size()).isEqualTo(10);
  }

  @Test
  void everyDutyDeletesThroughTheOneGateAndReadsTheOneHoldService_R_HOLD_2() {
    // Walks what the Custodian holds, through the library's own objects (services, their parts,
    // lambdas they captured): every gate and hold service found is the one the accessors return.
    Set<Object> gates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<Object> holdServices = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    reachable(custodian).forEach(o -> {
      if (o instanceof DeletionGate) {
        gates.add(o);
      } else if (o instanceof HoldService) {
        holdServices.add(o);
      }
    });
    assertThat(gates).singleElement().isSameAs(custodian.deletionGate());
    assertThat(holdServices).singleElement().isSameAs(custodian.holds());
  }

  /** Every object reachable from {@code root} through fields of classes in dev.custodian. */
  private static Set<Object> reachable(Object root) {
    Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>(java.util.List.of(root));
    while (!pending.isEmpty()) {
      Object o = pending.pop();
      if (!seen.add(o)) {
        continue;
      }
      for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("dev.custodian.");
          c = c.getSuperclass()) {
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
          if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
            continue;
          }
          try {
            f.setAccessible(true);
            Object value = f.get(o);
            if (value != null && value.getClass().getName().startsWith("dev.custodian.")) {
              pending.push(value);
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("cannot read " + c.getName() + "." + f.getName(), e);
          }
        }
      }
    }
    return seen;
  }

  @Test
  void aGroupBatchSparesEachClientsHoldsAndRecordsEachClientsCount_R_HOLD_2_R_EVID_1() {
    ClientId other = ClientId.of("globex");
    for (int i = 0; i < 4; i++) {
      data.put(new HostRecord(CategoryId.CALL_LOG, other, "g" + i, now.minusSeconds(86_400L * (i + 1)),
          Set.of(WITNESS), Map.of()));
    }
    // The hold is ACME's: globex's calls with the same number are not held.
    Hold hold = custodian.holds().place(OFFICER, ACME, Set.of(WITNESS), Set.of(CategoryId.CALL_LOG),
        null, null, "CPP art. 60-1 requisition");
    GroupSelection both = new GroupSelection(CategoryId.CALL_LOG, null, now,
        Map.of(ACME, List.of(), other, List.of()));
    DeletionGate gate = custodian.deletionGate();

    GroupDeletion batch = gate.deleteGroupBatch(both, null, 100, "system", "test.delete", "rule X");

    assertThat(batch.deleted()).containsExactlyInAnyOrderEntriesOf(Map.of(ACME, 5L, other, 4L));
    assertThat(batch.exhausted()).isTrue();
    assertThat(data.findSubject(ACME, Set.of(WITNESS))).hasSize(5);
    assertThat(data.findSubject(other, Set.of(WITNESS))).isEmpty();
    List<EvidenceEntry> entries = evidence.readAll(1, 100).stream()
        .filter(x -> x.action().equals("test.delete")).toList();
    assertThat(entries).extracting(EvidenceEntry::client).containsExactlyInAnyOrder(ACME, other);
    EvidenceEntry acme = entries.stream().filter(x -> ACME.equals(x.client())).findFirst().orElseThrow();
    assertThat(acme.details()).containsEntry("deleted", "5").containsEntry("holdsSpared", "[" + hold.id() + "]")
        .containsEntry("batchDeleted", "9").containsEntry("batchClients", "2");
    EvidenceEntry globex = entries.stream().filter(x -> other.equals(x.client())).findFirst().orElseThrow();
    assertThat(globex.details()).containsEntry("deleted", "4").doesNotContainKey("holdsSpared");
    assertThat(custodian.evidence().verify().valid()).isTrue();
  }

  @Test
  void aHoldReleasedBetweenGroupBatchesNoLongerSpares_R_HOLD_2() {
    Hold hold = custodian.holds().place(OFFICER, ACME, Set.of(WITNESS), Set.of(CategoryId.CALL_LOG),
        null, null, "CPP art. 60-1 requisition");
    GroupSelection acme = new GroupSelection(CategoryId.CALL_LOG, null, now, Map.of(ACME, List.of()));
    DeletionGate gate = custodian.deletionGate();
    assertThat(gate.deleteGroupBatch(acme, null, 100, "system", "test.delete", "rule X").total()).isEqualTo(5);

    custodian.holds().release(OFFICER, hold.id(), "proceedings closed");
    GroupDeletion after = gate.deleteGroupBatch(acme, null, 100, "system", "test.delete", "rule X");
    assertThat(after.total()).isEqualTo(5);
    assertThat(data.size()).isZero();
  }

  @Test
  void aGroupBatchThatDeletesNothingStillLeavesEvidence_R_EVID_1() {
    GroupSelection none = new GroupSelection(CategoryId.CALL_LOG, null, now.minusSeconds(86_400L * 30),
        Map.of(ACME, List.of()));
    GroupDeletion batch = custodian.deletionGate().deleteGroupBatch(none, null, 10, "system", "test.delete", "rule X");
    assertThat(batch.total()).isZero();
    assertThat(evidence.readAll(1, 100)).filteredOn(x -> x.action().equals("test.delete"))
        .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("deleted", "0"));
    assertThatThrownBy(() -> custodian.deletionGate().deleteGroupBatch(none, null, 10, "system", "x", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basis");
  }
}
