package dev.custodian.termination;

import java.util.List;

/**
 * A verifier's verdict on a certificate of deletion (R-TERM-6).
 *
 * @param valid true when the evidence chain is intact, pinned where the certificate says, and
 *     every figure of the certificate is backed by an entry in its evidence range
 * @param problems what did not match, one line each; empty when valid
 */
public record CertificateVerification(boolean valid, List<String> problems) {
  public CertificateVerification {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
