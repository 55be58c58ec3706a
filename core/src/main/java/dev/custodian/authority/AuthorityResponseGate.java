package dev.custodian.authority;

import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.spi.AuthorityResponse;
import dev.custodian.spi.HostRecord;
import dev.custodian.spi.Responder;
import java.util.List;
import java.util.Objects;

/**
 * The one place that answers an authority (R-AUTH-2, R-AUTH-3): it calls the host's {@link
 * Responder}, and only with a {@link ResponseAuthorization} (a verified instruction or an approved
 * legal compulsion), which only the instruction service can create. Package-private.
 */
final class AuthorityResponseGate {
  private final Responder responder;
  private final EvidenceLog evidence;

  AuthorityResponseGate(Responder responder, EvidenceLog evidence) {
    this.responder = Objects.requireNonNull(responder, "responder");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
  }

  /**
   * Sends the answer and records it. {@code evidenceFor} is the record's client: null while the
   * client may not be informed, so the client's own evidence does not reveal the request.
   */
  void send(ResponseAuthorization authorization, AuthorityRequest r, String responseId,
      String message, List<HostRecord> data, String actor, EvidenceRecord base) {
    Objects.requireNonNull(authorization,
        "an authority is answered only under a verified instruction or an approved compulsion");
    AuthorityResponse response = new AuthorityResponse(responseId, r.id(), r.client(), r.kind(),
        r.authority(), r.authorityReference(), message, data, authorization);
    try {
      responder.answerAuthority(response);
    } catch (RuntimeException e) {
      evidence.append(withAction(base, "authority.response.failed", actor)
          .withBasis(authorization.basis()).withDetail("response", responseId)
          .withDetail("error", e.getClass().getSimpleName()));
      throw e;
    }
    evidence.append(withAction(base, "authority.response.sent", actor)
        .withBasis(authorization.basis()).withDetail("response", responseId)
        .withDetail("records", data.size())
        .withDetail("under", authorization.getClass().getSimpleName()));
  }

  private static EvidenceRecord withAction(EvidenceRecord base, String action, String actor) {
    return new EvidenceRecord(base.client(), action, actor, base.basis(), base.details());
  }
}
