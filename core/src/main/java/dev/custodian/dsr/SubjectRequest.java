package dev.custodian.dsr;

import dev.custodian.client.ClientId;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A subject's request on the processor's side (R-DSR-1, R-DSR-2, R-DSR-7): what was asked, how it
 * was routed. Only processor staff see it; each client sees only its own {@link SubjectCase}.
 *
 * @param cases one case per client holding data on the subject (empty unless routed)
 * @param escalatedAt when an unmatched request was escalated to the privacy contact; null until
 *     then
 */
public record SubjectRequest(
    String id,
    SubjectRight right,
    RequestChannel channel,
    Instant receivedAt,
    Set<SubjectIdentifier> subjects,
    String reference,
    String receivedBy,
    Instant recordedAt,
    State state,
    List<CaseRef> cases,
    Instant escalatedAt) {

  /** Where the request stands. */
  public enum State {
    /** Recorded, not routed yet. */
    RECEIVED,
    /** One case opened per client holding data on the subject. */
    ROUTED,
    /** No client holds data on the subject: escalated to the privacy contact (R-DSR-7). */
    UNMATCHED
  }

  public SubjectRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(receivedAt, "receivedAt");
    subjects = Set.copyOf(subjects);
    Objects.requireNonNull(receivedBy, "receivedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(state, "state");
    cases = List.copyOf(cases == null ? List.of() : cases);
  }

  SubjectRequest routed(List<CaseRef> refs) {
    return new SubjectRequest(id, right, channel, receivedAt, subjects, reference, receivedBy,
        recordedAt, State.ROUTED, refs, escalatedAt);
  }

  SubjectRequest unmatched() {
    return new SubjectRequest(id, right, channel, receivedAt, subjects, reference, receivedBy,
        recordedAt, State.UNMATCHED, List.of(), escalatedAt);
  }

  SubjectRequest escalated(Instant at) {
    return new SubjectRequest(id, right, channel, receivedAt, subjects, reference, receivedBy,
        recordedAt, state, cases, at);
  }

  /** When an escalation is pending (an unmatched request not yet escalated), else null. */
  Instant escalationDue() {
    return state == State.UNMATCHED && escalatedAt == null ? recordedAt : null;
  }

  /** One client's case opened for this request. */
  public record CaseRef(ClientId client, String caseId) {
    public CaseRef {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(caseId, "caseId");
    }
  }
}
