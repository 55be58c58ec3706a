package dev.custodian.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.RecordSelection.Exclusion;
import dev.custodian.subject.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link GroupSelection} and {@link GroupDeletion}: what they accept and what they select. */
class GroupSelectionTest {
  static final ClientId A = ClientId.of("client-a");
  static final ClientId B = ClientId.of("client-b");
  static final PhoneNumber HELD = PhoneNumber.of("+33 1 99 00 01 01");
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static HostRecord call(ClientId client, Instant at, PhoneNumber who) {
    return new HostRecord(CategoryId.CALL_LOG, client, "1", at, Set.of(who), Map.of());
  }

  @Test
  void eachClientSparesOnlyItsOwnSlices_R_HOLD_2() {
    GroupSelection g = new GroupSelection(CategoryId.CALL_LOG, null, T0.plusSeconds(60),
        Map.of(A, List.of(new Exclusion(Set.of(HELD), null, null)), B, List.of()));
    assertThat(g.matches(call(A, T0, HELD))).isFalse();
    assertThat(g.matches(call(B, T0, HELD))).isTrue();
    assertThat(g.matches(call(B, T0.plusSeconds(60), HELD))).as("at the cutoff").isFalse();
    assertThat(g.matches(call(ClientId.of("client-c"), T0, HELD))).as("not in the group").isFalse();
    assertThat(g.of(A)).isEqualTo(new RecordSelection(A, CategoryId.CALL_LOG, null, T0.plusSeconds(60),
        Set.of(), List.of(new Exclusion(Set.of(HELD), null, null))));
    assertThat(g.clients().keySet()).containsExactly(A, B);
  }

  @Test
  void badGroupsAreRefused() {
    assertThatThrownBy(() -> new GroupSelection(CategoryId.CALL_LOG, null, T0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one client");
    assertThatThrownBy(() -> new GroupSelection(CategoryId.CALL_LOG, T0, T0, Map.of(A, List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> new GroupSelection(CategoryId.CALL_LOG, null, null, Map.of(A, List.of())))
        .isInstanceOf(NullPointerException.class);
    GroupSelection g = new GroupSelection(CategoryId.CALL_LOG, null, T0, Map.of(A, List.of()));
    assertThatThrownBy(() -> g.of(B)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aGroupDeletionKeepsOnlyClientsThatLostRecords() {
    GroupDeletion d = new GroupDeletion(Map.of(A, 3L, B, 0L), "k", false);
    assertThat(d.deleted()).containsExactly(Map.entry(A, 3L));
    assertThat(d.total()).isEqualTo(3);
    assertThatThrownBy(() -> new GroupDeletion(Map.of(A, -1L), "k", false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
