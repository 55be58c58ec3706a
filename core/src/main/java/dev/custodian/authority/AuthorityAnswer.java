package dev.custodian.authority;

import dev.custodian.terms.CategoryId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Set;

/**
 * What to send to an authority.
 *
 * @param message the covering text; never logged nor put in evidence
 * @param include the categories of the client's data to disclose; within those the authority asked
 *     for, and (under an instruction) within the instruction's scope
 */
public record AuthorityAnswer(
    @NotBlank @Size(max = 20_000) String message, @NotNull Set<CategoryId> include) {

  public AuthorityAnswer {
    Objects.requireNonNull(message, "message");
    include = Set.copyOf(Objects.requireNonNull(include, "include"));
  }

  /** A message disclosing the client's data in the given categories. */
  public static AuthorityAnswer of(String message, CategoryId... include) {
    return new AuthorityAnswer(message, Set.of(include));
  }

  @Override
  public String toString() {
    return "AuthorityAnswer[" + message.length() + " chars, include=" + include + "]";
  }
}
