package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Criteria that select a client's records of one category, for counting, deleting or restricting,
 * so that an adapter can act with set-based statements rather than row lists.
 *
 * @param from records whose time is at or after this instant; null for no lower bound
 * @param before records whose time is strictly before this instant; null for no upper bound
 * @param subjects if non-empty, only records concerning at least one of these identifiers
 * @param excluding slices to spare (the projections of legal holds): a record inside any of them is
 *     never selected
 */
public record RecordSelection(
    ClientId client,
    CategoryId category,
    Instant from,
    Instant before,
    Set<SubjectIdentifier> subjects,
    List<Exclusion> excluding) {

  public RecordSelection {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(category, "category");
    subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    excluding = excluding == null ? List.of() : List.copyOf(excluding);
    if (from != null && before != null && !from.isBefore(before)) {
      throw new IllegalArgumentException("selection window is empty: from must be before 'before'");
    }
  }

  /** Every record of the client in the category. */
  public static RecordSelection all(ClientId client, CategoryId category) {
    return new RecordSelection(client, category, null, null, Set.of(), List.of());
  }

  public RecordSelection withWindow(Instant newFrom, Instant newBefore) {
    return new RecordSelection(client, category, newFrom, newBefore, subjects, excluding);
  }

  public RecordSelection withSubjects(Set<SubjectIdentifier> value) {
    return new RecordSelection(client, category, from, before, value, excluding);
  }

  public RecordSelection withExcluding(List<Exclusion> value) {
    return new RecordSelection(client, category, from, before, subjects, value);
  }

  /** True if {@code r} (of this client and category) is selected. Reference semantics for adapters. */
  public boolean matches(HostRecord r) {
    if (!r.client().equals(client) || !r.category().equals(category)) {
      return false;
    }
    if (from != null && r.time().isBefore(from)) {
      return false;
    }
    if (before != null && !r.time().isBefore(before)) {
      return false;
    }
    if (!subjects.isEmpty() && r.subjects().stream().noneMatch(subjects::contains)) {
      return false;
    }
    return excluding.stream().noneMatch(x -> x.covers(r));
  }

  /**
   * A slice of records that must not be selected: those concerning any of {@code subjects} (or
   * all, if empty) whose time lies in [{@code from}, {@code before}) (unbounded where null).
   */
  public record Exclusion(Set<SubjectIdentifier> subjects, Instant from, Instant before) {
    public Exclusion {
      subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    }

    /** Spares everything of the selected client and category. */
    public static Exclusion everything() {
      return new Exclusion(Set.of(), null, null);
    }

    public boolean covers(HostRecord r) {
      if (from != null && r.time().isBefore(from)) {
        return false;
      }
      if (before != null && !r.time().isBefore(before)) {
        return false;
      }
      return subjects.isEmpty() || r.subjects().stream().anyMatch(subjects::contains);
    }
  }
}
