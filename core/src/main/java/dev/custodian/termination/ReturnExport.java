package dev.custodian.termination;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.custodian.client.ClientId;
import dev.custodian.internal.Json;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.ArchiveSink;
import dev.custodian.spi.HostData;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a return archive (R-TERM-3): each category streamed from the host into one NDJSON file
 * (encrypted if a key is given), then the manifest. Memory use does not depend on the number of
 * records: one record at a time passes from the host to the sink.
 */
final class ReturnExport {
  private final HostData hostData;
  private final ArchiveSink sink;

  ReturnExport(HostData hostData, ArchiveSink sink) {
    this.hostData = hostData;
    this.sink = sink;
  }

  /** What an export produced: the manifest and the SHA-256 of {@code manifest.json} as written. */
  record Result(ReturnManifest manifest, String manifestSha256) {}

  /**
   * @param afterEachCategory called after each category file, to renew the caller's lease
   */
  Result export(ClientId client, String caseId, String archiveId, List<CategoryId> categories,
      String scheduleVersion, byte[] key, Instant createdAt, Runnable afterEachCategory)
      throws IOException {
    List<ReturnManifest.ManifestFile> files = new ArrayList<>();
    Instant[] range = new Instant[2];
    for (CategoryId category : categories) {
      files.add(writeCategory(client, archiveId, category, key, range));
      afterEachCategory.run();
    }
    ReturnManifest manifest = new ReturnManifest(1, archiveId, client, caseId, createdAt,
        scheduleVersion, range[0], range[1], key == null ? null : ArchiveCipher.ALGORITHM, files);
    Digests.Counting out = new Digests.Counting(sink.create(client, archiveId, ReturnManifest.FILE_NAME));
    try (out) {
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), manifest);
    }
    return new Result(manifest, out.sha256());
  }

  static String fileName(CategoryId category, boolean encrypted) {
    return category.value() + (encrypted ? ".ndjson.gcm" : ".ndjson");
  }

  private ReturnManifest.ManifestFile writeCategory(ClientId client, String archiveId,
      CategoryId category, byte[] key, Instant[] range) throws IOException {
    String name = fileName(category, key != null);
    Digests.Counting stored = new Digests.Counting(sink.create(client, archiveId, name));
    long[] count = {0};
    try (OutputStream body = new BufferedOutputStream(
            key == null ? stored : ArchiveCipher.encrypting(stored, key), 64 * 1024);
        JsonGenerator g = Json.MAPPER.getFactory().createGenerator(new NonClosing(body))) {
      try {
        hostData.stream(client, category, r -> {
          try {
            writeRecord(g, r);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          count[0]++;
          range[0] = range[0] == null || r.time().isBefore(range[0]) ? r.time() : range[0];
          range[1] = range[1] == null || r.time().isAfter(range[1]) ? r.time() : range[1];
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      g.flush();
    }
    return new ReturnManifest.ManifestFile(name, category, count[0], stored.bytes(), stored.sha256());
  }

  private static void writeRecord(JsonGenerator g, HostRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("time", r.time().toString());
    g.writeArrayFieldStart("subjects");
    for (SubjectIdentifier s : r.subjects()) {
      g.writeStartObject();
      g.writeStringField("kind", s.kind());
      g.writeStringField("value", s.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("fields");
    for (Map.Entry<String, Object> f : r.fields().entrySet()) {
      g.writeFieldName(f.getKey());
      g.writeObject(f.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Lets the generator flush without closing the stream, which the caller closes in order. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
