package dev.custodian.audit;

import dev.custodian.client.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * The processor's record that a client is a competitor or a competitor's affiliate (DPA 7): such a
 * client may not audit (R-AUD-2).
 *
 * @param basis why (for example the group the client belongs to); no personal data
 */
public record CompetitorDeclaration(
    ClientId client,
    Relation relation,
    String basis,
    String declaredBy,
    Instant declaredAt,
    String withdrawnBy,
    Instant withdrawnAt) {

  /** How the client relates to the processor's competitors. */
  public enum Relation {
    COMPETITOR,
    AFFILIATE_OF_COMPETITOR
  }

  public CompetitorDeclaration {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(declaredBy, "declaredBy");
    Objects.requireNonNull(declaredAt, "declaredAt");
  }

  /** True until withdrawn. */
  public boolean active() {
    return withdrawnAt == null;
  }

  CompetitorDeclaration withdrawn(String by, Instant at) {
    return new CompetitorDeclaration(client, relation, basis, declaredBy, declaredAt, by, at);
  }
}
