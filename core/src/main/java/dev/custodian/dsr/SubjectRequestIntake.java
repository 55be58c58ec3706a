package dev.custodian.dsr;

import dev.custodian.internal.NoContactDetails;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A subject's request as it reached the processor (R-DSR-1).
 *
 * @param identifiers what the subject gave to identify themself (1 to 20)
 * @param receivedAt when it reached the processor; the client's legal clock starts here (not in
 *     the future)
 * @param reference the host's own reference for it (a ticket number), or null; never contact
 *     details
 */
public record SubjectRequestIntake(
    @NotNull SubjectRight right,
    @NotEmpty @Size(max = 20) Set<SubjectIdentifier> identifiers,
    @NotNull RequestChannel channel,
    @NotNull Instant receivedAt,
    @Size(max = 128) @NoContactDetails String reference) {

  public SubjectRequestIntake {
    Objects.requireNonNull(right, "right");
    identifiers = Set.copyOf(Objects.requireNonNull(identifiers, "identifiers"));
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** A request without a host reference. */
  public static SubjectRequestIntake of(SubjectRight right, RequestChannel channel,
      Instant receivedAt, SubjectIdentifier... identifiers) {
    return new SubjectRequestIntake(right, Set.of(identifiers), channel, receivedAt, null);
  }

  public SubjectRequestIntake withReference(String value) {
    return new SubjectRequestIntake(right, identifiers, channel, receivedAt, value);
  }
}
