package dev.custodian.dsr;

import dev.custodian.client.ClientId;
import dev.custodian.internal.Json;
import dev.custodian.spi.HostRecord;
import dev.custodian.terms.SubjectRight;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The subject's data in one client's records, produced for that client on its instruction to
 * answer an access or portability request (R-DSR-4). It holds personal data: hand it to the client
 * only; it is neither stored nor logged by the library.
 *
 * @param records the records, in category then key order
 */
public record SubjectExport(
    String caseId,
    ClientId client,
    SubjectRight right,
    Instant producedAt,
    String instructionId,
    List<HostRecord> records) {

  public SubjectExport {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(producedAt, "producedAt");
    Objects.requireNonNull(instructionId, "instructionId");
    records = List.copyOf(records);
  }

  /** The export as JSON, a structured, commonly used, machine-readable format (GDPR 20). */
  public String toJson() {
    return Json.write(this);
  }

  @Override
  public String toString() {
    return "SubjectExport[" + caseId + ", " + records.size() + " records]";
  }
}
