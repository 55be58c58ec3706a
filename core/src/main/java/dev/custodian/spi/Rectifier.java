package dev.custodian.spi;

import dev.custodian.client.ClientId;
import dev.custodian.terms.CategoryId;
import java.util.Map;

/**
 * How the host corrects a subject's record when the client instructs a rectification (R-DSR-4).
 * The library has already checked the instruction and that the record is the subject's.
 */
@FunctionalInterface
public interface Rectifier {

  /**
   * Sets the given fields of one record to the given values and commits.
   *
   * @param corrections field name to corrected value; values are personal data: never log them
   * @return true if the record was found and corrected
   */
  boolean rectify(ClientId client, CategoryId category, String recordId,
      Map<String, String> corrections);
}
