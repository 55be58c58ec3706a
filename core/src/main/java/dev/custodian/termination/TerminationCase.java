package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.SubprocessorInstruction;
import java.net.URI;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The termination of one client's contract, as persisted (R-TERM-1 to R-TERM-8): the termination
 * date, the client's choice and its deadline, the plan per category with its progress, the return
 * archive, the sub-processors' instructions and acknowledgements, and the client's key. Immutable;
 * the termination service stores each new state before acting on it.
 *
 * @param choice the client's choice ({@link TerminationMode#RETURN} or {@link
 *     TerminationMode#DELETE}), null while none was made
 * @param mode the mode in force once decided (the choice, or delete by default); null before
 * @param evidenceFrom the sequence of the evidence entry that opened the case
 * @param nextCheck when the case next needs attention (a deadline, a delay, an archive check);
 *     null once closed
 * @param leaseOwner no longer written (cases are leased in the {@code WorkQueue}, on the store's
 *     time); null, or what an earlier version stored until the case's next step clears it
 * @param leaseUntil no longer written; as {@code leaseOwner}
 * @param outbox evidence of the last state change not yet appended to the log: stored with the
 *     state, appended right after, so a crash in between neither loses nor invents evidence
 */
public record TerminationCase(
    String id,
    ClientId client,
    Instant openedAt,
    String openedBy,
    Instant terminationDate,
    Instant choiceDeadline,
    TerminationMode choice,
    String choiceBy,
    Instant choiceAt,
    boolean encryptReturn,
    TerminationMode mode,
    TerminationPhase phase,
    String scheduleVersion,
    List<CategoryStep> categories,
    ReturnDelivery delivery,
    List<SubprocessorStep> subProcessors,
    Instant keyDestroyedAt,
    long evidenceFrom,
    String certificateSha256,
    Instant certifiedAt,
    Instant closedAt,
    Instant nextCheck,
    String leaseOwner,
    Instant leaseUntil,
    List<EvidenceRecord> outbox) {

  public TerminationCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(terminationDate, "terminationDate");
    Objects.requireNonNull(choiceDeadline, "choiceDeadline");
    Objects.requireNonNull(phase, "phase");
    categories = categories == null ? List.of() : List.copyOf(categories);
    subProcessors = subProcessors == null ? List.of() : List.copyOf(subProcessors);
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
  }

  /** True once processing of the client's data must stop (R-TERM-1). */
  public boolean terminatedAt(Instant now) {
    return !now.isBefore(terminationDate);
  }

  /** The plan of one category, if planned. */
  public Optional<CategoryStep> category(CategoryId category) {
    return categories.stream().filter(s -> s.category().equals(category)).findFirst();
  }

  /** The step of one sub-processor, if any. */
  public Optional<SubprocessorStep> subProcessor(String name) {
    return subProcessors.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  TerminationCase withChoice(TerminationMode value, String by, Instant at, boolean encrypt) {
    Draft d = new Draft(this);
    d.choice = value;
    d.choiceBy = by;
    d.choiceAt = at;
    d.encryptReturn = encrypt;
    return d.build();
  }

  TerminationCase withPlan(TerminationMode value, String version, List<CategoryStep> steps,
      List<SubprocessorStep> subs) {
    Draft d = new Draft(this);
    d.mode = value;
    d.phase = TerminationPhase.PLANNED;
    d.scheduleVersion = version;
    d.categories = steps;
    d.subProcessors = subs;
    return d.build();
  }

  TerminationCase withPhase(TerminationPhase value) {
    Draft d = new Draft(this);
    d.phase = value;
    return d.build();
  }

  TerminationCase withCategory(CategoryId category, UnaryOperator<CategoryStep> change) {
    Draft d = new Draft(this);
    List<CategoryStep> list = new ArrayList<>(categories);
    list.replaceAll(s -> s.category().equals(category) ? change.apply(s) : s);
    d.categories = list;
    return d.build();
  }

  TerminationCase withSubProcessor(String name, UnaryOperator<SubprocessorStep> change) {
    Draft d = new Draft(this);
    List<SubprocessorStep> list = new ArrayList<>(subProcessors);
    list.replaceAll(s -> s.name().equals(name) ? change.apply(s) : s);
    d.subProcessors = list;
    return d.build();
  }

  TerminationCase withDelivery(ReturnDelivery value) {
    Draft d = new Draft(this);
    d.delivery = value;
    return d.build();
  }

  TerminationCase withCertificate(String sha256, Instant at) {
    Draft d = new Draft(this);
    d.phase = TerminationPhase.CERTIFIED;
    d.certificateSha256 = sha256;
    d.certifiedAt = at;
    return d.build();
  }

  TerminationCase withKeyDestroyed(Instant at) {
    Draft d = new Draft(this);
    d.keyDestroyedAt = at;
    return d.build();
  }

  TerminationCase withClosed(Instant at) {
    Draft d = new Draft(this);
    d.phase = TerminationPhase.CLOSED;
    d.closedAt = at;
    d.nextCheck = null;
    return d.build();
  }

  TerminationCase withNextCheck(Instant value) {
    Draft d = new Draft(this);
    d.nextCheck = value;
    return d.build();
  }

  TerminationCase withLease(String owner, Instant until) {
    Draft d = new Draft(this);
    d.leaseOwner = owner;
    d.leaseUntil = until;
    return d.build();
  }

  TerminationCase withEvidenceFrom(long sequence) {
    Draft d = new Draft(this);
    d.evidenceFrom = sequence;
    return d.build();
  }

  /** A copy whose outbox holds {@code records}: evidence appended right after this state is stored. */
  TerminationCase withOutbox(List<EvidenceRecord> records) {
    Draft d = new Draft(this);
    d.outbox = records;
    return d.build();
  }

  /** A mutable copy, to derive the next state. */
  private static final class Draft {
    String id;
    ClientId client;
    Instant openedAt;
    String openedBy;
    Instant terminationDate;
    Instant choiceDeadline;
    TerminationMode choice;
    String choiceBy;
    Instant choiceAt;
    boolean encryptReturn;
    TerminationMode mode;
    TerminationPhase phase;
    String scheduleVersion;
    List<CategoryStep> categories;
    ReturnDelivery delivery;
    List<SubprocessorStep> subProcessors;
    Instant keyDestroyedAt;
    long evidenceFrom;
    String certificateSha256;
    Instant certifiedAt;
    Instant closedAt;
    Instant nextCheck;
    String leaseOwner;
    Instant leaseUntil;
    List<EvidenceRecord> outbox;

    Draft(TerminationCase c) {
      id = c.id;
      client = c.client;
      openedAt = c.openedAt;
      openedBy = c.openedBy;
      terminationDate = c.terminationDate;
      choiceDeadline = c.choiceDeadline;
      choice = c.choice;
      choiceBy = c.choiceBy;
      choiceAt = c.choiceAt;
      encryptReturn = c.encryptReturn;
      mode = c.mode;
      phase = c.phase;
      scheduleVersion = c.scheduleVersion;
      categories = c.categories;
      delivery = c.delivery;
      subProcessors = c.subProcessors;
      keyDestroyedAt = c.keyDestroyedAt;
      evidenceFrom = c.evidenceFrom;
      certificateSha256 = c.certificateSha256;
      certifiedAt = c.certifiedAt;
      closedAt = c.closedAt;
      nextCheck = c.nextCheck;
      leaseOwner = c.leaseOwner;
      leaseUntil = c.leaseUntil;
      outbox = c.outbox;
    }

    TerminationCase build() {
      return new TerminationCase(id, client, openedAt, openedBy, terminationDate, choiceDeadline, choice, choiceBy, choiceAt, encryptReturn, mode, phase, scheduleVersion, categories, delivery, subProcessors, keyDestroyedAt, evidenceFrom, certificateSha256, certifiedAt, closedAt, nextCheck, leaseOwner, leaseUntil, outbox);
    }
  }

  /**
   * The plan and progress of one category.
   *
   * @param basis why this disposition: the schedule's rule or the contract clause
   * @param archivePeriod for a legal archive: how long it is kept
   * @param archiveFromContractEnd for a legal archive: true if the period counts from the
   *     termination date, false if from each record's own time
   * @param archivedUntil for a legal archive: when the last of it is deleted at the latest
   * @param atStart how many records the client had in the category when the plan was made
   * @param heldAtStart how many of them active holds covered then
   * @param returned how many records the return archive holds for the category
   * @param restricted for a legal archive: true once the host marked the records restricted
   * @param archived for a legal archive: how many records it keeps (held ones excluded)
   * @param cursor deletion progress: the key to resume after
   * @param deletionDone true once the category's deletion finished
   * @param deleted how many records the termination deleted (counted as records gone, so a crash
   *     between a batch and its checkpoint cannot skew it)
   * @param held how many records active holds kept when the category was finished
   * @param archiveDeleted for a legal archive: how many records were deleted as their period ended
   */
  public record CategoryStep(
      CategoryId category,
      Disposition disposition,
      String basis,
      Period archivePeriod,
      boolean archiveFromContractEnd,
      Instant archivedUntil,
      long atStart,
      long heldAtStart,
      long returned,
      boolean restricted,
      long archived,
      String cursor,
      boolean deletionDone,
      long deleted,
      long held,
      long archiveDeleted) {

    public CategoryStep {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(disposition, "disposition");
    }

    /** True if the termination deletes this category now (after the return, in return mode). */
    public boolean deletedAtTermination() {
      return disposition == Disposition.DELETE || disposition == Disposition.RETURN_THEN_DELETE;
    }

    CategoryStep withReturned(long value) {
      return new CategoryStep(category, disposition, basis, archivePeriod, archiveFromContractEnd,
          archivedUntil, atStart, heldAtStart, value, restricted, archived, cursor, deletionDone,
          deleted, held, archiveDeleted);
    }

    CategoryStep withArchived(long value, long heldNow) {
      return new CategoryStep(category, disposition, basis, archivePeriod, archiveFromContractEnd,
          archivedUntil, atStart, heldAtStart, returned, true, value, cursor, deletionDone, deleted,
          heldNow, archiveDeleted);
    }

    CategoryStep withCursor(String value) {
      return new CategoryStep(category, disposition, basis, archivePeriod, archiveFromContractEnd,
          archivedUntil, atStart, heldAtStart, returned, restricted, archived, value, deletionDone,
          deleted, held, archiveDeleted);
    }

    CategoryStep withDeletionDone(long deletedCount, long heldNow) {
      return new CategoryStep(category, disposition, basis, archivePeriod, archiveFromContractEnd,
          archivedUntil, atStart, heldAtStart, returned, restricted, archived, cursor, true,
          deletedCount, heldNow, archiveDeleted);
    }

    CategoryStep withArchiveDeleted(long value) {
      return new CategoryStep(category, disposition, basis, archivePeriod, archiveFromContractEnd,
          archivedUntil, atStart, heldAtStart, returned, restricted, archived, cursor, deletionDone,
          deleted, held, value);
    }
  }

  /**
   * The return archive (R-TERM-3, R-TERM-8).
   *
   * @param attempt the export attempt; a crashed export is discarded and redone under a new
   *     archive id
   * @param acknowledgement how the delivery was confirmed: {@code client} or {@code checksums}
   * @param discardedArchives the archive ids of earlier attempts whose files were removed from the
   *     sink (and, once this attempt is abandoned, its own)
   */
  public record ReturnDelivery(
      int attempt,
      String archiveId,
      boolean encrypted,
      Instant exportStartedAt,
      String manifestSha256,
      long records,
      Instant earliestRecord,
      Instant latestRecord,
      URI location,
      Instant deliveredAt,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String acknowledgement,
      Instant readyNotifiedAt,
      Instant overdueNotifiedAt,
      List<String> discardedArchives) {

    public ReturnDelivery {
      discardedArchives = discardedArchives == null ? List.of() : List.copyOf(discardedArchives);
    }

    public boolean delivered() {
      return deliveredAt != null;
    }

    public boolean acknowledged() {
      return acknowledgedAt != null;
    }

    /** True once this attempt was abandoned and its files removed. */
    public boolean discarded() {
      return discardedArchives.contains(archiveId);
    }

    static ReturnDelivery started(int attempt, String archiveId, boolean encrypted, Instant at,
        List<String> discarded) {
      return new ReturnDelivery(attempt, archiveId, encrypted, at, null, 0, null, null, null, null,
          null, null, null, null, null, discarded);
    }

    ReturnDelivery withDelivered(String sha256, long count, Instant earliest, Instant latest,
        URI where, Instant at) {
      return new ReturnDelivery(attempt, archiveId, encrypted, exportStartedAt, sha256, count,
          earliest, latest, where, at, null, null, null, null, null, discardedArchives);
    }

    ReturnDelivery withDiscarded() {
      List<String> all = new ArrayList<>(discardedArchives);
      all.add(archiveId);
      return new ReturnDelivery(attempt, archiveId, encrypted, exportStartedAt, manifestSha256,
          records, earliestRecord, latestRecord, location, deliveredAt, acknowledgedAt,
          acknowledgedBy, acknowledgement, readyNotifiedAt, overdueNotifiedAt, all);
    }

    ReturnDelivery withAcknowledged(Instant at, String by, String how) {
      return new ReturnDelivery(attempt, archiveId, encrypted, exportStartedAt, manifestSha256,
          records, earliestRecord, latestRecord, location, deliveredAt, at, by, how,
          readyNotifiedAt, overdueNotifiedAt, discardedArchives);
    }

    ReturnDelivery withReadyNotified(Instant at) {
      return new ReturnDelivery(attempt, archiveId, encrypted, exportStartedAt, manifestSha256,
          records, earliestRecord, latestRecord, location, deliveredAt, acknowledgedAt,
          acknowledgedBy, acknowledgement, at, overdueNotifiedAt, discardedArchives);
    }

    ReturnDelivery withOverdueNotified(Instant at) {
      return new ReturnDelivery(attempt, archiveId, encrypted, exportStartedAt, manifestSha256,
          records, earliestRecord, latestRecord, location, deliveredAt, acknowledgedAt,
          acknowledgedBy, acknowledgement, readyNotifiedAt, at, discardedArchives);
    }
  }

  /**
   * One sub-processor's instruction and acknowledgement (R-TERM-4).
   *
   * @param action what the sub-processor is told to do; null until the mode is decided
   * @param issuedAt when the instruction was issued (the mode decided)
   * @param sentAt when the instruction was handed to the sender successfully; null if not yet
   * @param attempts how many sends were tried
   * @param lastAttemptAt when the last send was tried
   * @param reference the sub-processor's own reference for its confirmation (ticket, letter)
   * @param escalatedAt when the missing acknowledgement was escalated, if it was
   */
  public record SubprocessorStep(
      String name,
      String instructionId,
      SubprocessorInstruction.Action action,
      Instant issuedAt,
      Instant sentAt,
      int attempts,
      Instant lastAttemptAt,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String reference,
      Instant escalatedAt) {

    public boolean acknowledged() {
      return acknowledgedAt != null;
    }

    static SubprocessorStep pending(String name, String instructionId) {
      return new SubprocessorStep(name, instructionId, null, null, null, 0, null, null, null, null,
          null);
    }

    SubprocessorStep withAction(SubprocessorInstruction.Action value, Instant at) {
      return new SubprocessorStep(name, instructionId, value, at, sentAt, attempts, lastAttemptAt,
          acknowledgedAt, acknowledgedBy, reference, escalatedAt);
    }

    SubprocessorStep withAttempt(Instant at, boolean sent) {
      return new SubprocessorStep(name, instructionId, action, issuedAt, sent ? at : sentAt,
          attempts + 1, at, acknowledgedAt, acknowledgedBy, reference, escalatedAt);
    }

    SubprocessorStep withAcknowledged(Instant at, String by, String ref) {
      return new SubprocessorStep(name, instructionId, action, issuedAt, sentAt, attempts,
          lastAttemptAt, at, by, ref, escalatedAt);
    }

    SubprocessorStep withEscalated(Instant at) {
      return new SubprocessorStep(name, instructionId, action, issuedAt, sentAt, attempts,
          lastAttemptAt, acknowledgedAt, acknowledgedBy, reference, at);
    }
  }
}
