package dev.custodian.termination;

import java.util.List;

/**
 * The result of checking a return archive against its manifest (R-TERM-3).
 *
 * @param intact true when the manifest is the expected one and every file has the size and SHA-256
 *     it lists
 * @param problems one line per mismatch (file name and what differs); empty when intact
 */
public record ManifestCheck(boolean intact, List<String> problems) {
  public ManifestCheck {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
