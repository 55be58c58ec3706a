package dev.custodian.authority;

import dev.custodian.client.ClientId;
import dev.custodian.terms.AuthorityKind;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * An authority's disclosure request concerning one client (R-AUTH-1 to R-AUTH-3): whether the
 * client is informed or the law forbids it, under what it was answered.
 *
 * @param information whether the client has been, may be, or may not be informed
 * @param clientInformedAt when the client was informed; null until then
 * @param prohibition the prohibition to inform the client, if one was recorded (kept once lifted)
 * @param compulsion the legal compulsion approved by the designated officer, if any
 * @param answer the answer to the authority, once started
 * @param closure how the request was closed, or null
 */
public record AuthorityRequest(
    String id,
    ClientId client,
    AuthorityKind kind,
    String authority,
    String authorityReference,
    Set<SubjectIdentifier> subjects,
    Set<CategoryId> categories,
    Instant receivedAt,
    String receivedBy,
    ZoneId clientZone,
    Information information,
    Instant clientInformedAt,
    ProhibitionRecord prohibition,
    CompulsionRecord compulsion,
    State state,
    Answer answer,
    Closure closure) {

  /** Whether the client knows of the request. */
  public enum Information {
    /** The client may be informed and is about to be (a failed notice is retried). */
    PENDING,
    /** The client was informed (R-AUTH-1). */
    INFORMED,
    /** The law forbids informing the client (R-AUTH-1, R-AUTH-3). */
    PROHIBITED
  }

  /** Where the answer stands. */
  public enum State {
    OPEN,
    RESPONDING,
    ANSWERED,
    CLOSED
  }

  /** How an answer was authorised. */
  public enum Authority {
    /** The client's verified instruction (R-AUTH-2). */
    INSTRUCTION,
    /** A legal compulsion approved by the designated officer (R-AUTH-3). */
    COMPULSION
  }

  public AuthorityRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(authority, "authority");
    subjects = Set.copyOf(subjects);
    categories = Set.copyOf(categories);
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(receivedBy, "receivedBy");
    Objects.requireNonNull(clientZone, "clientZone");
    Objects.requireNonNull(information, "information");
    Objects.requireNonNull(state, "state");
    if (information == Information.PROHIBITED && prohibition == null) {
      throw new IllegalArgumentException("a prohibition to inform needs its legal basis on record");
    }
  }

  /**
   * The instant the store lists this request by: now-ish while the client is to be informed; the
   * review day while a prohibition holds and its review has not been escalated.
   */
  Instant due() {
    if (information == Information.PENDING) {
      return receivedAt;
    }
    if (information == Information.PROHIBITED && !prohibition.reviewOn()
        .equals(prohibition.reviewEscalatedFor())) {
      return prohibition.reviewOn().atStartOfDay(clientZone).toInstant();
    }
    return null;
  }

  AuthorityRequest with(Information i, Instant informedAt, ProhibitionRecord p) {
    return new AuthorityRequest(id, client, kind, authority, authorityReference, subjects,
        categories, receivedAt, receivedBy, clientZone, i, informedAt, p, compulsion, state, answer,
        closure);
  }

  AuthorityRequest withCompulsion(CompulsionRecord c) {
    return new AuthorityRequest(id, client, kind, authority, authorityReference, subjects,
        categories, receivedAt, receivedBy, clientZone, information, clientInformedAt, prohibition,
        c, state, answer, closure);
  }

  AuthorityRequest withAnswer(State s, Answer a) {
    return new AuthorityRequest(id, client, kind, authority, authorityReference, subjects,
        categories, receivedAt, receivedBy, clientZone, information, clientInformedAt, prohibition,
        compulsion, s, a, closure);
  }

  AuthorityRequest closed(Closure c) {
    return new AuthorityRequest(id, client, kind, authority, authorityReference, subjects,
        categories, receivedAt, receivedBy, clientZone, information, clientInformedAt, prohibition,
        compulsion, State.CLOSED, answer, c);
  }

  /**
   * A prohibition to inform the client, its reviews and its lifting.
   *
   * @param reviewEscalatedFor the review day last escalated to the privacy contact, or null
   * @param liftedAt when it was lifted; null while it holds
   */
  public record ProhibitionRecord(
      String legalBasis,
      LocalDate reviewOn,
      String recordedBy,
      Instant recordedAt,
      LocalDate reviewEscalatedFor,
      String liftedBy,
      Instant liftedAt,
      String liftReason) {
    public ProhibitionRecord {
      Objects.requireNonNull(legalBasis, "legalBasis");
      Objects.requireNonNull(reviewOn, "reviewOn");
      Objects.requireNonNull(recordedBy, "recordedBy");
      Objects.requireNonNull(recordedAt, "recordedAt");
    }

    ProhibitionRecord renewed(LocalDate until) {
      return new ProhibitionRecord(legalBasis, until, recordedBy, recordedAt, reviewEscalatedFor,
          liftedBy, liftedAt, liftReason);
    }

    ProhibitionRecord reviewEscalated() {
      return new ProhibitionRecord(legalBasis, reviewOn, recordedBy, recordedAt, reviewOn,
          liftedBy, liftedAt, liftReason);
    }

    ProhibitionRecord lifted(String by, Instant at, String reason) {
      return new ProhibitionRecord(legalBasis, reviewOn, recordedBy, recordedAt,
          reviewEscalatedFor, by, at, reason);
    }
  }

  /** A legal compulsion to answer, approved by the processor's designated officer (R-AUTH-3). */
  public record CompulsionRecord(
      String id, String legalBasis, String documentReference, String approvedBy,
      Instant approvedAt) {
    public CompulsionRecord {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(legalBasis, "legalBasis");
      Objects.requireNonNull(documentReference, "documentReference");
      Objects.requireNonNull(approvedBy, "approvedBy");
      Objects.requireNonNull(approvedAt, "approvedAt");
    }
  }

  /**
   * The answer to the authority.
   *
   * @param basis the instruction id or the compulsion id
   * @param sentAt null while being sent
   */
  public record Answer(String responseId, Authority under, String basis, String by,
      Instant startedAt, Instant sentAt) {
    public Answer {
      Objects.requireNonNull(responseId, "responseId");
      Objects.requireNonNull(under, "under");
      Objects.requireNonNull(basis, "basis");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  /** Who closed the request, when and why. */
  public record Closure(String by, Instant at, String reason) {
    public Closure {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
