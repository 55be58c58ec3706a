package dev.custodian.termination;

import dev.custodian.evidence.EvidenceEntry;
import java.time.Instant;
import java.util.List;

/** Builds a certificate of deletion from a finished termination case (R-TERM-6). */
final class Certificates {
  private Certificates() {}

  static CertificateOfDeletion build(TerminationCase c, String keyStatus, int partialFilesLeft,
      EvidenceEntry head, Instant issuedAt) {
    List<CertificateOfDeletion.CategoryLine> lines = c.categories().stream().map(s ->
        new CertificateOfDeletion.CategoryLine(s.category(), s.disposition(), s.returned(),
            s.deleted(), s.archived(),
            s.disposition() == Disposition.LEGAL_ARCHIVE ? s.archivedUntil() : null,
            s.disposition() == Disposition.LEGAL_ARCHIVE ? s.archivePeriod() : null,
            s.disposition() == Disposition.LEGAL_ARCHIVE
                ? (s.archiveFromContractEnd() ? "contract end" : "record time") : null,
            s.basis(), s.held())).toList();
    TerminationCase.ReturnDelivery d = c.delivery();
    CertificateOfDeletion.ReturnSummary ret = d == null ? null
        : new CertificateOfDeletion.ReturnSummary(d.archiveId(), d.manifestSha256(), d.records(),
            d.encrypted(), d.deliveredAt(), d.acknowledgedAt(), d.acknowledgedBy(),
            d.acknowledgement(), d.discardedArchives(), partialFilesLeft);
    List<CertificateOfDeletion.SubprocessorLine> subs = c.subProcessors().stream().map(p ->
        new CertificateOfDeletion.SubprocessorLine(p.name(), p.action(), p.instructionId(),
            p.sentAt(), p.acknowledgedAt(), p.reference(), p.escalatedAt())).toList();
    return new CertificateOfDeletion(c.id(), c.client(), c.terminationDate(), c.mode(),
        c.choiceBy(), c.choiceAt(), c.scheduleVersion(), lines, ret, subs, keyStatus,
        c.evidenceFrom(), head.sequence(), head.hash(), issuedAt);
  }
}
