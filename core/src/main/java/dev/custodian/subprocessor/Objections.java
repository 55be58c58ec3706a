package dev.custodian.subprocessor;

import dev.custodian.client.AccessPolicy;
import dev.custodian.client.ClientId;
import dev.custodian.client.ClientPrincipal;
import dev.custodian.client.Operation;
import dev.custodian.client.ProcessorPrincipal;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceRecord;
import dev.custodian.internal.Repository;
import dev.custodian.internal.Repository.Versioned;
import dev.custodian.spi.ChangeType;
import dev.custodian.spi.DuplicateStateException;
import dev.custodian.spi.SubprocessorNotice;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Clients' objections to new sub-processors (R-SUB-3, DPA 4.4): recorded with their grounds (late
 * ones marked), answered by the processor with a proposal, closed by the client. Each command is
 * stored, then its evidence appended. The {@link SubprocessorRegistry} checks the announcer's
 * role; the client's rights are checked here, as closing needs the stored objection's client.
 */
final class Objections {
  private final Repository<Objection> objections;
  private final Repository<SubprocessorChange> changes;
  private final ChangeNotices notices;
  private final EvidenceLog evidence;
  private final Clock clock;
  private final AccessPolicy access;
  private final Supplier<LocalDate> today;

  Objections(Repository<Objection> objections, Repository<SubprocessorChange> changes,
      ChangeNotices notices, EvidenceLog evidence, Clock clock, AccessPolicy access,
      Supplier<LocalDate> today) {
    this.objections = objections;
    this.changes = changes;
    this.notices = notices;
    this.evidence = evidence;
    this.clock = clock;
    this.access = access;
    this.today = today;
  }

  /** See {@link SubprocessorRegistry#object}. */
  Objection object(ClientPrincipal by, String changeId, String grounds) {
    Objects.requireNonNull(by, "by");
    ClientId client = by.client();
    access.require(by, Operation.SUBPROCESSOR_OBJECT, client);
    if (grounds == null || grounds.isBlank()) {
      throw new IllegalArgumentException("an objection states its objective grounds (DPA 4.4)");
    }
    SubprocessorChange change = changes.find(changeId).map(Versioned::value)
        .orElseThrow(() -> new IllegalStateException("no change " + changeId));
    if (change.type() != ChangeType.ADDITION) {
      throw new IllegalStateException(
          "objections concern new sub-processors (DPA 4.4); change " + changeId + " is a removal");
    }
    SubprocessorNotice notice = notices.find(changeId, client)
        .orElseThrow(() -> new IllegalStateException("change " + changeId
            + " was not notified to client " + client));
    Instant now = clock.instant();
    LocalDate deadline = notice.status() == SubprocessorNotice.Status.SENT
        ? notice.objectionDeadline() : null;
    boolean late = deadline != null && today.get().isAfter(deadline);
    Objection objection = new Objection(objectionId(changeId, client), changeId, client,
        change.subProcessor().id(), by.id(), grounds, now, deadline, late, Objection.Status.OPEN,
        null, null, null, null, null);
    EvidenceRecord recorded = EvidenceRecord.of(SubprocessorActions.OBJECTION_RECORDED, by.id())
        .withClient(client).withBasis("R-SUB-3 DPA 4.4").withDetail("objection", objection.id())
        .withDetail("change", changeId).withDetail("subprocessor", objection.subProcessorId())
        .withDetail("deadline", deadline == null ? "notice not yet sent" : deadline)
        .withDetail("late", late);
    try {
      objections.insert(objection.id(), client, objection);
    } catch (DuplicateStateException e) {
      throw new IllegalStateException("client " + client + " already objected to change " + changeId, e);
    }
    evidence.append(recorded);
    return objection;
  }

  /** See {@link SubprocessorRegistry#propose}; {@code by} is already checked. */
  Objection propose(ProcessorPrincipal by, String objectionId, Objection.Status proposal,
      String text) {
    Objects.requireNonNull(proposal, "proposal");
    if (!proposal.isProposal()) {
      throw new IllegalArgumentException("the processor answers with ALTERNATIVE_PROPOSED or"
          + " CONFIGURATION_CHANGE_PROPOSED, not " + proposal);
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a proposal says what is proposed");
    }
    Versioned<Objection> v = find(objectionId);
    if (!v.value().open()) {
      throw new IllegalStateException("objection " + objectionId + " is " + v.value().status()
          + ", not open");
    }
    Objection answered = v.value().answered(proposal, text, by.id(), clock.instant());
    EvidenceRecord evidenceRecord = EvidenceRecord.of(SubprocessorActions.OBJECTION_ANSWERED, by.id())
        .withClient(answered.client()).withBasis("R-SUB-3 DPA 4.4")
        .withDetail("objection", objectionId).withDetail("answer", proposal);
    objections.update(objectionId, v, answered);
    evidence.append(evidenceRecord);
    return answered;
  }

  /** See {@link SubprocessorRegistry#close}. */
  Objection close(ClientPrincipal by, String objectionId, Objection.Status closure) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(closure, "closure");
    if (!closure.isClientClosure()) {
      throw new IllegalArgumentException("the client closes with ACCEPTED or WITHDRAWN, not " + closure);
    }
    access.require(by, Operation.SUBPROCESSOR_OBJECT, null);
    Versioned<Objection> v = find(objectionId);
    access.require(by, Operation.SUBPROCESSOR_OBJECT, v.value().client());
    if (v.value().status().isClientClosure()) {
      throw new IllegalStateException("objection " + objectionId + " is already "
          + v.value().status());
    }
    Objection closed = v.value().closed(closure, by.id(), clock.instant());
    EvidenceRecord evidenceRecord = EvidenceRecord.of(SubprocessorActions.OBJECTION_CLOSED, by.id())
        .withClient(closed.client()).withBasis("R-SUB-3 DPA 4.4")
        .withDetail("objection", objectionId).withDetail("closure", closure);
    objections.update(objectionId, v, closed);
    evidence.append(evidenceRecord);
    return closed;
  }

  /** The objections of one client; the reader is already checked. */
  List<Objection> of(ClientId client) {
    return objections.list(client).stream().map(Versioned::value).toList();
  }

  /** Every open objection, oldest first; the reader is already checked. */
  List<Objection> open() {
    return objections.listDue(clock.instant()).stream().map(Versioned::value)
        .filter(Objection::open).sorted(Comparator.comparing(Objection::objectedAt)).toList();
  }

  private Versioned<Objection> find(String objectionId) {
    return objections.find(objectionId)
        .orElseThrow(() -> new IllegalStateException("no objection " + objectionId));
  }

  static String objectionId(String changeId, ClientId client) {
    return "obj." + changeId + "." + client.value();
  }
}
