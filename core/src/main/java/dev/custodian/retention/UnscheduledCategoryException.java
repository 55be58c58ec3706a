package dev.custodian.retention;

import dev.custodian.terms.CategoryId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's data has categories the retention schedule does not know: their records would be
 * found by access requests but never swept, so kept forever (R-RET-1). Thrown at start-up, naming
 * the unknown categories and the schedule's.
 */
public class UnscheduledCategoryException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient List<CategoryId> unknown;
  private final transient List<CategoryId> valid;

  public UnscheduledCategoryException(Set<CategoryId> unknown, Set<CategoryId> valid) {
    super("the host's data maps categories the retention schedule does not have: "
        + new TreeSet<>(unknown) + "; their records would never be swept. Map each table to one of"
        + " the schedule's categories " + new TreeSet<>(valid) + ", or add the category to the"
        + " schedule (RetentionSchedule.annexA().toBuilder().category(...))");
    this.unknown = List.copyOf(new TreeSet<>(unknown));
    this.valid = List.copyOf(new TreeSet<>(valid));
  }

  /** The categories of the host's data the schedule lacks, in order. */
  public List<CategoryId> unknown() {
    return unknown;
  }

  /** The schedule's categories, in order. */
  public List<CategoryId> valid() {
    return valid;
  }
}
