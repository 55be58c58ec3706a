package dev.custodian.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.terms.CategoryId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatabaseTest {

  @Test
  void loadsEveryDemoRecordIntoTheOperatorsTables(@TempDir Path dir) {
    DemoData data = new DemoData(TelephonyDemo.START);
    DemoDatabase db = new DemoDatabase(dir);
    db.createTelephonyTables();
    db.createTelephonyTables(); // idempotent
    db.insert(data.records());
    DemoDatabase.TABLES.forEach((category, table) ->
        assertThat(db.rows(table)).as(table)
            .isEqualTo(data.records().stream().filter(r -> r.category().equals(category)).count()));
    assertThat(db.rows("call_log")).isPositive();
  }

  @Test
  void theDataUsesOnlyFictionalIdentifiers() {
    DemoData data = new DemoData(TelephonyDemo.START);
    data.records().forEach(r -> r.subjects().forEach(s -> {
      switch (s.kind()) {
        case "phone" -> assertThat(s.value()).matches("\\+33(19900|63998)\\d{4}");
        case "email" -> assertThat(s.value()).endsWith("@example.com");
        default -> throw new AssertionError("unexpected identifier kind " + s.kind());
      }
    }));
    assertThat(data.records()).extracting(r -> r.category()).contains(CategoryId.CALL_LOG);
  }
}
