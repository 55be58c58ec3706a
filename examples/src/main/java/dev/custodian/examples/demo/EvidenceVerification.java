package dev.custodian.examples.demo;

import dev.custodian.Custodian;
import dev.custodian.evidence.ChainVerification;
import dev.custodian.evidence.EvidenceKey;
import dev.custodian.jdbc.JdbcEvidenceStore;
import dev.custodian.termination.CertificateOfDeletion;
import dev.custodian.termination.CertificateVerification;
import dev.custodian.termination.CertificateVerifier;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Step 10: the evidence chain verifies, the certificate of deletion agrees with it, and no subject's
 * number is in it in clear (R-EVID-2).
 */
final class EvidenceVerification {
  private final Narrator narrator;
  private final Scene scene;
  private final Custodian custodian;
  private final JdbcEvidenceStore evidenceStore;
  private final CertificateOfDeletion certificate;

  EvidenceVerification(Narrator narrator, Scene scene, CertificateOfDeletion certificate) {
    this.narrator = narrator;
    this.scene = scene;
    this.custodian = scene.custodian;
    this.evidenceStore = scene.evidenceStore;
    this.certificate = certificate;
  }

  void run() {
    ChainVerification v = custodian.evidence().verify();
    narrator.say("   " + v.entriesChecked() + " evidence entries checked: "
        + (v.valid() ? "the chain is intact" : "BROKEN at entry " + v.firstBroken().getAsLong()
            + " (" + v.reason() + ")"));
    narrator.check(v.valid(), "the evidence chain verifies");
    narrator.check(v.entriesChecked() > 20, "every duty left evidence");
    if (certificate != null) {
      CertificateVerification cv = CertificateVerifier.verify(certificate, evidenceStore,
          EvidenceKey.derivedFrom(Scene.demoKey()));
      narrator.say("   The certificate of deletion checks against the log: "
          + (cv.valid() ? "consistent" : "INCONSISTENT " + cv.problems()));
      narrator.check(cv.valid(), "the certificate agrees with the evidence log");
    }
    String subject = DemoData.SUBJECT.value();
    narrator.check(scene.evidence().stream().noneMatch(e -> e.toString().contains(subject)),
        "no subject's number in clear in the evidence (R-EVID-2)");
    Set<String> actions = new LinkedHashSet<>();
    scene.evidence().forEach(e -> actions.add(e.action().replaceFirst("\\..*", "")));
    narrator.say("   Duties that left evidence: " + String.join(", ", actions) + ".");
  }
}
