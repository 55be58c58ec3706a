package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.time.Instant;

/**
 * A granted access to a terminated client's restricted archive, for a legal purpose only (R-TERM-1,
 * R-TERM-5, R-HOLD-1): an authority's requisition, a litigation. Recorded in the evidence log.
 *
 * @param evidenceSequence the evidence entry that records this access
 */
public record LegalArchiveAccess(
    ClientId client, CategoryId category, String legalBasis, String grantedTo, Instant grantedAt,
    long evidenceSequence) {}
