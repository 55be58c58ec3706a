package dev.custodian.retention;

import dev.custodian.client.ClientId;
import dev.custodian.spi.HostRecord;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.CategoryId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the classifier needs to know of one record. Instants are UTC.
 *
 * @param time the record's own time (the call, the message, the recording)
 * @param lastActivity the last active exchange, for rules counted from it; the record's time if
 *     the host tracks none
 * @param subjects the identifiers the record concerns (for subject-scoped holds and events); not
 *     copied, for the hot path: pass an immutable set
 */
public record RecordFacts(
    ClientId client,
    CategoryId category,
    Instant time,
    Instant lastActivity,
    Set<SubjectIdentifier> subjects) {

  public RecordFacts {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(time, "time");
    lastActivity = lastActivity == null ? time : lastActivity;
    subjects = subjects == null ? Set.of() : subjects;
  }

  /** A record with one time, used both as its own time and its last activity. */
  public static RecordFacts of(ClientId client, CategoryId category, Instant time,
      Set<SubjectIdentifier> subjects) {
    return new RecordFacts(client, category, time, time, subjects);
  }

  /** The facts of a host record, whose time serves as record time and last activity. */
  public static RecordFacts of(HostRecord r) {
    return new RecordFacts(r.client(), r.category(), r.time(), r.time(), r.subjects());
  }
}
