package dev.custodian.hold;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A prohibition to destroy (R-HOLD-1, R-HOLD-2, DPA 8.3): while active, the records in its scope
 * are kept as a confidential archive and never deleted by a sweep, an erasure or a termination.
 * A hold is never deleted; it is released.
 *
 * @param subjects the subjects in scope; empty means every subject of the client
 * @param categories the categories in scope; empty means every category
 * @param from records whose time is at or after this; null for no bound
 * @param before records whose time is before this; null for no bound
 * @param legalBasis the law or the authority's order behind the hold (no personal data)
 * @param placedBy the principal id that placed it
 */
public record Hold(
    String id,
    ClientId client,
    Set<SubjectIdentifier> subjects,
    Set<CategoryId> categories,
    Instant from,
    Instant before,
    String legalBasis,
    String placedBy,
    Instant placedAt,
    Instant releasedAt,
    String releasedBy,
    String releaseReason) {

  public Hold {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(placedBy, "placedBy");
    Objects.requireNonNull(placedAt, "placedAt");
    subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    categories = categories == null ? Set.of() : Set.copyOf(categories);
    if (legalBasis.isBlank()) {
      throw new IllegalArgumentException("a hold needs its legal basis");
    }
    if (from != null && before != null && !from.isBefore(before)) {
      throw new IllegalArgumentException("hold time range is empty: from must be before 'before'");
    }
  }

  /** True until released. */
  public boolean active() {
    return releasedAt == null;
  }

  /** True if this hold, while active, applies to the client's records of {@code category}. */
  public boolean covers(ClientId c, CategoryId category) {
    return active() && client.equals(c) && (categories.isEmpty() || categories.contains(category));
  }

  /** True if this hold, while active, covers a record with these facts. */
  public boolean covers(ClientId c, CategoryId category, Instant time, Set<SubjectIdentifier> recordSubjects) {
    if (!covers(c, category)) {
      return false;
    }
    if ((from != null && time.isBefore(from)) || (before != null && !time.isBefore(before))) {
      return false;
    }
    return subjects.isEmpty() || recordSubjects.stream().anyMatch(subjects::contains);
  }

  /** The slice of records this hold spares, for a {@link RecordSelection}. */
  public RecordSelection.Exclusion asExclusion() {
    return new RecordSelection.Exclusion(subjects, from, before);
  }

  Hold released(Instant at, String by, String reason) {
    return new Hold(id, client, subjects, categories, from, before, legalBasis, placedBy, placedAt,
        at, by, reason);
  }
}
