package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.spi.RecordSelection;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One slice of a client's category that a plan deletes: records whose time lies in
 * [{@code from}, {@code before}) (unbounded where null), concerning any of {@code subjects} if
 * non-empty, outside the {@code excluding} slices (taken by earlier slices of the same unit).
 *
 * @param rule the id of the rule that makes these records deletable
 * @param matched records in the slice when planned, held ones included
 * @param held records in the slice that active holds spared when planned
 */
public record PlannedSelection(
    String rule,
    Instant from,
    Instant before,
    Set<SubjectIdentifier> subjects,
    List<RecordSelection.Exclusion> excluding,
    long matched,
    long held) {

  public PlannedSelection {
    Objects.requireNonNull(rule, "rule");
    subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    excluding = excluding == null ? List.of() : List.copyOf(excluding);
  }

  /** Records the sweep should delete if nothing changes: matched minus held. */
  public long deletable() {
    return matched - held;
  }

  /** The host-data criteria of this slice, before holds are spared. */
  public RecordSelection toSelection(ClientId client, CategoryId category) {
    return new RecordSelection(client, category, from, before, subjects, excluding);
  }
}
