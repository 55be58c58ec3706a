package dev.custodian.dsr;

import dev.custodian.client.ClientId;
import dev.custodian.terms.InstructedAction;
import dev.custodian.terms.CategoryId;
import dev.custodian.subject.SubjectIdentifier;
import dev.custodian.terms.RequestChannel;
import dev.custodian.terms.SubjectRight;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One client's part of a subject's request (R-DSR-2, R-DSR-6): the subject's identifiers found in
 * this client's data, where the data lies, the client's legal clock, and what was done on the
 * client's instructions. It names no other client and nothing of other clients' data.
 *
 * @param requestId the processor's request this case was opened for
 * @param subjects the subject's identifiers that appear in this client's data
 * @param located how many of this client's records concern the subject, per category, at routing
 * @param notifyBy the deadline for notifying the client (R-DSR-2)
 * @param notifiedAt when the client was notified; null until then
 * @param notificationEscalatedAt when an overdue notification was escalated; null if never
 * @param steps the instructed actions carried out, oldest first
 * @param erasure an erasure in progress (for resuming after a crash), or null
 * @param response the answer to the subject, once started, or null
 * @param closure how the case was closed, or null while open
 */
public record SubjectCase(
    String id,
    String requestId,
    ClientId client,
    SubjectRight right,
    RequestChannel channel,
    Instant receivedAt,
    Set<SubjectIdentifier> subjects,
    Map<CategoryId, Long> located,
    State state,
    Instant notifyBy,
    Instant notifiedAt,
    Instant notificationEscalatedAt,
    LegalClock clock,
    List<Step> steps,
    ErasureRun erasure,
    Response response,
    Closure closure) {

  /**
   * Where the case stands. AWAITING_NOTIFICATION, then OPEN once the client knows; RESPONDING while
   * an answer to the subject is being sent, RESPONDED after; CLOSED at the end.
   */
  public enum State {
    AWAITING_NOTIFICATION,
    OPEN,
    RESPONDING,
    RESPONDED,
    CLOSED
  }

  public SubjectCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(receivedAt, "receivedAt");
    subjects = Set.copyOf(subjects);
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("a subject case needs at least one identifier");
    }
    located = Collections.unmodifiableMap(new TreeMap<>(located == null ? Map.of() : located));
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(notifyBy, "notifyBy");
    Objects.requireNonNull(clock, "clock");
    steps = List.copyOf(steps == null ? List.of() : steps);
  }

  /** The instant the store lists this case by: the notification deadline while not notified. */
  Instant notificationDue() {
    return state == State.AWAITING_NOTIFICATION ? notifyBy : null;
  }

  SubjectCase with(State s) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located, s,
        notifyBy, notifiedAt, notificationEscalatedAt, clock, steps, erasure, response, closure);
  }

  SubjectCase notified(Instant at) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located,
        State.OPEN, notifyBy, at, notificationEscalatedAt, clock, steps, erasure, response,
        closure);
  }

  SubjectCase notificationEscalated(Instant at) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located,
        state, notifyBy, notifiedAt, at, clock, steps, erasure, response, closure);
  }

  SubjectCase withClock(LegalClock c) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located,
        state, notifyBy, notifiedAt, notificationEscalatedAt, c, steps, erasure, response, closure);
  }

  SubjectCase withStep(Step step) {
    List<Step> more = new ArrayList<>(steps);
    more.add(step);
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located,
        state, notifyBy, notifiedAt, notificationEscalatedAt, clock, more, erasure, response,
        closure);
  }

  SubjectCase withErasure(ErasureRun run) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located,
        state, notifyBy, notifiedAt, notificationEscalatedAt, clock, steps, run, response, closure);
  }

  SubjectCase withResponse(State s, Response r) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located, s,
        notifyBy, notifiedAt, notificationEscalatedAt, clock, steps, erasure, r, closure);
  }

  SubjectCase closed(Closure c) {
    return new SubjectCase(id, requestId, client, right, channel, receivedAt, subjects, located,
        State.CLOSED, notifyBy, notifiedAt, notificationEscalatedAt, clock, steps, erasure,
        response, c);
  }

  /** One instructed action, recorded before it ran. */
  public record Step(InstructedAction action, String instructionId, String by, Instant at) {
    public Step {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(instructionId, "instructionId");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * Progress of an erasure, checkpointed after every batch so a crash resumes it.
   *
   * @param categories the categories to erase, in order
   * @param index the category being erased
   * @param afterKey where to resume in that category (null: from the start)
   * @param deleted records deleted so far, per category
   * @param held records spared by legal holds, per category
   * @param keepFrom per category under a legal minimum (R-RET-2), the time from which records are
   *     kept now and their deletion deferred
   * @param deferred records whose deletion is deferred, per category
   * @param deferredUntil per category, until when the retention duty defers the deletion
   * @param deferralRecorded true once the deferred deletion is recorded with the retention duty
   */
  public record ErasureRun(
      String instructionId,
      List<CategoryId> categories,
      int index,
      String afterKey,
      Map<CategoryId, Long> deleted,
      Map<CategoryId, Long> held,
      Map<CategoryId, Instant> keepFrom,
      Map<CategoryId, Long> deferred,
      Map<CategoryId, Instant> deferredUntil,
      boolean deferralRecorded) {
    public ErasureRun {
      Objects.requireNonNull(instructionId, "instructionId");
      categories = List.copyOf(categories);
      deleted = sortedCopy(deleted);
      held = sortedCopy(held);
      keepFrom = sortedCopy(keepFrom);
      deferred = sortedCopy(deferred);
      deferredUntil = sortedCopy(deferredUntil);
    }

    /** A run that has not started, with its legal-minimum cut-offs. */
    static ErasureRun start(String instructionId, List<CategoryId> categories,
        Map<CategoryId, Instant> keepFrom) {
      return new ErasureRun(instructionId, categories, 0, null, Map.of(), Map.of(), keepFrom,
          Map.of(), Map.of(), keepFrom.isEmpty());
    }

    boolean done() {
      return index >= categories.size();
    }

    CategoryId current() {
      return categories.get(index);
    }

    ErasureRun deferralRecorded(Map<CategoryId, Long> counts, Map<CategoryId, Instant> until) {
      return new ErasureRun(instructionId, categories, index, afterKey, deleted, held, keepFrom,
          counts, until, true);
    }

    ErasureRun heldCounted(long n) {
      Map<CategoryId, Long> h = new TreeMap<>(held);
      h.put(current(), n);
      return new ErasureRun(instructionId, categories, index, afterKey, deleted, h, keepFrom,
          deferred, deferredUntil, deferralRecorded);
    }

    ErasureRun after(long n, String nextKey, boolean exhausted) {
      Map<CategoryId, Long> d = new TreeMap<>(deleted);
      d.merge(current(), n, Long::sum);
      return exhausted
          ? new ErasureRun(instructionId, categories, index + 1, null, d, held, keepFrom,
              deferred, deferredUntil, deferralRecorded)
          : new ErasureRun(instructionId, categories, index, nextKey, d, held, keepFrom, deferred,
              deferredUntil, deferralRecorded);
    }

    private static <V> Map<CategoryId, V> sortedCopy(Map<CategoryId, V> m) {
      Map<CategoryId, V> copy = new TreeMap<>();
      if (m != null) {
        m.forEach((k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
      }
      return Collections.unmodifiableMap(copy);
    }
  }

  /**
   * The answer to the subject.
   *
   * @param responseId stable across retries
   * @param sentAt null while being sent
   */
  public record Response(String responseId, String instructionId, String by, Instant startedAt,
      Instant sentAt) {
    public Response {
      Objects.requireNonNull(responseId, "responseId");
      Objects.requireNonNull(instructionId, "instructionId");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  /** Who closed the case, when and why. */
  public record Closure(String by, Instant at, String reason) {
    public Closure {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
