package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.retention.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One record of the host's own data, as the host-data SPI sees it.
 *
 * @param id the host's key of the record, unique within its category
 * @param time the record's clock time (the call, the message, the last activity...), UTC
 * @param subjects the identifiers of the subjects the record concerns
 * @param fields the record's columns as JSON-friendly values (String, Number, Boolean or null), in
 *     the host's column order; used for return archives and access exports
 */
public record HostRecord(
    CategoryId category,
    ClientId client,
    String id,
    Instant time,
    Set<SubjectIdentifier> subjects,
    Map<String, Object> fields) {

  public HostRecord {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
