package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.hold.HoldService;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.terms.CategoryId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate the host checks before it processes a client's data (R-TERM-1): from the termination
 * date on, every ordinary processing of the client's data is refused; only access to the
 * restricted archive (legally kept categories, held records) for a stated legal purpose is let
 * through, and recorded. The operator's own data (a category the schedule marks as not the client's)
 * is not the client's to stop.
 *
 * <p>Cheap enough to call per operation: one read of the client's termination case. Thread-safe.
 */
public final class ProcessingGate {
  private final Repository<TerminationCase> cases;
  private final Planner planner;
  private final HoldService holds;
  private final EvidenceLog evidence;
  private final Clock clock;

  ProcessingGate(Repository<TerminationCase> cases, Planner planner, HoldService holds,
      EvidenceLog evidence, Clock clock) {
    this.cases = cases;
    this.planner = planner;
    this.holds = holds;
    this.evidence = evidence;
    this.clock = clock;
  }

  /** True if the client's data may be processed now: no termination has taken effect. */
  public boolean permits(ClientId client) {
    return terminated(client).isEmpty();
  }

  /** True if records of {@code category} of the client may be processed now. */
  public boolean permits(ClientId client, CategoryId category) {
    return permits(client) || planner.notClientData(category);
  }

  /**
   * Returns normally if the client's data may be processed now.
   *
   * @throws ProcessingRefusedException from the termination date on (R-TERM-1)
   */
  public void check(ClientId client) {
    terminated(client).ifPresent(c -> {
      throw refusal(c);
    });
  }

  /**
   * Like {@link #check(ClientId)} for one category; the operator's own data passes.
   *
   * @throws ProcessingRefusedException from the termination date on, for the client's data
   */
  public void check(ClientId client, CategoryId category) {
    if (!planner.notClientData(category)) {
      check(client);
    }
  }

  /**
   * Grants access to a terminated client's restricted archive of {@code category} for a legal
   * purpose, and records it. Only legally archived categories, or categories with an active hold,
   * can be opened; only by the processor's operators or designated officer; with a legal basis.
   *
   * @throws SecurityException if {@code by} lacks the role
   * @throws ProcessingRefusedException if nothing of that category is kept under the law or a hold
   * @throws IllegalArgumentException if the legal basis is blank
   */
  public LegalArchiveAccess openLegalArchive(ProcessorPrincipal by, ClientId client,
      CategoryId category, String legalBasis) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(category, "category");
    dev.custodian.client.AccessPolicy.DEFAULT.require(by,
        dev.custodian.client.Operation.LEGAL_ARCHIVE_OPEN, client);
    if (legalBasis == null || legalBasis.isBlank()) {
      throw new IllegalArgumentException("a legal archive is opened only for a stated legal purpose");
    }
    Optional<TerminationCase> c = cases.find(TerminationService.caseId(client)).map(Versioned::value);
    boolean archived = c.flatMap(x -> x.category(category))
        .map(s -> s.disposition() == Disposition.LEGAL_ARCHIVE)
        .orElseGet(() -> planner.legallyArchived(category));
    boolean held = !holds.active(dev.custodian.client.Principal.system(), client, category).isEmpty();
    if (!archived && !held) {
      throw new ProcessingRefusedException(client,
          "category " + category + " is neither kept under the law nor held");
    }
    Instant now = clock.instant();
    EvidenceEntry e = evidence.append(EvidenceRecord.of("termination.archive.legal_access", by.id())
        .withClient(client).withBasis(legalBasis).withDetail("category", category)
        .withDetail("held", held).withDetail("legalArchive", archived));
    return new LegalArchiveAccess(client, category, legalBasis, by.id(), now, e.sequence());
  }

  private Optional<TerminationCase> terminated(ClientId client) {
    Objects.requireNonNull(client, "client");
    Instant now = clock.instant();
    return cases.find(TerminationService.caseId(client)).map(Versioned::value)
        .filter(c -> c.terminatedAt(now));
  }

  private static ProcessingRefusedException refusal(TerminationCase c) {
    return new ProcessingRefusedException(c.client(), "the contract ended on " + c.terminationDate()
        + "; only the restricted archive may be opened, for a legal purpose");
  }
}
