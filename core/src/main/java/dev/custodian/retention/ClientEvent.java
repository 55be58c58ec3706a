package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A client event as a stored fact with its own time: the contract ended, the client deleted
 * contacts, turned CRM synchronisation off, or asked for deletion. Retention clocks start from it;
 * since it is stored, a record created after the event still picks it up when the event's type
 * {@link ClientEventType#coversLaterRecords() covers later records}. Never deleted: a mistaken event
 * is withdrawn, and a new client-wide event of the same type supersedes the previous one.
 *
 * @param at when the event happened or happens (may be in the future: a contract ending on a date)
 * @param categories the categories it concerns; empty means every category
 * @param subjects the subjects it concerns; empty means every record of the client
 * @param basis what documents it (no personal data)
 */
public record ClientEvent(
    String id,
    ClientId client,
    ClientEventType type,
    Instant at,
    Set<CategoryId> categories,
    Set<SubjectIdentifier> subjects,
    String basis,
    String recordedBy,
    Instant recordedAt,
    Instant withdrawnAt,
    String withdrawnBy,
    String withdrawalReason) {

  public ClientEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(recordedBy, "recordedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
    categories = categories == null ? Set.of() : Set.copyOf(categories);
    subjects = subjects == null ? Set.of() : Set.copyOf(subjects);
    basis = basis == null ? "" : basis;
  }

  /** True until withdrawn. */
  public boolean active() {
    return withdrawnAt == null;
  }

  /** True if the event concerns every record of the client (no category or subject scope). */
  public boolean clientWide() {
    return categories.isEmpty() && subjects.isEmpty();
  }

  /** True if the event concerns records of {@code category}. */
  public boolean concerns(CategoryId category) {
    return categories.isEmpty() || categories.contains(category);
  }

  /**
   * True if this active event applies to a record of {@code category} with this time and these
   * subjects.
   */
  public boolean appliesTo(CategoryId category, Instant recordTime, Set<SubjectIdentifier> recordSubjects) {
    if (!active() || !concerns(category)) {
      return false;
    }
    if (!type.coversLaterRecords() && recordTime.isAfter(at)) {
      return false;
    }
    if (subjects.isEmpty()) {
      return true;
    }
    for (SubjectIdentifier s : recordSubjects) {
      if (subjects.contains(s)) {
        return true;
      }
    }
    return false;
  }

  ClientEvent withdrawn(Instant when, String by, String reason) {
    return new ClientEvent(id, client, type, at, categories, subjects, basis, recordedBy, recordedAt,
        when, by, reason);
  }
}
