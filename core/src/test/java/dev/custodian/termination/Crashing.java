package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.DeletionBatch;
import dev.custodian.evidence.EvidenceStore;
import dev.custodian.spi.HostData;
import dev.custodian.testing.ForwardingHostData;
import dev.custodian.testing.ForwardingStateStore;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.KeyCustody;
import dev.custodian.spi.RecordSelection;
import dev.custodian.spi.StateStore;
import dev.custodian.spi.StoredState;
import dev.custodian.spi.SubprocessorInstruction;
import dev.custodian.spi.SubprocessorInstructionSender;
import dev.custodian.subject.SubjectIdentifier;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/** Wrappers that put a crash point before every side effect of the SPIs the termination uses. */
final class Crashing {
  private Crashing() {}

  static <T> T around(Crasher c, String where, Supplier<T> call) {
    c.point(where);
    return call.get();
  }

  /** Host data; {@code guard} is told before every deletion batch, to check invariants. */
  record Host(HostData delegate, Crasher c, Consumer<RecordSelection> guard)
      implements ForwardingHostData {
    @Override
    public void stream(ClientId client, CategoryId category, Consumer<HostRecord> sink) {
      c.point("stream " + category);
      boolean[] first = {true};
      delegate.stream(client, category, r -> {
        sink.accept(r);
        if (first[0]) {
          first[0] = false;
          c.point("stream " + category + ":mid");
        }
      });
    }

    @Override
    public DeletionBatch deleteBatch(RecordSelection selection, String afterKey, int limit) {
      guard.accept(selection);
      return around(c, "deleteBatch " + selection.category(),
          () -> delegate.deleteBatch(selection, afterKey, limit));
    }

    @Override
    public long restrict(RecordSelection selection) {
      return around(c, "restrict " + selection.category(), () -> delegate.restrict(selection));
    }
  }

  record State(StateStore delegate, Crasher c) implements ForwardingStateStore {
    @Override
    public StoredState insert(String kind, String id, ClientId client, Instant dueAt, String body) {
      return around(c, "insert " + kind, () -> delegate.insert(kind, id, client, dueAt, body));
    }

    @Override
    public StoredState update(String kind, String id, long expectedVersion, Instant dueAt, String body) {
      return around(c, "update " + kind, () -> delegate.update(kind, id, expectedVersion, dueAt, body));
    }
  }

  record Evidence(EvidenceStore inner, Crasher c) implements EvidenceStore {
    @Override
    public EvidenceEntry append(Function<Optional<EvidenceEntry>, EvidenceEntry> next) {
      return around(c, "evidence", () -> inner.append(next));
    }

    @Override
    public Optional<EvidenceEntry> head() {
      return inner.head();
    }

    @Override
    public List<EvidenceEntry> readAll(long fromSequence, int limit) {
      return inner.readAll(fromSequence, limit);
    }

    @Override
    public List<EvidenceEntry> readByClient(ClientId client, long fromSequence, int limit) {
      return inner.readByClient(client, fromSequence, limit);
    }
  }

  record Sink(ArchiveSink inner, Crasher c) implements ArchiveSink {
    @Override
    public OutputStream create(ClientId client, String archiveId, String fileName) throws IOException {
      c.point("sink create " + fileName);
      OutputStream out = inner.create(client, archiveId, fileName);
      return new FilterOutputStream(out) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          c.point("sink close " + fileName);
          super.close();
        }
      };
    }

    @Override
    public InputStream open(ClientId client, String archiveId, String fileName) throws IOException {
      return inner.open(client, archiveId, fileName);
    }

    @Override
    public void deliverKey(ClientId client, String archiveId, byte[] key) throws IOException {
      c.point("deliverKey");
      inner.deliverKey(client, archiveId, key);
    }

    @Override
    public URI location(ClientId client, String archiveId) {
      return inner.location(client, archiveId);
    }

    @Override
    public List<String> partialFiles(ClientId client, String archiveId) throws IOException {
      return inner.partialFiles(client, archiveId);
    }

    @Override
    public List<String> discard(ClientId client, String archiveId) throws IOException {
      c.point("sink discard " + archiveId);
      return inner.discard(client, archiveId);
    }
  }

  record Sender(SubprocessorInstructionSender inner, Crasher c) implements SubprocessorInstructionSender {
    @Override
    public void send(SubprocessorInstruction instruction) {
      c.point("send " + instruction.subProcessor());
      inner.send(instruction);
    }
  }

  record Keys(KeyCustody inner, Crasher c) implements KeyCustody {
    @Override
    public SecretKey dataKey(ClientId client) {
      return inner.dataKey(client);
    }

    @Override
    public boolean destroy(ClientId client) {
      return around(c, "destroy key", () -> inner.destroy(client));
    }

    @Override
    public boolean isDestroyed(ClientId client) {
      return inner.isDestroyed(client);
    }
  }
}
