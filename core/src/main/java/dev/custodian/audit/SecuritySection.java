package dev.custodian.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.custodian.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * One section of the processor's technical and organisational security measures (DPA Annex C,
 * GDPR 32), as the compliance pack lists them.
 *
 * @param reference where it comes from, for example {@code Annex C 1.1}
 */
public record SecuritySection(String reference, String title, List<String> measures) {
  static final String RESOURCE = "annex-c.json";

  public SecuritySection {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(title, "title");
    measures = List.copyOf(measures);
  }

  /**
   * The measures of the contract's Annex C, summarised in English, read from {@code
   * dev/custodian/audit/annex-c.json}.
   */
  public static List<SecuritySection> annexC() {
    try (InputStream in = SecuritySection.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
      }
      return List.copyOf(Json.MAPPER.readValue(in, new TypeReference<List<SecuritySection>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
