package dev.custodian.instruction;

import dev.custodian.terms.CategoryId;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.ResponseAuthorization;
import dev.custodian.terms.Target;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Proof that a response to an authority is compelled by law while the client may not be informed,
 * with the legal basis on record and the approval of the processor's designated officer (R-AUTH-3).
 * Only {@link InstructionService#compulsion} creates it. Immutable.
 */
public final class LegalCompulsion implements ResponseAuthorization {
  private final String id;
  private final Target target;
  private final String legalBasis;
  private final String approvedBy;
  private final Instant approvedAt;

  LegalCompulsion(String id, Target target, String legalBasis, String approvedBy,
      Instant approvedAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.target = Objects.requireNonNull(target, "target");
    this.legalBasis = Objects.requireNonNull(legalBasis, "legalBasis");
    this.approvedBy = Objects.requireNonNull(approvedBy, "approvedBy");
    this.approvedAt = Objects.requireNonNull(approvedAt, "approvedAt");
  }

  /** The law or order that compels the response. */
  public String legalBasis() {
    return legalBasis;
  }

  /** The designated officer's principal id. */
  public String approvedBy() {
    return approvedBy;
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public String basis() {
    return id;
  }

  @Override
  public Instant at() {
    return approvedAt;
  }

  /** True for answering the authority of its own request: a compulsion answers no subject. */
  @Override
  public boolean covers(String targetId, InstructedAction action, Set<CategoryId> categories) {
    return action == InstructedAction.RESPOND_TO_AUTHORITY && target.id().equals(targetId);
  }

  @Override
  public String toString() {
    return "LegalCompulsion[" + id + " on " + target.id() + "]";
  }
}
