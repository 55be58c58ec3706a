package dev.custodian.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.subject.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustodianFixtureTest {
  private static final ClientId CLIENT = ClientId.of("atelier-nord");
  private static final PhoneNumber CALLER = PhoneNumber.of("+33 1 99 00 02 01");

  private static HostRecord record(CategoryId category, String id, Instant time) {
    return new HostRecord(category, CLIENT, id, time, Set.of(CALLER), Map.of());
  }

  @Test
  void inMemoryIsACustodianOnTheFixturesClockAndEmptyStores() {
    CustodianFixture fixture = CustodianFixture.inMemory();

    assertThat(fixture.clock().instant()).isEqualTo(CustodianFixture.START);
    assertThat(fixture.custodian().clock()).isSameAs(fixture.clock());
    assertThat(fixture.hostData().categories()).isEmpty();
    assertThat(fixture.custodian().retention().schedule().categories())
        .hasSameSizeAs(RetentionSchedule.annexA().categories());
    assertThat(fixture.custodian().evidence().verify().valid()).isTrue();
  }

  @Test
  void theClockMovesTheDutiesTime() {
    CustodianFixture fixture = CustodianFixture.builder()
        .startingAt(Instant.parse("2026-03-02T09:00:00Z"))
        .build();

    fixture.clock().advance(Duration.ofDays(3));

    assertThat(fixture.custodian().retention().plan().plannedAt())
        .isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
  }

  @Test
  void recordsSeedTheHostDataAndTheSweepDeletesWhatExpired() {
    RetentionSchedule mine = RetentionSchedule.annexA().toBuilder()
        .contractualPeriod(CategoryId.WEBHOOK_LOG, Period.ofDays(14))
        .build();
    CustodianFixture fixture = CustodianFixture.builder()
        .retentionSchedule(mine)
        .records(record(CategoryId.WEBHOOK_LOG, "1", CustodianFixture.START),
            record(CategoryId.WEBHOOK_LOG, "2", CustodianFixture.START.plus(Duration.ofDays(10))))
        .build();

    fixture.clock().advance(Duration.ofDays(15));
    long deleted = fixture.custodian().retention().sweep().deleted();

    assertThat(deleted).isEqualTo(1);
    assertThat(fixture.hostData().count(RecordSelection.all(CLIENT, CategoryId.WEBHOOK_LOG)))
        .isEqualTo(1);
  }

  @Test
  void theHostsOwnHostDataIsTheOneUsed() {
    InMemoryHostData own = new InMemoryHostData();
    own.put(record(CategoryId.CALL_LOG, "7", CustodianFixture.START));

    CustodianFixture fixture = CustodianFixture.builder().hostData(own).build();

    assertThat(fixture.hostData()).isSameAs(own);
    assertThat(fixture.custodian().hostData()).isSameAs(own);
  }

  @Test
  void recordsCannotSeedTheHostsOwnHostData() {
    CustodianFixture.Builder builder = CustodianFixture.builder()
        .hostData(new InMemoryHostData())
        .records(record(CategoryId.CALL_LOG, "7", CustodianFixture.START));

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in-memory host data");
  }

  @Test
  void configureReachesEveryOtherOptionOfTheBuilder() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");

    CustodianFixture fixture = CustodianFixture.builder()
        .configure(b -> b.defaultClientZone(tokyo))
        .build();

    assertThat(fixture.custodian().defaultClientZone()).isEqualTo(tokyo);
  }

  @Test
  void fixturesShareNothing() {
    CustodianFixture one = CustodianFixture.inMemory();
    CustodianFixture two = CustodianFixture.inMemory();

    one.clock().advance(Duration.ofDays(1));

    assertThat(two.clock().instant()).isEqualTo(CustodianFixture.START);
    assertThat(one.custodian().stateStore()).isNotSameAs(two.custodian().stateStore());
    assertThat(CustodianFixture.pseudonymizationKey()).isNotSameAs(CustodianFixture.pseudonymizationKey())
        .isEqualTo(CustodianFixture.pseudonymizationKey());
  }
}
