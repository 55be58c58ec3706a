package dev.custodian.spi;

import dev.custodian.terms.AuthorityKind;
import dev.custodian.client.ClientId;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.ResponseAuthorization;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An answer to an authority's disclosure request, as the host's {@link Responder} receives it.
 *
 * @param responseId stable across retries: de-duplicate on it
 * @param authorityReference the authority's own reference for its request
 * @param message the covering text; never log it
 * @param data the client's records disclosed (empty if none)
 * @param authorization the client's verified instruction (R-AUTH-2) or the approved legal
 *     compulsion (R-AUTH-3); never null
 */
public record AuthorityResponse(
    String responseId,
    String requestId,
    ClientId client,
    AuthorityKind authorityKind,
    String authority,
    String authorityReference,
    String message,
    List<HostRecord> data,
    ResponseAuthorization authorization) {

  /** @throws IllegalArgumentException if the authorisation does not cover this request and data */
  public AuthorityResponse {
    Objects.requireNonNull(responseId, "responseId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(authorityKind, "authorityKind");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(message, "message");
    data = List.copyOf(data);
    Objects.requireNonNull(authorization,
        "an authority is answered only under a verified instruction or an approved compulsion");
    boolean covered = authorization.target().id().equals(requestId)
        && authorization.target().client().equals(client);
    covered &= authorization.covers(requestId, InstructedAction.RESPOND_TO_AUTHORITY,
        data.stream().map(HostRecord::category).collect(Collectors.toSet()));
    if (!covered) {
      throw new IllegalArgumentException("the authorisation does not cover this request and data");
    }
  }

  @Override
  public String toString() {
    return "AuthorityResponse[" + responseId + " request " + requestId + ", " + data.size()
        + " records, under " + authorization.basis() + "]";
  }
}
