package dev.custodian.authority;

import dev.custodian.client.ClientId;
import dev.custodian.internal.NoContactDetails;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An authority's request to disclose a client's data, as received (R-AUTH-1).
 *
 * @param authority the requesting body, for example "Tribunal judiciaire de Paris" or "CNIL"
 * @param authorityReference the authority's own reference, or null
 * @param subjects the subjects concerned, if the request names any (up to 20)
 * @param categories the data categories asked for (at least one)
 * @param receivedAt when it reached the processor (not in the future)
 */
public record AuthorityRequestIntake(
    @NotNull AuthorityKind kind,
    @NotBlank @Size(max = 200) @NoContactDetails String authority,
    @Size(max = 200) @NoContactDetails String authorityReference,
    @NotNull ClientId client,
    @NotNull @Size(max = 20) Set<SubjectIdentifier> subjects,
    @NotEmpty Set<CategoryId> categories,
    @NotNull Instant receivedAt) {

  public AuthorityRequestIntake {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(client, "client");
    subjects = Set.copyOf(Objects.requireNonNull(subjects, "subjects"));
    categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
