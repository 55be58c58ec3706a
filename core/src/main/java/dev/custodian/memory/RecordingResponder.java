package dev.custodian.memory;

import dev.custodian.spi.AuthorityResponse;
import dev.custodian.spi.Responder;
import dev.custodian.spi.SubjectResponse;
import java.util.ArrayList;
import java.util.List;

/** Keeps responses in memory instead of sending them, for tests and the demo. Thread-safe. */
public final class RecordingResponder implements Responder {
  private final List<SubjectResponse> subjects = new ArrayList<>();
  private final List<AuthorityResponse> authorities = new ArrayList<>();

  @Override
  public synchronized void answerSubject(SubjectResponse response) {
    subjects.add(response);
  }

  @Override
  public synchronized void answerAuthority(AuthorityResponse response) {
    authorities.add(response);
  }

  /** Every answer to a subject so far, oldest first. */
  public synchronized List<SubjectResponse> subjectResponses() {
    return List.copyOf(subjects);
  }

  /** Every answer to an authority so far, oldest first. */
  public synchronized List<AuthorityResponse> authorityResponses() {
    return List.copyOf(authorities);
  }
}
