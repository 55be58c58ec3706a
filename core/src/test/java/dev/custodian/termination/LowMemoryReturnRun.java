package dev.custodian.termination;

import dev.custodian.testing.MutableClock;
import dev.custodian.Custodian;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.client.ProcessorRole;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.RecordSelection;
import dev.custodian.memory.InMemorySubprocessorInstructionSender;
import dev.custodian.subject.PhoneNumber;
import dev.custodian.subject.SubjectIdentifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Run in a JVM limited to 64 MB of heap by {@link ReturnArchiveLowMemoryTest}: terminates a client
 * with {@code n} records in return mode (encrypted), checks the archive against its manifest, then
 * lets the deletion and the certificate follow. The host's records are generated on demand, as a
 * database cursor would hand them over, so only the library's own memory use is measured.
 */
public final class LowMemoryReturnRun {
  static final ClientId CLIENT = ClientId.of("bigco");

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Instant t = Instant.parse("2026-03-02T00:00:00Z");
    MutableClock clock = new MutableClock(t);
    GeneratedHostData host = new GeneratedHostData(n, t);
    DirectoryArchiveSink sink = new DirectoryArchiveSink(dir.resolve("returns"), dir.resolve("keys"));
    Custodian cu = Custodian.builder().clock(clock).hostData(host).archiveSink(sink)
        .subProcessorInstructionSender(new InMemorySubprocessorInstructionSender())
        .keyCustody(new dev.custodian.memory.InMemoryKeyCustody())
        .pseudonymizationKey("a fictional pseudonymisation test key".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
    TerminationService terms = cu.terminations();
    terms.open(ProcessorPrincipal.of("op", ProcessorRole.OPERATOR), CLIENT, t, Set.of());
    ClientPrincipal admin = ClientPrincipal.of("admin", CLIENT, ClientRole.ADMINISTRATOR);
    terms.chooseReturn(admin, CLIENT, true);
    terms.advance(CLIENT);
    TerminationCase c = terms.find(CLIENT).orElseThrow();
    if (c.phase() != TerminationPhase.AWAITING_ACKNOWLEDGEMENT) {
      throw new IllegalStateException("expected a delivered archive, got " + c.phase());
    }
    Path archive = sink.directory(CLIENT, c.delivery().archiveId());
    ManifestCheck check = ReturnArchiveVerifier.verify(archive, c.delivery().manifestSha256());
    if (!check.intact()) {
      throw new IllegalStateException("archive does not match its manifest: " + check.problems());
    }
    long bytes;
    try (var files = Files.list(archive)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    terms.acknowledgeReturn(admin, CLIENT, c.delivery().manifestSha256());
    terms.advance(CLIENT);
    c = terms.find(CLIENT).orElseThrow();
    long returned = c.category(CategoryId.CALL_RECORDING).orElseThrow().returned();
    long deleted = c.category(CategoryId.CALL_RECORDING).orElseThrow().deleted();
    Runtime rt = Runtime.getRuntime();
    System.out.println("RESULT records=" + c.delivery().records() + " returned=" + returned
        + " deleted=" + deleted + " phase=" + c.phase() + " archiveBytes=" + bytes
        + " maxHeap=" + rt.maxMemory() + " left=" + host.remaining());
  }

  /** {@code n} call recordings of one client, made up on demand; deletions kept in a bit set. */
  static final class GeneratedHostData implements HostData {
    private final int n;
    private final Instant base;
    private final BitSet deleted;
    private final BitSet restricted;

    GeneratedHostData(int n, Instant end) {
      this.n = n;
      this.base = end.minus(Duration.ofDays(200));
      this.deleted = new BitSet(n);
      this.restricted = new BitSet(n);
    }

    long remaining() {
      return n - deleted.cardinality();
    }

    private static String key(int i) {
      return String.format("rec-%07d", i);
    }

    private HostRecord record(int i) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("direction", i % 2 == 0 ? "inbound" : "outbound");
      fields.put("durationSeconds", 30 + i % 600);
      fields.put("storage", "s3://recordings/bigco/" + key(i) + ".ogg");
      fields.put("note", "fictional test recording number " + i + " of a made-up client");
      SubjectIdentifier who = PhoneNumber.of(String.format("+3319900%04d", i % 10000));
      return new HostRecord(CategoryId.CALL_RECORDING, CLIENT, key(i),
          base.plusSeconds(i * 60L), Set.of(who), fields);
    }

    @Override
    public Set<CategoryId> categories() {
      return Set.of(CategoryId.CALL_RECORDING);
    }

    @Override
    public Set<ClientId> clientsHolding(Collection<SubjectIdentifier> identifiers) {
      return Set.of();
    }

    @Override
    public List<HostRecord> findSubject(ClientId client, Collection<SubjectIdentifier> identifiers) {
      return List.of();
    }

    @Override
    public Set<ClientId> clients(CategoryId category) {
      return category.equals(CategoryId.CALL_RECORDING) ? Set.of(CLIENT) : Set.of();
    }

    private boolean in(ClientId client, CategoryId category) {
      return client.equals(CLIENT) && category.equals(CategoryId.CALL_RECORDING);
    }

    @Override
    public void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink) {
      if (!in(client, category)) {
        return;
      }
      for (int i = 0; i < n; i++) {
        if (!deleted.get(i)) {
          sink.accept(record(i));
        }
      }
    }

    @Override
    public long count(RecordSelection s) {
      if (!in(s.client(), s.category())) {
        return 0;
      }
      long count = 0;
      for (int i = 0; i < n; i++) {
        if (!deleted.get(i) && s.matches(record(i))) {
          count++;
        }
      }
      return count;
    }

    @Override
    public DeletionBatch deleteBatch(RecordSelection s, String afterKey, int limit) {
      if (!in(s.client(), s.category())) {
        return new DeletionBatch(0, afterKey, true);
      }
      int start = afterKey == null ? 0 : Integer.parseInt(afterKey.substring(4)) + 1;
      int done = 0;
      String last = afterKey;
      int i = start;
      for (; i < n && done < limit; i++) {
        if (!deleted.get(i) && s.matches(record(i))) {
          deleted.set(i);
          done++;
          last = key(i);
        }
      }
      return new DeletionBatch(done, last, i >= n);
    }

    @Override
    public long restrict(RecordSelection s) {
      long marked = 0;
      for (int i = 0; i < n && in(s.client(), s.category()); i++) {
        if (!deleted.get(i) && s.matches(record(i)) && !restricted.get(i)) {
          restricted.set(i);
          marked++;
        }
      }
      return marked;
    }
  }

  private LowMemoryReturnRun() {}
}
