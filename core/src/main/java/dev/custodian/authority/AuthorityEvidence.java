package dev.custodian.authority;

import dev.custodian.authority.AuthorityRequest.Information;
import dev.custodian.evidence.EvidenceRecord;

/**
 * The evidence record for a step on an authority request: under the client while it may know of
 * the request, processor-wide (the client named in the details) while the law forbids informing
 * it (R-AUTH-1), so the client's own evidence never reveals such a request.
 */
final class AuthorityEvidence {
  private AuthorityEvidence() {}

  static EvidenceRecord of(AuthorityRequest r, String action, String actor) {
    EvidenceRecord rec = EvidenceRecord.of(action, actor).withDetail("request", r.id());
    return r.information() == Information.PROHIBITED
        ? rec.withDetail("client", r.client().value())
        : rec.withClient(r.client());
  }
}
