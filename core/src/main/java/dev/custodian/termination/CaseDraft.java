package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.evidence.EvidenceRecord;
import java.time.Instant;
import java.util.List;

/** A mutable copy of a {@link TerminationCase}, to derive its next state in one place. */
final class CaseDraft {
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
  List<TerminationCase.CategoryStep> categories;
  TerminationCase.ReturnDelivery delivery;
  List<TerminationCase.SubprocessorStep> subProcessors;
  Instant keyDestroyedAt;
  long evidenceFrom;
  String certificateSha256;
  Instant certifiedAt;
  Instant closedAt;
  Instant nextCheck;
  String leaseOwner;
  Instant leaseUntil;
  List<EvidenceRecord> outbox;

  CaseDraft(TerminationCase c) {
    id = c.id();
    client = c.client();
    openedAt = c.openedAt();
    openedBy = c.openedBy();
    terminationDate = c.terminationDate();
    choiceDeadline = c.choiceDeadline();
    choice = c.choice();
    choiceBy = c.choiceBy();
    choiceAt = c.choiceAt();
    encryptReturn = c.encryptReturn();
    mode = c.mode();
    phase = c.phase();
    scheduleVersion = c.scheduleVersion();
    categories = c.categories();
    delivery = c.delivery();
    subProcessors = c.subProcessors();
    keyDestroyedAt = c.keyDestroyedAt();
    evidenceFrom = c.evidenceFrom();
    certificateSha256 = c.certificateSha256();
    certifiedAt = c.certifiedAt();
    closedAt = c.closedAt();
    nextCheck = c.nextCheck();
    leaseOwner = c.leaseOwner();
    leaseUntil = c.leaseUntil();
    outbox = c.outbox();
  }

  TerminationCase build() {
    return new TerminationCase(id, client, openedAt, openedBy, terminationDate, choiceDeadline,
        choice, choiceBy, choiceAt, encryptReturn, mode, phase, scheduleVersion, categories,
        delivery, subProcessors, keyDestroyedAt, evidenceFrom, certificateSha256, certifiedAt,
        closedAt, nextCheck, leaseOwner, leaseUntil, outbox);
  }
}
