package dev.custodian.dsr;

import dev.custodian.terms.CategoryId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Set;

/**
 * What to send to a subject on the client's instruction.
 *
 * @param message the text, as the client approved it; may hold personal data meant for the
 *     subject, so it is never logged nor put in evidence
 * @param include the categories of the subject's data to attach (empty: none); the instruction's
 *     scope must cover them
 */
public record SubjectAnswer(
    @NotBlank @Size(max = 20_000) String message, @NotNull Set<CategoryId> include) {

  public SubjectAnswer {
    Objects.requireNonNull(message, "message");
    include = Set.copyOf(Objects.requireNonNull(include, "include"));
  }

  /** A message without attached data. */
  public static SubjectAnswer message(String message) {
    return new SubjectAnswer(message, Set.of());
  }

  /** A message with the subject's data in the given categories. */
  public static SubjectAnswer withData(String message, CategoryId... include) {
    return new SubjectAnswer(message, Set.of(include));
  }

  @Override
  public String toString() {
    return "SubjectAnswer[" + message.length() + " chars, include=" + include + "]";
  }
}
