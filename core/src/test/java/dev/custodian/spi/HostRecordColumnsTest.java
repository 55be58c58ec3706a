package dev.custodian.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link HostRecord.Columns}: shared names, own values, immutable, kept by HostRecord as is. */
class HostRecordColumnsTest {
  private final HostRecord.Columns columns = HostRecord.Columns.of(List.of("id", "caller", "duration_s"));

  @Test
  void aRowIsAnOrderedMapEqualToTheSameColumnsInALinkedHashMap() {
    Object[] values = {"42", "+33199000101", 61};
    Map<String, Object> row = columns.row(values);
    values[2] = 0; // the row keeps its own copy
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", "42");
    expected.put("caller", "+33199000101");
    expected.put("duration_s", 61);
    assertThat(row).isEqualTo(expected).containsExactlyEntriesOf(expected);
    assertThat(row.hashCode()).isEqualTo(expected.hashCode());
    assertThat(row.get("caller")).isEqualTo("+33199000101");
    assertThat(row.get("nothing")).isNull();
    assertThat(row.values()).containsExactly("42", "+33199000101", 61);
  }

  @Test
  void aRowCannotBeChangedAndHostRecordKeepsItAsIs() {
    Map<String, Object> row = columns.row("42", null, 61);
    assertThatThrownBy(() -> row.put("id", "43")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> row.values().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> row.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    HostRecord r = new HostRecord(CategoryId.CALL_LOG, ClientId.of("acme"), "42",
        Instant.parse("2025-01-01T00:00:00Z"), Set.of(), row);
    assertThat(r.fields()).isSameAs(row).containsEntry("caller", null);
  }

  @Test
  void badColumnsAreRefused() {
    assertThatThrownBy(() -> HostRecord.Columns.of(List.of("id", "id")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> columns.row("42", "+33199000101"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values for 3 columns");
  }
}
