package dev.custodian.benchmarks;

import dev.custodian.client.ClientId;
import dev.custodian.hold.Hold;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.Classifier;
import dev.custodian.retention.ClientContext;
import dev.custodian.retention.ClientEvent;
import dev.custodian.retention.ClientEventType;
import dev.custodian.retention.Decision;
import dev.custodian.retention.RecordFacts;
import dev.custodian.retention.RetentionSchedule;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * B4: the retention classifier (R-RET-1) on one thread, over a realistic mix of categories, clients
 * and holds: 2,000 clients (most in Paris, some overseas or in UTC; most with recording and
 * transcription settings; some with a contract ended, CRM synchronisation off, a deletion request
 * or a hold), 65,536 records weighted like a telephony backend's tables (call logs first), times
 * spread over three years. Target: at least 5,000,000 decisions per second.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.custodian.benchmarks.B4ClassifyBenchmark}. It prints
 * {@code B4 classify ratio=<decisions per second / 5,000,000> target=1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class B4ClassifyBenchmark {
  static final double TARGET = 5_000_000;
  private static final int RECORDS = 1 << 16;
  private static final int CLIENTS = 2_000;

  /** Category weights in per mille, like a telephony backend's row counts. */
  private static final Object[][] MIX = {
    {CategoryId.CALL_LOG, 350}, {CategoryId.CALL_RECORDING, 120}, {CategoryId.SMS_LOG, 100},
    {CategoryId.SMS_CONTENT, 100}, {CategoryId.WEBHOOK_LOG, 80}, {CategoryId.TRANSCRIPTION, 60},
    {CategoryId.CONTACT_MANUAL, 50}, {CategoryId.CONTACT_CRM_SYNC, 40}, {CategoryId.FAX_LOG, 30},
    {CategoryId.MMS_LOG, 20}, {CategoryId.MMS_CONTENT, 20}, {CategoryId.CRM_CONTACT, 10},
    {CategoryId.COMPANY_INFO, 5}, {CategoryId.FAX, 5}, {CategoryId.CONTACT_WEBHOOK, 5},
    {CategoryId.SSO_USER_ID, 5},
  };

  private Classifier classifier;
  private RecordFacts[] records;
  private ClientContext[] contexts;
  private Instant now;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(20250615);
    now = Instant.parse("2025-06-15T10:00:00Z");
    classifier = new Classifier(RetentionSchedule.annexA());
    List<SubjectIdentifier> people = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      people.add(PhoneNumber.of(String.format(Locale.ROOT, "+33 1 99 00 %02d %02d", i / 10, i % 10)));
    }
    ClientContext[] clients = new ClientContext[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      clients[c] = client(c, random, people);
    }
    List<CategoryId> weighted = new ArrayList<>();
    for (Object[] m : MIX) {
      for (int i = 0; i < (Integer) m[1]; i++) {
        weighted.add((CategoryId) m[0]);
      }
    }
    records = new RecordFacts[RECORDS];
    contexts = new ClientContext[RECORDS];
    long span = 3L * 365 * 86_400;
    for (int i = 0; i < RECORDS; i++) {
      ClientContext ctx = clients[random.nextInt(CLIENTS)];
      CategoryId category = weighted.get(random.nextInt(weighted.size()));
      Instant time = now.minusSeconds((long) (random.nextDouble() * span));
      records[i] = RecordFacts.of(ctx.client(), category, time, Set.of(people.get(random.nextInt(people.size()))));
      contexts[i] = ctx;
    }
  }

  private ClientContext client(int c, Random random, List<SubjectIdentifier> people) {
    ClientId id = ClientId.of(String.format(Locale.ROOT, "client-%04d", c));
    double z = random.nextDouble();
    ZoneId zone = ZoneId.of(z < 0.85 ? "Europe/Paris" : z < 0.90 ? "America/Martinique"
        : z < 0.95 ? "Indian/Reunion" : "UTC");
    Map<CategoryId, Period> settings = new HashMap<>();
    if (random.nextDouble() < 0.7) {
      settings.put(CategoryId.CALL_RECORDING, Period.ofDays(30 + random.nextInt(700)));
    }
    if (random.nextDouble() < 0.5) {
      settings.put(CategoryId.TRANSCRIPTION, Period.ofMonths(1 + random.nextInt(24)));
    }
    List<ClientEvent> events = new ArrayList<>();
    if (random.nextDouble() < 0.05) {
      events.add(event(id, ClientEventType.CONTRACT_END, now.minusSeconds(random.nextInt(400) * 86_400L), Set.of(), Set.of()));
    }
    if (random.nextDouble() < 0.10) {
      events.add(event(id, ClientEventType.CRM_SYNC_OFF, now.minusSeconds(random.nextInt(200) * 86_400L), Set.of(), Set.of()));
    }
    if (random.nextDouble() < 0.03) {
      events.add(event(id, ClientEventType.DELETION_REQUESTED, now.minusSeconds(random.nextInt(200) * 86_400L),
          Set.of(CategoryId.SMS_CONTENT, CategoryId.SMS_LOG), Set.of()));
    }
    if (random.nextDouble() < 0.05) {
      events.add(event(id, ClientEventType.CONTACT_DELETED, now.minusSeconds(random.nextInt(100) * 86_400L),
          Set.of(CategoryId.CONTACT_MANUAL), Set.of(people.get(random.nextInt(people.size())))));
    }
    List<Hold> holds = new ArrayList<>();
    if (random.nextDouble() < 0.02) {
      holds.add(new Hold("hold-" + c, id, Set.of(people.get(random.nextInt(people.size()))), Set.of(), null, null,
          "judicial requisition", "op", now, null, null, null));
    }
    if (random.nextDouble() < 0.02) {
      holds.add(new Hold("hold-t-" + c, id, Set.of(), Set.of(CategoryId.CALL_LOG), now.minusSeconds(500L * 86_400),
          now.minusSeconds(300L * 86_400), "authority preservation order", "op", now, null, null, null));
    }
    return ClientContext.of(id, zone, settings, events, holds);
  }

  private static ClientEvent event(ClientId client, ClientEventType type, Instant at, Set<CategoryId> categories,
      Set<SubjectIdentifier> subjects) {
    return new ClientEvent("event-" + client + "-" + type, client, type, at, categories, subjects, "", "op", at,
        null, null, null);
  }

  /** One decision per invocation. */
  @Benchmark
  public Decision classify() {
    int i = next++ & (RECORDS - 1);
    return classifier.classify(records[i], contexts[i], now);
  }

  /** Runs B4 and prints {@code B4 classify ratio=<decisions per second / 5,000,000> target=1}. */
  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(B4ClassifyBenchmark.class.getName() + ".classify")
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    double perSecond = results.iterator().next().getPrimaryResult().getScore();
    System.out.printf(Locale.ROOT, "B4 classify decisions_per_second=%.0f%n", perSecond);
    System.out.printf(Locale.ROOT, "B4 classify ratio=%.2f target=1%n", perSecond / TARGET);
  }
}
