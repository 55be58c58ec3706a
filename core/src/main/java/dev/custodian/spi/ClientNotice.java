package dev.custodian.spi;

import dev.custodian.terms.AuthorityKind;
import dev.custodian.client.ClientId;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A notice for one client, delivered by the host's {@link RequestNotifier}. Each kind carries only
 * what concerns the client it is addressed to: never another client's existence, cases or data
 * (R-DSR-6, R-ACC-2).
 */
public sealed interface ClientNotice {

  /** The client the notice is for. */
  ClientId client();

  /** An id that is the same each time this notice is delivered again, for de-duplication. */
  String noticeId();

  /**
   * A subject exercised a right and this client holds data on them (R-DSR-2). No instruction is
   * implied: the processor waits for the client's written, specific and prior instruction.
   *
   * @param subjects the subject's identifiers that appear in this client's data
   * @param located how many of this client's records concern the subject, per category
   * @param legalDueDate the client's legal deadline to answer the subject, in its zone (R-DSR-8)
   */
  record SubjectRequest(
      ClientId client,
      String caseId,
      SubjectRight right,
      RequestChannel channel,
      Instant receivedAt,
      LocalDate legalDueDate,
      Set<SubjectIdentifier> subjects,
      Map<CategoryId, Long> located)
      implements ClientNotice {
    public SubjectRequest {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(right, "right");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(legalDueDate, "legalDueDate");
      subjects = Set.copyOf(subjects);
      located = Collections.unmodifiableMap(new TreeMap<>(located));
    }

    @Override
    public String noticeId() {
      return caseId + ":opened";
    }
  }

  /**
   * An authority asked for the client's data (R-AUTH-1). Sent without delay, or once a prohibition
   * to inform the client has lifted (then {@code afterProhibition} is true and {@code answeredAt}
   * says whether the processor already answered under legal compulsion, R-AUTH-3).
   */
  record AuthorityRequest(
      ClientId client,
      String requestId,
      AuthorityKind authorityKind,
      String authority,
      String authorityReference,
      Instant receivedAt,
      Set<SubjectIdentifier> subjects,
      Set<CategoryId> categories,
      boolean afterProhibition,
      Instant answeredAt)
      implements ClientNotice {
    public AuthorityRequest {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(authorityKind, "authorityKind");
      Objects.requireNonNull(authority, "authority");
      Objects.requireNonNull(receivedAt, "receivedAt");
      subjects = Set.copyOf(subjects);
      categories = Set.copyOf(categories);
    }

    @Override
    public String noticeId() {
      return requestId + (afterProhibition ? ":informed-after-prohibition" : ":informed");
    }
  }

  /**
   * The processor considers one of the client's instructions to infringe data-protection law; it is
   * held, not executed, until resolved (DPA 3.2, R-ASSIST-2).
   */
  record InstructionHeld(
      ClientId client, String instructionId, String target, InstructedAction action, String reason)
      implements ClientNotice {
    public InstructionHeld {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(instructionId, "instructionId");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String noticeId() {
      return instructionId + ":held";
    }
  }

  /**
   * A quote (devis) for assistance the client asked for; billable work waits for its acceptance
   * (R-DSR-5).
   */
  record AssistanceQuote(
      ClientId client,
      String assistanceId,
      String caseId,
      BigDecimal amount,
      Currency currency,
      String description,
      LocalDate validUntil)
      implements ClientNotice {
    public AssistanceQuote {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(assistanceId, "assistanceId");
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(validUntil, "validUntil");
    }

    @Override
    public String noticeId() {
      return assistanceId + ":quote";
    }
  }
}
