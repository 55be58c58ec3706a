package dev.custodian.memory;

import dev.custodian.contract.WorkQueueContract;
import dev.custodian.spi.WorkQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class InMemoryWorkQueueTest extends WorkQueueContract {
  @Override
  protected WorkQueue createQueue() {
    return new InMemoryWorkQueue(Clock.fixed(Instant.parse("2026-02-01T09:00:00Z"), ZoneOffset.UTC));
  }
}
