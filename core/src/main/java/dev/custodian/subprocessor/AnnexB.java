package dev.custodian.subprocessor;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.custodian.internal.Json;
import dev.custodian.spi.Subprocessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The contract's Annex B: the 26 sub-processors it lists, the shipped default of the registry
 * (R-SUB-1), read from {@code dev/custodian/subprocessor/annex-b.json}.
 *
 * <p>Names, activities (in the contract's French), server countries and transfer mechanisms are the
 * contract's. The contract says a written agreement exists with each (DPA 4.1) but gives no
 * reference, so each {@link Subprocessor#agreement()} points at DPA 4.1; a host replaces them with
 * its own document references ({@link Subprocessor#withAgreement}) before building the registry.
 */
public final class AnnexB {
  static final String RESOURCE = "annex-b.json";

  private AnnexB() {}

  /** The 26 entries in the contract's order; a new immutable list on each call. */
  public static List<Subprocessor> subProcessors() {
    try (InputStream in = AnnexB.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
      }
      Document doc = Json.MAPPER.readValue(in, new TypeReference<Document>() {});
      return List.copyOf(doc.subProcessors());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private record Document(String source, List<Subprocessor> subProcessors) {}
}
