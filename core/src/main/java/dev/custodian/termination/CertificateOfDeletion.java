package dev.custodian.termination;

import dev.custodian.client.ClientId;
import dev.custodian.internal.Json;
import dev.custodian.terms.CategoryId;
import dev.custodian.spi.SubprocessorInstruction;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * The certificate of deletion of a client's data at termination (R-TERM-6): per category what was
 * returned, deleted, archived (until when, on which basis) and held; which sub-processors
 * confirmed; the client's key; and the range of the evidence log that backs it, so that {@link
 * CertificateVerifier} can check every figure against the log. It holds no personal data.
 *
 * <p>{@link #toJson()} is the canonical form: its SHA-256 is recorded in the evidence log when the
 * certificate is issued. {@link #render()} is the same content as plain text for a person.
 *
 * @param evidenceFrom the sequence of the entry that opened the termination
 * @param evidenceTo the last sequence covered; the issuing entry follows it
 * @param evidenceToHash the hash of the entry at {@code evidenceTo}, pinning the chain
 * @param keyStatus what became of the client's data key (R-TERM-7)
 */
public record CertificateOfDeletion(
    String caseId,
    ClientId client,
    Instant terminationDate,
    TerminationMode mode,
    String choiceBy,
    Instant choiceAt,
    String scheduleVersion,
    List<CategoryLine> categories,
    ReturnSummary returnArchive,
    List<SubprocessorLine> subProcessors,
    String keyStatus,
    long evidenceFrom,
    long evidenceTo,
    String evidenceToHash,
    Instant issuedAt) {

  public CertificateOfDeletion {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(client, "client");
    categories = categories == null ? List.of() : List.copyOf(categories);
    subProcessors = subProcessors == null ? List.of() : List.copyOf(subProcessors);
  }

  /**
   * One category's outcome.
   *
   * @param archivedUntil the latest date the restricted archive is kept; null if not archived
   * @param archiveClock {@code contract end} or {@code record time}: what the archive period counts
   *     from; null if not archived
   * @param basis the schedule rule or contract clause behind the disposition
   */
  public record CategoryLine(
      CategoryId category,
      Disposition disposition,
      long returned,
      long deleted,
      long archived,
      Instant archivedUntil,
      Period archivePeriod,
      String archiveClock,
      String basis,
      long held) {}

  /**
   * The return archive and its hand-over (R-TERM-3, R-TERM-8).
   *
   * @param discardedArchives earlier exports that stopped half-way, whose files were removed from
   *     the archive store (each removal is in the evidence log)
   * @param partialFilesLeft partial copies found in the archive store, over every export of the
   *     case, when the certificate was issued: 0 means none remains
   */
  public record ReturnSummary(
      String archiveId,
      String manifestSha256,
      long records,
      boolean encrypted,
      Instant deliveredAt,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String acknowledgement,
      List<String> discardedArchives,
      int partialFilesLeft) {

    public ReturnSummary {
      discardedArchives = discardedArchives == null ? List.of() : List.copyOf(discardedArchives);
    }
  }

  /** One sub-processor's confirmation (R-TERM-4). */
  public record SubprocessorLine(
      String name,
      SubprocessorInstruction.Action action,
      String instructionId,
      Instant instructedAt,
      Instant acknowledgedAt,
      String reference,
      Instant escalatedAt) {}

  /** The canonical JSON form, whose SHA-256 the evidence log records. */
  public String toJson() {
    return Json.write(this);
  }

  /** The SHA-256 (hex) of {@link #toJson()}. */
  public String sha256() {
    return Digests.sha256(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Reads a certificate from its JSON form. */
  public static CertificateOfDeletion fromJson(String json) {
    return Json.read(json, CertificateOfDeletion.class);
  }

  /** The certificate as plain text, for a person to read. */
  public String render() {
    StringBuilder s = new StringBuilder();
    s.append("CERTIFICATE OF DELETION AT TERMINATION\n");
    s.append("======================================\n\n");
    s.append("Client:            ").append(client).append('\n');
    s.append("Termination case:  ").append(caseId).append('\n');
    s.append("Contract ended:    ").append(terminationDate).append('\n');
    s.append("Client's choice:   ").append(switch (mode) {
      case RETURN -> "return, then deletion";
      case DELETE -> "irreversible deletion";
      case DELETE_BY_DEFAULT -> "none by the deadline: deletion (DPA 8.3)";
    });
    if (choiceBy != null) {
      s.append(" (by ").append(choiceBy).append(", ").append(choiceAt).append(')');
    }
    s.append('\n');
    s.append("Retention schedule: ").append(scheduleVersion).append('\n');
    s.append("Issued:            ").append(issuedAt).append("\n\n");

    s.append("Data by category\n----------------\n");
    for (CategoryLine c : categories) {
      s.append(String.format("%-18s %s%n", c.category(), describe(c)));
      if (c.basis() != null && !c.basis().isBlank()) {
        s.append(String.format("%-18s basis: %s%n", "", c.basis()));
      }
    }
    s.append('\n');
    if (returnArchive != null) {
      s.append("Return archive\n--------------\n");
      s.append("Archive ").append(returnArchive.archiveId()).append(": ")
          .append(returnArchive.records()).append(" records")
          .append(returnArchive.encrypted() ? ", encrypted (AES-256-GCM, key delivered separately)" : "")
          .append('\n');
      s.append("Manifest SHA-256: ").append(returnArchive.manifestSha256()).append('\n');
      s.append("Delivered ").append(returnArchive.deliveredAt()).append("; ")
          .append("client".equals(returnArchive.acknowledgement())
              ? "acknowledged by " + returnArchive.acknowledgedBy()
              : "checksums verified by " + returnArchive.acknowledgedBy())
          .append(" at ").append(returnArchive.acknowledgedAt()).append('\n');
      if (!returnArchive.discardedArchives().isEmpty()) {
        s.append("Interrupted exports removed from the archive store: ")
            .append(String.join(", ", returnArchive.discardedArchives())).append('\n');
      }
      s.append(returnArchive.partialFilesLeft() == 0
          ? "No partial copy of the export remains in the archive store.\n"
          : "PARTIAL COPIES LEFT IN THE ARCHIVE STORE: " + returnArchive.partialFilesLeft() + "\n");
      s.append("From the hand-over on, the returned copy is the client's responsibility (DPA 8.3).\n\n");
    }
    s.append("Sub-processors\n--------------\n");
    if (subProcessors.isEmpty()) {
      s.append("None handled the client's data.\n");
    }
    for (SubprocessorLine p : subProcessors) {
      s.append(p.name()).append(": instructed to ")
          .append(p.action() == SubprocessorInstruction.Action.DELETE ? "delete" : "return then delete")
          .append(" at ").append(p.instructedAt()).append("; ");
      s.append(p.acknowledgedAt() != null
          ? "confirmed at " + p.acknowledgedAt() + (p.reference() == null ? "" : " (ref. " + p.reference() + ")")
          : "NOT CONFIRMED" + (p.escalatedAt() == null ? "" : ", escalated at " + p.escalatedAt()));
      s.append('\n');
    }
    s.append('\n');
    s.append("Client data key: ").append(keyStatus).append("\n\n");
    s.append("Evidence: entries ").append(evidenceFrom).append(" to ").append(evidenceTo)
        .append(" of the processor's evidence log (hash at ").append(evidenceTo).append(": ")
        .append(evidenceToHash).append(").\n");
    s.append("Certificate SHA-256: ").append(sha256()).append('\n');
    return s.toString();
  }

  private static String describe(CategoryLine c) {
    return switch (c.disposition()) {
      case RETURN_THEN_DELETE -> c.returned() + " returned, " + c.deleted() + " deleted" + held(c);
      case DELETE -> c.deleted() + " deleted" + held(c);
      case LEGAL_ARCHIVE -> c.archived() + " kept as restricted archive until " + c.archivedUntil()
          + ("record time".equals(c.archiveClock())
              ? " at the latest (each record " + c.archivePeriod() + " after its own time)"
              : "") + ", then deleted" + held(c);
      case NOT_STORED -> "never stored" + (c.deleted() > 0 ? "; " + c.deleted() + " found and deleted" : "");
      case NOT_CLIENT_DATA -> "the operator's own data, not the client's: not affected";
    };
  }

  private static String held(CategoryLine c) {
    return c.held() > 0 ? "; " + c.held() + " kept under a legal hold (R-HOLD-1)" : "";
  }
}
