package dev.custodian.evidence;

import dev.custodian.client.ClientId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a duty asks the log to record; the log adds sequence, time and hashes. Build with {@link
 * #of(String, String)} and the {@code with...} methods.
 *
 * @param client the client concerned, or null for a processor-wide fact
 * @param action a dotted code, for example {@code dsr.response.refused}
 * @param actor the principal id, or {@code system} for the library itself
 * @param basis the instruction id, rule id or legal basis behind the action; may be null
 * @param details extra facts; never a subject identifier in clear (use a {@code Pseudonymizer})
 * @param step the identity of the duty's step this entry is the evidence of, or null: the log
 *     holds at most one entry per step, so appending a record whose step is already logged is a
 *     no-op that returns the logged entry (a step retried after a crash is recorded once)
 */
public record EvidenceRecord(
    ClientId client, String action, String actor, String basis, Map<String, String> details,
    String step) {

  /** The longest step identity a store must keep. */
  public static final int MAX_STEP_LENGTH = 200;

  /**
   * Checks the record: a record that exists can be written (R-EVID-2).
   *
   * @param client the client concerned, or null for a processor-wide fact
   * @param action a dotted lower-case code
   * @param actor the principal id, or {@code system}
   * @param basis the instruction, rule or legal basis behind the action, or null
   * @param details extra facts, copied; never personal data in clear
   * @param step the step this record is the evidence of, or null
   * @throws IllegalArgumentException if the action is not a dotted lower-case code or the step is
   *     blank or longer than {@link #MAX_STEP_LENGTH}
   * @throws PersonalDataInEvidenceException if the actor, the basis or a detail holds a phone
   *     number or an e-mail address in clear
   */
  public EvidenceRecord {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    if (!action.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
      throw new IllegalArgumentException("action must be a dotted lower-case code");
    }
    details = details == null ? Map.of() : Map.copyOf(details);
    // Refused here, not only at append: a duty builds its record before it changes state, so
    // a record that could not be written stops the duty before anything is kept (R-EVID-2).
    EvidenceLog.refusePersonalData("actor", actor);
    EvidenceLog.refusePersonalData("basis", basis);
    EvidenceLog.refusePersonalData("step", step);
    for (Map.Entry<String, String> d : details.entrySet()) {
      EvidenceLog.refusePersonalData(d.getKey(), d.getKey());
      EvidenceLog.refusePersonalData(d.getKey(), d.getValue());
    }
    if (step != null && (step.isBlank() || step.length() > MAX_STEP_LENGTH)) {
      throw new IllegalArgumentException("a step identity is 1 to " + MAX_STEP_LENGTH
          + " characters, not blank");
    }
  }

  /**
   * A record that is no step's evidence.
   *
   * @param client the client concerned, or null for a processor-wide fact
   * @param action a dotted lower-case code
   * @param actor the principal id, or {@code system}
   * @param basis the instruction, rule or legal basis behind the action, or null
   * @param details extra facts, copied; never personal data in clear
   */
  public EvidenceRecord(ClientId client, String action, String actor, String basis,
      Map<String, String> details) {
    this(client, action, actor, basis, details, null);
  }

  /**
   * A record of {@code action} by {@code actor}, for no client, without basis, details or step;
   * the {@code with...} methods add them.
   *
   * @param action a dotted lower-case code, for example {@code hold.placed}
   * @param actor the principal id, or {@code system}
   * @return the record
   */
  public static EvidenceRecord of(String action, String actor) {
    return new EvidenceRecord(null, action, actor, null, Map.of(), null);
  }

  /**
   * A copy for client {@code value}.
   *
   * @param value the client concerned, or null for a processor-wide fact
   * @return the copy
   */
  public EvidenceRecord withClient(ClientId value) {
    return new EvidenceRecord(value, action, actor, basis, details, step);
  }

  /**
   * A copy with basis {@code value}.
   *
   * @param value the instruction, rule or legal basis behind the action; no personal data
   * @return the copy
   */
  public EvidenceRecord withBasis(String value) {
    return new EvidenceRecord(client, action, actor, value, details, step);
  }

  /**
   * A copy that is the evidence of step {@code stepId}: a stable identity of one step of one duty,
   * the same on every retry (for example {@code termination/<case>/category.deleted/CALL_RECORDING});
   * never personal data in clear.
   *
   * @param stepId the step's identity, 1 to {@link #MAX_STEP_LENGTH} characters
   * @return the copy
   */
  public EvidenceRecord withStep(String stepId) {
    return new EvidenceRecord(client, action, actor, basis, details,
        Objects.requireNonNull(stepId, "stepId"));
  }

  /**
   * A copy with one more detail (replacing one of the same key); {@code value} is rendered with
   * {@code String.valueOf}.
   *
   * @param key the detail's name
   * @param value its value; no personal data in clear
   * @return the copy
   */
  public EvidenceRecord withDetail(String key, Object value) {
    Map<String, String> copy = new LinkedHashMap<>(details);
    copy.put(key, String.valueOf(value));
    return new EvidenceRecord(client, action, actor, basis, copy, step);
  }
}
