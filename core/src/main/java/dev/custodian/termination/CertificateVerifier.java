package dev.custodian.termination;

import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceEntry;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.evidence.EvidenceLog;
import dev.custodian.evidence.EvidenceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a certificate of deletion against the evidence log (R-TERM-6, R-EVID-1): the chain is
 * intact; the entry at the end of the certificate's range has the hash the certificate pins; the
 * range opens with this termination; every category's counts, the return's hand-over and every
 * sub-processor's confirmation appear in the range as the certificate states them; and an entry
 * after the range records the certificate's own SHA-256. Needs only the evidence store and the
 * evidence key, so whoever holds the key can run it offline.
 */
public final class CertificateVerifier {
  private static final int PAGE = 1000;
  /** Steps a termination takes once (per category, archive or sub-processor they name). */
  private static final java.util.Set<String> ONCE = java.util.Set.of("termination.opened",
      "termination.mode.decided", "termination.choice.defaulted", "termination.category.archived",
      "termination.category.deleted", "termination.archive.delivered", "termination.archive.discarded",
      "termination.return.handed_over", "termination.subprocessor.instructed",
      "termination.subprocessor.acknowledged", "termination.key.destroyed",
      "termination.certificate.issued");

  private CertificateVerifier() {}

  /**
   * Checks {@code cert} against the log in {@code store}, verifying the chain with the log's
   * {@code key} (the keyed chain can be checked only by whoever holds it).
   */
  public static CertificateVerification verify(CertificateOfDeletion cert, EvidenceStore store,
      EvidenceKey key) {
    Objects.requireNonNull(cert, "certificate");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    List<String> problems = new ArrayList<>();
    ChainVerification chain = EvidenceLog.verify(store, key);
    if (!chain.valid()) {
      problems.add("evidence chain broken at entry " + chain.firstBroken().getAsLong() + ": "
          + chain.reason());
    }
    List<EvidenceEntry> range = new ArrayList<>();
    List<EvidenceEntry> after = new ArrayList<>();
    long from = cert.evidenceFrom();
    while (true) {
      List<EvidenceEntry> page = store.readByClient(cert.client(), from, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (EvidenceEntry e : page) {
        (e.sequence() <= cert.evidenceTo() ? range : after).add(e);
      }
      from = page.get(page.size() - 1).sequence() + 1;
    }
    List<EvidenceEntry> pin = store.readAll(cert.evidenceTo(), 1);
    if (pin.isEmpty() || pin.get(0).sequence() != cert.evidenceTo()
        || !pin.get(0).hash().equals(cert.evidenceToHash())) {
      problems.add("entry " + cert.evidenceTo() + " does not carry the hash the certificate pins");
    }
    if (range.isEmpty() || range.get(0).sequence() != cert.evidenceFrom()
        || !range.get(0).action().equals("termination.opened")
        || !cert.caseId().equals(range.get(0).basis())) {
      problems.add("the evidence range does not open with this termination (entry "
          + cert.evidenceFrom() + ")");
    }
    // A step's evidence counts once: a log holding it twice (written before steps had an
    // identity, or forged) would let a sum over the log say more than happened.
    Map<String, Integer> perStep = new java.util.TreeMap<>();
    for (EvidenceEntry e : range) {
      if (!cert.caseId().equals(e.basis())) {
        continue;
      }
      if (e.step() != null) {
        perStep.merge(e.step(), 1, Integer::sum);
      } else if (ONCE.contains(e.action())) {
        perStep.merge(e.action() + " " + e.details().getOrDefault("category", "") + " "
            + e.details().getOrDefault("archive", "") + " "
            + e.details().getOrDefault("subProcessor", ""), 1, Integer::sum);
      }
    }
    perStep.forEach((step, n) -> {
      if (n > 1) {
        problems.add("the evidence of one step is logged " + n + " times: " + step);
      }
    });
    for (CertificateOfDeletion.CategoryLine line : cert.categories()) {
      String category = line.category().value();
      String plan = TerminationService.PLAN + category;
      boolean nothing = line.deleted() == 0 && line.archived() == 0 && line.held() == 0;
      boolean planOnly = line.disposition() == Disposition.NOT_STORED
          || line.disposition() == Disposition.NOT_CLIENT_DATA;
      if (nothing || planOnly) {
        // Settled by the plan: its entry names the disposition and, if nothing, zero records.
        String prefix = line.disposition() + (planOnly ? " " : " records=0 ");
        boolean found = range.stream().anyMatch(e -> (e.action().equals("termination.mode.decided")
                || e.action().equals("termination.choice.defaulted"))
            && cert.caseId().equals(e.basis()) && e.details().containsKey(plan)
            && e.details().get(plan).startsWith(prefix));
        if (found) {
          continue;
        }
        if (planOnly) {
          problems.add("no evidence for: " + category + ": planned as " + prefix.strip());
          continue;
        }
      }
      switch (line.disposition()) {
        case DELETE, RETURN_THEN_DELETE -> expect(range, problems, "termination.category.deleted",
            cert.caseId(), Map.of("category", category, "deleted", str(line.deleted()),
                "held", str(line.held())), category + ": " + line.deleted() + " deleted, "
                + line.held() + " held");
        case LEGAL_ARCHIVE -> expect(range, problems, "termination.category.archived",
            cert.caseId(), Map.of("category", category, "archived", str(line.archived()),
                "held", str(line.held())), category + ": " + line.archived() + " archived, "
                + line.held() + " held");
        default -> problems.add(category + ": unexpected disposition " + line.disposition());
      }
    }
    if (cert.returnArchive() != null) {
      CertificateOfDeletion.ReturnSummary r = cert.returnArchive();
      expect(range, problems, "termination.archive.delivered", cert.caseId(),
          Map.of("archive", r.archiveId(), "manifestSha256", r.manifestSha256(),
              "records", str(r.records())), "return archive " + r.archiveId() + " delivered");
      expect(range, problems, "termination.return.handed_over", cert.caseId(),
          Map.of("archive", r.archiveId(), "manifestSha256", r.manifestSha256()),
          "return archive " + r.archiveId() + " handed over");
      for (String discarded : r.discardedArchives()) {
        expect(range, problems, "termination.archive.discarded", cert.caseId(),
            Map.of("archive", discarded), "interrupted export " + discarded + " removed");
      }
      if (r.partialFilesLeft() != 0) {
        problems.add(r.partialFilesLeft() + " partial copies of the return archive were left");
      }
      long returned = cert.categories().stream().mapToLong(CertificateOfDeletion.CategoryLine::returned).sum();
      if (returned != r.records()) {
        problems.add("returned counts per category (" + returned + ") differ from the archive's "
            + r.records());
      }
    }
    for (CertificateOfDeletion.SubprocessorLine s : cert.subProcessors()) {
      if (s.acknowledgedAt() != null) {
        expect(range, problems, "termination.subprocessor.acknowledged", cert.caseId(),
            Map.of("subProcessor", s.name(), "instruction", s.instructionId()),
            "sub-processor " + s.name() + " confirmed");
      }
    }
    expect(after, problems, "termination.certificate.issued", cert.caseId(),
        Map.of("certificateSha256", cert.sha256()), "certificate issued with this SHA-256");
    return new CertificateVerification(problems.isEmpty(), problems);
  }

  private static void expect(List<EvidenceEntry> entries, List<String> problems, String action,
      String basis, Map<String, String> details, String what) {
    boolean found = entries.stream().anyMatch(e -> e.action().equals(action)
        && basis.equals(e.basis())
        && details.entrySet().stream().allMatch(d -> d.getValue().equals(e.details().get(d.getKey()))));
    if (!found) {
      problems.add("no evidence for: " + what);
    }
  }

  private static String str(long n) {
    return Long.toString(n);
  }
}
